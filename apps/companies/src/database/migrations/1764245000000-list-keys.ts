import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keyset pages: the admin's list of every company walks (created_at, id), and a partner's list of
 * imports walks (partner_id, created_at, id); a partner's companies already have their index
 * (`company_partner_created`). The imports index replaces the one without the id.
 */
export class ListKeys1764245000000 implements MigrationInterface {
  name = 'ListKeys1764245000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX company_created ON companies.company (created_at, id)`);
    await q.query(`DROP INDEX companies.import_partner_created`);
    await q.query(`CREATE INDEX import_partner_created ON companies.import (partner_id, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX companies.import_partner_created`);
    await q.query(`CREATE INDEX import_partner_created ON companies.import (partner_id, created_at)`);
    await q.query(`DROP INDEX companies.company_created`);
  }
}
