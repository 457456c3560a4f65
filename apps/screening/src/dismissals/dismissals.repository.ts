import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { DismissalState, DismissalView, HitParty, PartyKind } from '#contracts';
import type { DismissalRule } from '../domain/dismissals/dismissal-rules.js';

export interface DismissalRow {
  id: string;
  match_id: string | null;
  subject_kind: PartyKind;
  subject_id: string;
  party: HitParty;
  name: string;
  date_of_birth: string | null;
  nationality: string | null;
  reference_number: string;
  listed_name: string;
  list_version: string;
  entry_digest: string;
  reason: string;
  officer_id: string;
  officer_name: string;
  state: DismissalState;
  created_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  end_reason: string | null;
  changed_seq: string;
}

export type NewDismissal = Omit<DismissalRow, 'state' | 'created_at' | 'ended_at' | 'end_reason' | 'changed_seq'>;

const S = 'screening';

/**
 * `screening.dismissal`: officers' dismissals of false hits. Every change takes the next change
 * number, inside `transaction`, under one advisory lock: numbers are taken in commit order, so a
 * reader that has seen change n has seen every change before it.
 */
@Injectable()
export class DismissalsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('screening.dismissal'))`);
      return work(m);
    });
  }

  /** Inserts a dismissal; undefined if an active one already covers the same party, name and entry. */
  async insert(d: NewDismissal, m: EntityManager): Promise<DismissalRow | undefined> {
    const rows: DismissalRow[] = await m.query(
      `INSERT INTO ${S}.dismissal (id, match_id, subject_kind, subject_id, party, name, date_of_birth, nationality, reference_number, listed_name,
         list_version, entry_digest, reason, officer_id, officer_name, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (subject_kind, subject_id, party, name, reference_number) WHERE state = 'active' DO NOTHING RETURNING *`,
      [d.id, d.match_id, d.subject_kind, d.subject_id, d.party, d.name, d.date_of_birth, d.nationality, d.reference_number, d.listed_name,
        d.list_version, d.entry_digest, d.reason, d.officer_id, d.officer_name, d.expires_at],
    );
    return rows[0];
  }

  async activeLike(d: Pick<NewDismissal, 'subject_kind' | 'subject_id' | 'party' | 'name' | 'reference_number'>): Promise<DismissalRow | undefined> {
    const rows: DismissalRow[] = await this.dataSource.query(
      `SELECT * FROM ${S}.dismissal WHERE subject_kind = $1 AND subject_id = $2 AND party = $3 AND name = $4 AND reference_number = $5 AND state = 'active'`,
      [d.subject_kind, d.subject_id, d.party, d.name, d.reference_number],
    );
    return rows[0];
  }

  /** Active, unexpired dismissals of these parties. */
  async activeOf(kind: PartyKind, ids: readonly string[]): Promise<DismissalRow[]> {
    if (!ids.length) return [];
    return this.dataSource.query(
      `SELECT * FROM ${S}.dismissal WHERE subject_kind = $1 AND subject_id = ANY($2::uuid[]) AND state = 'active' AND expires_at > now()`,
      [kind, ids],
    );
  }

  /** Ends active dismissals (expired or void), each with its reason; answers those it ended. */
  async end(ends: readonly { id: string; reason: string }[], state: 'expired' | 'void', m: EntityManager): Promise<DismissalRow[]> {
    if (!ends.length) return [];
    // For UPDATE … RETURNING, TypeORM's PostgreSQL driver answers [rows, affected count].
    const [rows]: [DismissalRow[], number] = await m.query(
      `UPDATE ${S}.dismissal d SET state = $3, ended_at = now(), end_reason = e.reason, changed_seq = nextval('${S}.dismissal_change_seq')
         FROM unnest($1::uuid[], $2::text[]) AS e(id, reason)
        WHERE d.id = e.id AND d.state = 'active' RETURNING d.*`,
      [ends.map((e) => e.id), ends.map((e) => e.reason), state],
    );
    return rows;
  }

  /** Active dismissals whose time is up, up to `limit`. */
  async expiredIds(limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM ${S}.dismissal WHERE state = 'active' AND expires_at <= now() ORDER BY expires_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  async get(id: string): Promise<DismissalRow | undefined> {
    const rows: DismissalRow[] = await this.dataSource.query(`SELECT * FROM ${S}.dismissal WHERE id = $1`, [id]);
    return rows[0];
  }

  async list(filter: { subjectIds?: string[]; matchId?: string; state?: DismissalState; limit: number }): Promise<DismissalRow[]> {
    return this.dataSource.query(
      `SELECT * FROM ${S}.dismissal
        WHERE ($1::uuid[] IS NULL OR subject_id = ANY($1::uuid[])) AND ($2::uuid IS NULL OR match_id = $2) AND ($3::text IS NULL OR state = $3)
        ORDER BY created_at DESC, id LIMIT $4`,
      [filter.subjectIds ?? null, filter.matchId ?? null, filter.state ?? null, filter.limit],
    );
  }

  /** The parties whose dismissals changed after `after`, and the last change number. */
  async changesAfter(after: number): Promise<{ parties: { kind: PartyKind; id: string }[]; last: number }> {
    const rows: { subject_kind: PartyKind; subject_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT subject_kind, subject_id FROM ${S}.dismissal WHERE changed_seq > $1 LIMIT 10000`,
      [after],
    );
    return { parties: rows.map((r) => ({ kind: r.subject_kind, id: r.subject_id })), last: await this.lastChange() };
  }

  async lastChange(): Promise<number> {
    const rows: { last: string | null }[] = await this.dataSource.query(`SELECT max(changed_seq) AS last FROM ${S}.dismissal`);
    return Number(rows[0]?.last ?? 0);
  }
}

export function dismissalView(r: DismissalRow): DismissalView {
  return {
    id: r.id,
    matchId: r.match_id,
    subject: { kind: r.subject_kind, id: r.subject_id },
    party: r.party,
    name: r.name,
    dateOfBirth: r.date_of_birth,
    nationality: r.nationality,
    referenceNumber: r.reference_number,
    listedName: r.listed_name,
    listVersion: r.list_version,
    entryDigest: r.entry_digest,
    reason: r.reason,
    officer: { id: r.officer_id, name: r.officer_name },
    createdAt: new Date(r.created_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
    state: r.state,
    endedAt: r.ended_at ? new Date(r.ended_at).toISOString() : null,
    endReason: r.end_reason,
  };
}

export function dismissalRule(r: DismissalRow): DismissalRule {
  return {
    id: r.id,
    party: r.party,
    name: r.name,
    dateOfBirth: r.date_of_birth,
    nationality: r.nationality,
    referenceNumber: r.reference_number,
    entryDigest: r.entry_digest,
    expiresAt: new Date(r.expires_at),
  };
}
