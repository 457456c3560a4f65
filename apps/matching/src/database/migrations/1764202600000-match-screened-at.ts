import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each match keeps the moment its verdict was given (`screened_at`), so a stored decision holds only
 * what verdicts given alike share and is stored once for all of them, whichever request gave it. The
 * moment is taken from each match's current decision; those older rows keep it in their record too,
 * and readers ignore it there.
 */
export class MatchScreenedAt1764202600000 implements MigrationInterface {
  name = 'MatchScreenedAt1764202600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE matching.match ADD COLUMN screened_at timestamptz`);
    await q.query(
      `UPDATE matching.match m SET screened_at = COALESCE((d.record->>'screenedAt')::timestamptz, m.scored_at)
         FROM matching.decision d WHERE d.key = m.decision`,
    );
    await q.query(`ALTER TABLE matching.match ALTER COLUMN screened_at SET NOT NULL`);
  }

  /** Decisions stored since lack their moment: the projections are emptied and rebuilt from the outboxes. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM matching.match`);
    await q.query(`DELETE FROM matching.cursor`);
    await q.query(`DELETE FROM matching.company`);
    await q.query(`DELETE FROM matching.opportunity`);
    await q.query(`ALTER TABLE matching.match DROP COLUMN screened_at`);
  }
}
