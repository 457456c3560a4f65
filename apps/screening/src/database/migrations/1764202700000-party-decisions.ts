import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matches are no longer screened pair by pair: each company and each opportunity gets one decision
 * per party version, list version and rules version, audited once. The entry names the decision it
 * records (`decision_id`), and a unique index keeps a decision given again from being audited twice.
 */
export class PartyDecisions1764202700000 implements MigrationInterface {
  name = 'PartyDecisions1764202700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE screening.audit_log ADD COLUMN decision_id text`);
    await q.query(`CREATE UNIQUE INDEX audit_log_decision ON screening.audit_log (decision_id) WHERE decision_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX screening.audit_log_decision`);
    await q.query(`ALTER TABLE screening.audit_log DROP COLUMN decision_id`);
  }
}
