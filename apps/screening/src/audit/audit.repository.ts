import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditEntryView } from '#contracts';

export interface NewAuditEntry {
  kind: string;
  verdict: string | null;
  ruleIds: string[];
  listReferences: string[];
  listVersion: string | null;
  rulesVersion: string | null;
  actor: string;
  inputs: Record<string, unknown>;
  details?: Record<string, unknown>;
}

const CHUNK = 1000;

/** The append-only audit log. No method changes or removes an entry, and the database refuses UPDATE, DELETE and TRUNCATE. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append(entries: NewAuditEntry[], manager: EntityManager | DataSource = this.dataSource): Promise<void> {
    for (let i = 0; i < entries.length; i += CHUNK) {
      const c = entries.slice(i, i + CHUNK);
      await manager.query(
        `INSERT INTO screening.audit_log (kind, verdict, rule_ids, list_references, list_version, rules_version, actor, inputs, details)
         SELECT kind, verdict, string_to_array(rule_ids, '|'), string_to_array(list_refs, '|'), list_version, rules_version, actor, inputs, details
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[])
             AS t(kind, verdict, rule_ids, list_refs, list_version, rules_version, actor, inputs, details)`,
        [
          c.map((e) => e.kind),
          c.map((e) => e.verdict),
          c.map((e) => e.ruleIds.join('|')),
          c.map((e) => e.listReferences.join('|')),
          c.map((e) => e.listVersion),
          c.map((e) => e.rulesVersion),
          c.map((e) => e.actor),
          c.map((e) => JSON.stringify(e.inputs)),
          c.map((e) => JSON.stringify(e.details ?? {})),
        ],
      );
    }
  }

  /**
   * Records the fingerprint of each pair's latest verdict and returns the pairs whose verdict (or its
   * inputs, list or rules version) changed since the last one recorded: those are the ones to audit.
   */
  async changedVerdicts(pairs: { companyId: string; opportunityId: string; fingerprint: string }[]): Promise<Set<string>> {
    const changed = new Set<string>();
    for (let i = 0; i < pairs.length; i += CHUNK) {
      const c = pairs.slice(i, i + CHUNK);
      const rows: { company_id: string; opportunity_id: string }[] = await this.dataSource.query(
        `INSERT INTO screening.verdict_state (company_id, opportunity_id, fingerprint)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])
         ON CONFLICT (company_id, opportunity_id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint
           WHERE screening.verdict_state.fingerprint <> EXCLUDED.fingerprint
         RETURNING company_id, opportunity_id`,
        [c.map((p) => p.companyId), c.map((p) => p.opportunityId), c.map((p) => p.fingerprint)],
      );
      for (const r of rows) changed.add(`${r.company_id}|${r.opportunity_id}`);
    }
    return changed;
  }

  async list(after = 0, limit = 100, kind?: string): Promise<AuditEntryView[]> {
    const rows: {
      seq: string; kind: string; verdict: string | null; rule_ids: string[]; list_references: string[];
      list_version: string | null; rules_version: string | null; actor: string; inputs: Record<string, unknown>;
      details: Record<string, unknown>; occurred_at: Date;
    }[] = await this.dataSource.query(
      `SELECT * FROM screening.audit_log WHERE seq > $1 AND ($3::text IS NULL OR kind = $3) ORDER BY seq LIMIT $2`,
      [after, limit, kind ?? null],
    );
    return rows.map((r) => ({
      seq: Number(r.seq),
      kind: r.kind,
      verdict: r.verdict,
      ruleIds: r.rule_ids,
      listReferences: r.list_references,
      listVersion: r.list_version,
      rulesVersion: r.rules_version,
      actor: r.actor,
      inputs: r.inputs,
      details: r.details,
      occurredAt: new Date(r.occurred_at).toISOString(),
    }));
  }
}
