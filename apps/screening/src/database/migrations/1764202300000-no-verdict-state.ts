import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every verdict is now audited, compactly, one entry per screening request: the last verdict of each
 * pair no longer needs keeping to decide what to audit.
 */
export class NoVerdictState1764202300000 implements MigrationInterface {
  name = 'NoVerdictState1764202300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE screening.verdict_state`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE screening.verdict_state (
      company_id uuid NOT NULL,
      opportunity_id uuid NOT NULL,
      fingerprint char(40) NOT NULL,
      PRIMARY KEY (company_id, opportunity_id)
    )`);
  }
}
