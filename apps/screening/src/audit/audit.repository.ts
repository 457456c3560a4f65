import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditEntryView, AuditPage, AuditVerifyReply } from '#contracts';
import { encodeCursor, fitToBytes } from '#platform';
import { ChainVerifier, type ChainedEntryText } from './audit-chain.js';

/** An entry as written: the log numbers and dates it. */
export type NewAuditEntry = Omit<AuditEntryView, 'seq' | 'occurredAt' | 'details' | 'decisionId'> & { details?: Record<string, unknown>; decisionId?: string };

const CHUNK = 1000;
/** Entries read per query when the chain is verified. */
const VERIFY_PAGE = 5000;

/** The append-only audit log. No method changes or removes an entry, and the database refuses UPDATE, DELETE and TRUNCATE. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append(entries: NewAuditEntry[], manager: EntityManager | DataSource = this.dataSource): Promise<void> {
    await this.insert(entries, manager, '');
  }

  /**
   * Appends party decisions, each keyed by its decision id: a decision already audited (the same
   * party, versions and outcome, asked about again) is not written twice.
   */
  async appendDecisions(entries: NewAuditEntry[]): Promise<void> {
    await this.insert(entries, this.dataSource, 'ON CONFLICT (decision_id) WHERE decision_id IS NOT NULL DO NOTHING');
  }

  private async insert(entries: NewAuditEntry[], manager: EntityManager | DataSource, onConflict: string): Promise<void> {
    for (let i = 0; i < entries.length; i += CHUNK) {
      const c = entries.slice(i, i + CHUNK);
      await manager.query(
        // Entries keep their order; a decision given twice in one batch is written once.
        `INSERT INTO screening.audit_log (kind, decision_id, verdict, rule_ids, list_references, list_version, rules_version, actor, inputs, details)
         SELECT kind, decision_id, verdict, string_to_array(rule_ids, '|'), string_to_array(list_refs, '|'), list_version, rules_version, actor, inputs, details
           FROM (SELECT DISTINCT ON (coalesce(decision_id, ord::text)) *
                   FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[], $10::jsonb[])
                     WITH ORDINALITY AS t(kind, decision_id, verdict, rule_ids, list_refs, list_version, rules_version, actor, inputs, details, ord)
                  ORDER BY coalesce(decision_id, ord::text), ord) AS distinct_entries
          ORDER BY ord
         ${onConflict}`,
        [
          c.map((e) => e.kind),
          c.map((e) => e.decisionId ?? null),
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
   * Entries after `after`, in order, until `limit` of them or until the next would take the page's
   * JSON past `maxBytes`; an entry alone larger than that is still given, alone, so that paging
   * always moves on. `nextAfter` says where to go on, null once nothing more is selected.
   */
  async list(after = 0, limit = 100, kind?: string, decisionId?: string, maxBytes = Number.POSITIVE_INFINITY): Promise<AuditPage> {
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT * FROM screening.audit_log
        WHERE seq > $1 AND ($3::text IS NULL OR kind = $3) AND ($4::text IS NULL OR decision_id = $4)
        ORDER BY seq LIMIT $2`,
      [after, limit + 1, kind ?? null, decisionId ?? null],
    );
    // {"items":[ ... ],"nextAfter":<seq>}: the frame, and the entries with their commas.
    const items = fitToBytes(rows.slice(0, limit).map(view), maxBytes, PAGE_FRAME_BYTES);
    const more = items.length < rows.length;
    const last = more ? items[items.length - 1]!.seq : null;
    return { items, nextCursor: last === null ? null : encodeCursor([last]), nextAfter: last };
  }

  /**
   * Recomputes the hash chain from its first entry, in pages, and names the first broken link: an
   * entry missing from its position, altered since it was written, or no longer linked to the one
   * before it. The fields are read as PostgreSQL prints them and hashed here, not by the database.
   */
  async verify(): Promise<AuditVerifyReply> {
    const verifier = new ChainVerifier();
    let after = 0;
    for (;;) {
      // Qualified: ORDER BY chain_pos alone would sort by the text the select list makes of it.
      const rows: ChainRow[] = await this.dataSource.query(
        `SELECT chain_pos::text, seq::text, prev_hash, hash, kind, decision_id, verdict, rule_ids::text AS rule_ids,
                list_references::text AS list_references, list_version, rules_version, actor, inputs::text AS inputs,
                details::text AS details, (extract(epoch FROM occurred_at) * 1000000)::bigint::text AS occurred_us
           FROM screening.audit_log AS a WHERE a.chain_pos > $1 ORDER BY a.chain_pos LIMIT $2`,
        [after, VERIFY_PAGE],
      );
      for (const r of rows) if (!verifier.next(chained(r))) break;
      if (verifier.broken || rows.length < VERIFY_PAGE) break;
      after = Number(rows[rows.length - 1]!.chain_pos);
    }
    return {
      valid: verifier.broken === null,
      entries: verifier.checked,
      head: verifier.head,
      firstBroken: verifier.broken,
      verifiedAt: new Date().toISOString(),
    };
  }
}

interface ChainRow {
  chain_pos: string; seq: string; prev_hash: string; hash: string; kind: string; decision_id: string | null; verdict: string | null;
  rule_ids: string; list_references: string; list_version: string | null; rules_version: string | null; actor: string;
  inputs: string; details: string; occurred_us: string;
}

function chained(r: ChainRow): ChainedEntryText {
  return {
    chainPos: r.chain_pos,
    seq: r.seq,
    prevHash: r.prev_hash,
    hash: r.hash,
    fields: [r.kind, r.decision_id, r.verdict, r.rule_ids, r.list_references, r.list_version, r.rules_version, r.actor, r.inputs, r.details, r.occurred_us],
  };
}

interface AuditRow {
  seq: string; kind: string; verdict: string | null; rule_ids: string[]; list_references: string[];
  list_version: string | null; rules_version: string | null; actor: string; decision_id: string | null; inputs: Record<string, unknown>;
  details: Record<string, unknown>; occurred_at: Date;
}

/** `{"items":[],"nextCursor":"…","nextAfter":}` with the longest cursor and the digits of the largest seq. */
const PAGE_FRAME_BYTES =
  '{"items":[],"nextCursor":"","nextAfter":}'.length + encodeCursor([Number.MAX_SAFE_INTEGER]).length + String(Number.MAX_SAFE_INTEGER).length;

function view(r: AuditRow): AuditEntryView {
  return {
    seq: Number(r.seq),
    kind: r.kind,
    ...(r.decision_id ? { decisionId: r.decision_id } : {}),
    verdict: r.verdict,
    ruleIds: r.rule_ids,
    listReferences: r.list_references,
    listVersion: r.list_version,
    rulesVersion: r.rules_version,
    actor: r.actor,
    inputs: r.inputs,
    details: r.details,
    occurredAt: new Date(r.occurred_at).toISOString(),
  };
}
