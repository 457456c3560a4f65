import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matches get a stable id, their verdict as a column (listings filter on it) and whether the screening
 * service gave it. The breakdown is no longer stored: it is explained again when read, from the same
 * company and opportunity the score was computed from. Matching holds projections only: they are emptied and the cursors reset, so the
 * service rebuilds every match, screened, from the owners' outboxes.
 */
export class MatchScreening1764202000000 implements MigrationInterface {
  name = 'MatchScreening1764202000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM matching.match`);
    await q.query(`DELETE FROM matching.cursor`);
    await q.query(`DELETE FROM matching.company`);
    await q.query(`DELETE FROM matching.opportunity`);
    await q.query(`ALTER TABLE matching.match DROP COLUMN breakdown`);
    await q.query(`ALTER TABLE matching.match ADD COLUMN id uuid NOT NULL`);
    await q.query(`ALTER TABLE matching.match ADD COLUMN verdict text NOT NULL`);
    await q.query(`ALTER TABLE matching.match ADD COLUMN screened boolean NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX match_id ON matching.match (id)`);
    await q.query(`CREATE INDEX match_unscreened ON matching.match (company_id) WHERE NOT screened`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX matching.match_unscreened`);
    await q.query(`DROP INDEX matching.match_id`);
    await q.query(`ALTER TABLE matching.match DROP COLUMN screened, DROP COLUMN verdict, DROP COLUMN id`);
    await q.query(`DELETE FROM matching.match`);
    await q.query(`ALTER TABLE matching.match ADD COLUMN breakdown jsonb NOT NULL`);
  }
}
