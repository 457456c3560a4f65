import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AUDIT_CHAIN_GENESIS } from '../../audit/audit-chain.js';

/**
 * Chains the audit log: every entry stores its position in the chain, the hash of the entry before
 * it and its own hash, SHA-256 over the previous hash and the entry's fields (see audit-chain.ts,
 * which recomputes the same hash outside the database). A trigger sets the three columns on
 * insert, under a transaction-scoped advisory lock so that concurrent writers chain one after the
 * other; whatever a writer passes for them is overwritten. An entry altered or removed behind the
 * application's back (by a superuser who can switch the append-only triggers off) breaks the chain
 * at that position, and `GET /v1/audit/verify` names it. Existing entries are chained in seq order.
 */
export class AuditChain1764202800000 implements MigrationInterface {
  name = 'AuditChain1764202800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE screening.audit_log ADD COLUMN chain_pos bigint, ADD COLUMN prev_hash text, ADD COLUMN hash text`);
    await q.query(`CREATE FUNCTION screening.audit_field(v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN v IS NULL THEN '~' ELSE octet_length(v)::text || ':' || v END
      $$`);
    // The canonical text of an entry: each field as <octets>:<text>, or ~ for null, one per line.
    await q.query(`CREATE FUNCTION screening.audit_entry_hash(prev_hash text, e screening.audit_log) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$
        SELECT encode(sha256(convert_to(concat_ws(E'\\n', prev_hash,
          screening.audit_field(e.chain_pos::text), screening.audit_field(e.kind), screening.audit_field(e.decision_id),
          screening.audit_field(e.verdict), screening.audit_field(e.rule_ids::text), screening.audit_field(e.list_references::text),
          screening.audit_field(e.list_version), screening.audit_field(e.rules_version), screening.audit_field(e.actor),
          screening.audit_field(e.inputs::text), screening.audit_field(e.details::text),
          screening.audit_field((extract(epoch FROM e.occurred_at) * 1000000)::bigint::text)), 'UTF8')), 'hex')
      $$`);
    await q.query(`CREATE FUNCTION screening.audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE last record;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('screening.audit_log chain'));
        SELECT chain_pos, hash INTO last FROM screening.audit_log ORDER BY chain_pos DESC LIMIT 1;
        NEW.chain_pos := coalesce(last.chain_pos, 0) + 1;
        NEW.prev_hash := coalesce(last.hash, '${AUDIT_CHAIN_GENESIS}');
        NEW.hash := screening.audit_entry_hash(NEW.prev_hash, NEW);
        RETURN NEW;
      END $$`);
    // Chain what is there, in seq order (the append-only trigger is off for this one statement's transaction).
    await q.query(`ALTER TABLE screening.audit_log DISABLE TRIGGER audit_log_no_update_delete`);
    await q.query(`DO $$
      DECLARE r screening.audit_log; prev text := '${AUDIT_CHAIN_GENESIS}'; pos bigint := 0;
      BEGIN
        FOR r IN SELECT * FROM screening.audit_log ORDER BY seq LOOP
          pos := pos + 1;
          r.chain_pos := pos;
          UPDATE screening.audit_log SET chain_pos = pos, prev_hash = prev, hash = screening.audit_entry_hash(prev, r) WHERE seq = r.seq
            RETURNING hash INTO prev;
        END LOOP;
      END $$`);
    await q.query(`ALTER TABLE screening.audit_log ENABLE TRIGGER audit_log_no_update_delete`);
    await q.query(`ALTER TABLE screening.audit_log ALTER COLUMN chain_pos SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX audit_log_chain_pos ON screening.audit_log (chain_pos)`);
    await q.query(`CREATE TRIGGER audit_log_chain BEFORE INSERT ON screening.audit_log FOR EACH ROW EXECUTE FUNCTION screening.audit_log_chain()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_log_chain ON screening.audit_log`);
    await q.query(`DROP FUNCTION screening.audit_log_chain()`);
    await q.query(`DROP INDEX screening.audit_log_chain_pos`);
    await q.query(`ALTER TABLE screening.audit_log DROP COLUMN chain_pos, DROP COLUMN prev_hash, DROP COLUMN hash`);
    await q.query(`DROP FUNCTION screening.audit_entry_hash(text, screening.audit_log)`);
    await q.query(`DROP FUNCTION screening.audit_field(text)`);
  }
}
