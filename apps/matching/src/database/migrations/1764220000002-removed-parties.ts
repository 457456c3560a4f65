import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ids of companies and opportunities deleted, so that an older upsert the event log delivers
 * again after their deletion (a redelivery after a crash comes after newer events) cannot bring
 * one back. Ids are UUIDs and never reused.
 */
export class RemovedParties1764220000002 implements MigrationInterface {
  name = 'RemovedParties1764220000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE matching.removed (
      kind text NOT NULL CHECK (kind IN ('company', 'opportunity')),
      id uuid NOT NULL,
      removed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (kind, id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE matching.removed`);
  }
}
