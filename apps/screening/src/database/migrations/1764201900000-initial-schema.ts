import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764201900000 implements MigrationInterface {
  name = 'InitialSchema1764201900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE screening.list_version (
      id serial PRIMARY KEY,
      version text NOT NULL UNIQUE,
      source text NOT NULL,
      generated_at text,
      sha256 char(64) NOT NULL,
      counts jsonb NOT NULL,
      loaded_at timestamptz NOT NULL DEFAULT now(),
      active boolean NOT NULL DEFAULT false
    )`);
    await q.query(`CREATE UNIQUE INDEX list_version_one_active ON screening.list_version (active) WHERE active`);
    await q.query(`CREATE TABLE screening.list_entry (
      version_id integer NOT NULL REFERENCES screening.list_version(id) ON DELETE CASCADE,
      reference_number text NOT NULL,
      entry jsonb NOT NULL,
      PRIMARY KEY (version_id, reference_number)
    )`);
    await q.query(`CREATE TABLE screening.audit_log (
      seq bigserial PRIMARY KEY,
      kind text NOT NULL,
      verdict text,
      rule_ids text[] NOT NULL DEFAULT '{}',
      list_references text[] NOT NULL DEFAULT '{}',
      list_version text,
      rules_version text,
      actor text NOT NULL,
      inputs jsonb NOT NULL,
      details jsonb NOT NULL DEFAULT '{}',
      occurred_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE FUNCTION screening.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'screening.audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON screening.audit_log
      FOR EACH ROW EXECUTE FUNCTION screening.audit_log_is_append_only()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON screening.audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION screening.audit_log_is_append_only()`);
    await q.query(`CREATE TABLE screening.verdict_state (
      company_id uuid NOT NULL,
      opportunity_id uuid NOT NULL,
      fingerprint char(40) NOT NULL,
      PRIMARY KEY (company_id, opportunity_id)
    )`);
    await q.query(`CREATE TABLE screening.introduction (
      id uuid PRIMARY KEY,
      match_id uuid NOT NULL,
      company_id uuid NOT NULL,
      opportunity_id uuid NOT NULL,
      partner_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'granted', 'refused')),
      compliance jsonb NOT NULL,
      inputs jsonb NOT NULL,
      exemption_reference text,
      decision_note text,
      decided_by text,
      decided_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX introduction_status ON screening.introduction (status, created_at)`);
    await q.query(`CREATE INDEX introduction_partner ON screening.introduction (partner_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE screening.introduction`);
    await q.query(`DROP TABLE screening.verdict_state`);
    await q.query(`DROP TABLE screening.audit_log`);
    await q.query(`DROP FUNCTION screening.audit_log_is_append_only()`);
    await q.query(`DROP TABLE screening.list_entry`);
    await q.query(`DROP TABLE screening.list_version`);
  }
}
