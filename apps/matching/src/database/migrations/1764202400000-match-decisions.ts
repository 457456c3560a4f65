import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A verdict is stored once per distinct decision (`matching.decision`, keyed by a digest of the
 * record) and matches refer to it: many matches share one decision, so a match row shrinks from about
 * a kilobyte to its ids, score and flags. Matching holds projections only: they are emptied and the
 * cursors reset, so the service rebuilds every match from the owners' outboxes. Held introductions
 * are the only record of their requests and stay.
 */
export class MatchDecisions1764202400000 implements MigrationInterface {
  name = 'MatchDecisions1764202400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM matching.match`);
    await q.query(`DELETE FROM matching.cursor`);
    await q.query(`DELETE FROM matching.company`);
    await q.query(`DELETE FROM matching.opportunity`);
    await q.query(`CREATE TABLE matching.decision (key text PRIMARY KEY, record jsonb NOT NULL)`);
    await q.query(`ALTER TABLE matching.match DROP COLUMN compliance`);
    await q.query(`ALTER TABLE matching.match ADD COLUMN decision text NOT NULL REFERENCES matching.decision (key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM matching.match`);
    await q.query(`DELETE FROM matching.cursor`);
    await q.query(`DELETE FROM matching.company`);
    await q.query(`DELETE FROM matching.opportunity`);
    await q.query(`ALTER TABLE matching.match DROP COLUMN decision`);
    await q.query(`ALTER TABLE matching.match ADD COLUMN compliance jsonb NOT NULL`);
    await q.query(`DROP TABLE matching.decision`);
  }
}
