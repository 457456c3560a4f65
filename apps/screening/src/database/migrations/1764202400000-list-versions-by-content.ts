import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A list version is its content: one row per file (unique SHA-256), never rewritten in place. Each
 * row has a state instead of the `active` flag: in force (at most one), superseded, a candidate held
 * for an admin (at most one) with why it was held, rejected, or withdrawn; and who decided, when.
 */
export class ListVersionsByContent1764202400000 implements MigrationInterface {
  name = 'ListVersionsByContent1764202400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE screening.list_version
      ADD COLUMN state text NOT NULL DEFAULT 'superseded',
      ADD COLUMN held jsonb,
      ADD COLUMN decided_by text,
      ADD COLUMN decided_at timestamptz,
      ADD COLUMN decision_note text`);
    await q.query(`UPDATE screening.list_version SET state = 'in_force' WHERE active`);
    await q.query(`ALTER TABLE screening.list_version ALTER COLUMN state DROP DEFAULT`);
    await q.query(`ALTER TABLE screening.list_version ADD CONSTRAINT list_version_state
      CHECK (state IN ('in_force', 'superseded', 'candidate', 'rejected', 'withdrawn'))`);
    await q.query(`ALTER TABLE screening.list_version ADD CONSTRAINT list_version_held_candidate
      CHECK (state <> 'candidate' OR held IS NOT NULL)`);
    await q.query(`DROP INDEX screening.list_version_one_active`);
    await q.query(`ALTER TABLE screening.list_version DROP COLUMN active`);
    await q.query(`CREATE UNIQUE INDEX list_version_one_in_force ON screening.list_version (state) WHERE state = 'in_force'`);
    await q.query(`CREATE UNIQUE INDEX list_version_one_candidate ON screening.list_version (state) WHERE state = 'candidate'`);
    await q.query(`CREATE UNIQUE INDEX list_version_sha256 ON screening.list_version (sha256)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX screening.list_version_sha256`);
    await q.query(`DROP INDEX screening.list_version_one_candidate`);
    await q.query(`DROP INDEX screening.list_version_one_in_force`);
    await q.query(`ALTER TABLE screening.list_version ADD COLUMN active boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE screening.list_version SET active = true WHERE state = 'in_force'`);
    await q.query(`CREATE UNIQUE INDEX list_version_one_active ON screening.list_version (active) WHERE active`);
    await q.query(`ALTER TABLE screening.list_version
      DROP CONSTRAINT list_version_held_candidate,
      DROP CONSTRAINT list_version_state,
      DROP COLUMN decision_note,
      DROP COLUMN decided_at,
      DROP COLUMN decided_by,
      DROP COLUMN held,
      DROP COLUMN state`);
  }
}
