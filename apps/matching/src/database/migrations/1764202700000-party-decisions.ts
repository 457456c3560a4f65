import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A match's verdict is now the worse of two party decisions, one per company and one per
 * opportunity, each stored once (`matching.party_decision`) instead of a decision per match. A
 * match row keeps its list (`prohibited`: the best few prohibited matches are kept apart from the
 * leads). Matching holds projections only: they are emptied and the cursors reset, so the service
 * rebuilds every match and decision from the owners' outboxes. Held introductions stay.
 */
export class PartyDecisions1764202700000 implements MigrationInterface {
  name = 'PartyDecisions1764202700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM matching.match`);
    await q.query(`DELETE FROM matching.cursor`);
    await q.query(`DELETE FROM matching.company`);
    await q.query(`DELETE FROM matching.opportunity`);
    await q.query(`DROP INDEX IF EXISTS matching.match_unscreened`);
    await q.query(`ALTER TABLE matching.match DROP COLUMN decision, DROP COLUMN verdict, DROP COLUMN screened, DROP COLUMN screened_at`);
    await q.query(`ALTER TABLE matching.match ADD COLUMN prohibited boolean NOT NULL`);
    await q.query(`DROP TABLE matching.decision`);
    await q.query(`CREATE TABLE matching.party_decision (
      kind text NOT NULL,
      party_id uuid NOT NULL,
      screened boolean NOT NULL,
      record jsonb NOT NULL,
      PRIMARY KEY (kind, party_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM matching.match`);
    await q.query(`DELETE FROM matching.cursor`);
    await q.query(`DELETE FROM matching.company`);
    await q.query(`DELETE FROM matching.opportunity`);
    await q.query(`DROP TABLE matching.party_decision`);
    await q.query(`CREATE TABLE matching.decision (key text PRIMARY KEY, record jsonb NOT NULL)`);
    await q.query(`ALTER TABLE matching.match DROP COLUMN prohibited`);
    await q.query(`ALTER TABLE matching.match ADD COLUMN decision text NOT NULL REFERENCES matching.decision (key),
      ADD COLUMN verdict text NOT NULL, ADD COLUMN screened boolean NOT NULL, ADD COLUMN screened_at timestamptz NOT NULL`);
    await q.query(`CREATE INDEX match_unscreened ON matching.match (company_id) WHERE NOT screened`);
  }
}
