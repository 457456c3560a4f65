import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Compliance officers, each with their own API key (its SHA-256 only); a revoked officer's key is refused. */
export class Officers1764210000000 implements MigrationInterface {
  name = 'Officers1764210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE companies.officer (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      email text,
      api_key_hash char(64) NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE companies.officer`);
  }
}
