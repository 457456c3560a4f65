import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk imports: one row per job, and one per row of its file, staged as the gateway reads the body
 * (the profile, or the gateway's reasons to refuse it) and given its result once stored. A company
 * is looked up by (partner, INN) through the existing `company_partner_inn` unique index: no new
 * index on companies.company is needed.
 */
export class Imports1764240000000 implements MigrationInterface {
  name = 'Imports1764240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE companies.import (
      id uuid PRIMARY KEY,
      partner_id uuid NOT NULL REFERENCES companies.partner(id),
      dry_run boolean NOT NULL,
      status text NOT NULL CHECK (status IN ('receiving', 'running', 'done', 'failed')),
      total integer,
      error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX import_partner_created ON companies.import (partner_id, created_at)`);
    await q.query(`CREATE INDEX import_unfinished ON companies.import (created_at) WHERE status IN ('receiving', 'running')`);
    // status: pending (staged), processing (claimed by a worker since claimed_at), then its result.
    await q.query(`CREATE TABLE companies.import_row (
      import_id uuid NOT NULL REFERENCES companies.import(id) ON DELETE CASCADE,
      row_no integer NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'processing', 'created', 'updated', 'unchanged', 'rejected')),
      profile jsonb,
      company_id uuid,
      details jsonb,
      claimed_at timestamptz,
      PRIMARY KEY (import_id, row_no)
    )`);
    await q.query(`CREATE INDEX import_row_waiting ON companies.import_row (import_id, row_no) WHERE status IN ('pending', 'processing')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE companies.import_row`);
    await q.query(`DROP TABLE companies.import`);
  }
}
