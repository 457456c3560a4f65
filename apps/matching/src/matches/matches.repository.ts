import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ComplianceRecord, CompanyView, OpportunitySummary, SectorId } from '#contracts';
import type { Decision } from '../catalogue/screening.client.js';
import { MATCHING_SCHEMA } from '../database/matching-database.js';
import type { BookMatch, MatchQuery } from './match-book.js';

export interface StoredMatch {
  id: string;
  companyId: string;
  opportunityId: string;
  sector: SectorId;
  score: number;
  decision: Decision;
  /** When its verdict was given (or, unscreened, last asked for). */
  screenedAt: string;
  /** True when the verdict came from the screening service. */
  screened: boolean;
  scoredAt: string;
}

/** A stored match as the book is filled with it. */
export type StoredMatchRow = BookMatch & { companyId: string };

type MatchRow = {
  id: string;
  company_id: string;
  opportunity_id: string;
  sector: SectorId;
  score: number;
  record: ComplianceRecord | Decision;
  screened: boolean;
  screened_at: Date;
  scored_at: Date;
};

const S = MATCHING_SCHEMA;
const INSERT_CHUNK = 500;

/** Matching's own tables: projections of companies and opportunities, stored matches, outbox cursors. */
@Injectable()
export class MatchesRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async loadCompanies(): Promise<CompanyView[]> {
    const rows: { payload: CompanyView }[] = await this.dataSource.query(`SELECT payload FROM ${S}.company`);
    return rows.map((r) => r.payload);
  }

  async loadOpportunities(): Promise<OpportunitySummary[]> {
    const rows: { payload: OpportunitySummary }[] = await this.dataSource.query(`SELECT payload FROM ${S}.opportunity`);
    return rows.map((r) => r.payload);
  }

  async cursors(): Promise<Record<string, number>> {
    const rows: { source: string; position: string }[] = await this.dataSource.query(`SELECT source, position FROM ${S}.cursor`);
    return Object.fromEntries(rows.map((r) => [r.source, Number(r.position)]));
  }

  async advanceCursor(m: EntityManager, source: string, position: number): Promise<void> {
    await m.query(
      `INSERT INTO ${S}.cursor (source, position) VALUES ($1, $2)
       ON CONFLICT (source) DO UPDATE SET position = GREATEST(${S}.cursor.position, EXCLUDED.position)`,
      [source, position],
    );
  }

  async storedVersion(m: EntityManager, table: 'company' | 'opportunity', id: string): Promise<number | null> {
    const rows: { version: number }[] = await m.query(`SELECT version FROM ${S}.${table} WHERE id = $1`, [id]);
    return rows[0]?.version ?? null;
  }

  async storedVersions(m: EntityManager | DataSource, table: 'company' | 'opportunity', ids: string[]): Promise<Map<string, number>> {
    const rows: { id: string; version: number }[] = await m.query(`SELECT id, version FROM ${S}.${table} WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.version]));
  }

  async putCompanies(m: EntityManager, views: CompanyView[]): Promise<void> {
    await m.query(
      `INSERT INTO ${S}.company (id, version, payload) SELECT * FROM unnest($1::uuid[], $2::int[], $3::jsonb[])
       ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, payload = EXCLUDED.payload`,
      [views.map((v) => v.id), views.map((v) => v.version), views.map((v) => JSON.stringify(v))],
    );
  }

  async putOpportunity(m: EntityManager, view: OpportunitySummary): Promise<void> {
    await m.query(
      `INSERT INTO ${S}.opportunity (id, sector, version, payload) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, payload = EXCLUDED.payload, sector = EXCLUDED.sector`,
      [view.id, view.sector, view.version, JSON.stringify(view)],
    );
  }

  async removeCompany(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM ${S}.match WHERE company_id = $1`, [id]);
    await m.query(`DELETE FROM ${S}.company WHERE id = $1`, [id]);
  }

  /** Deletes an opportunity's matches and returns the companies that had it among their best. */
  async removeOpportunityMatches(m: EntityManager, id: string): Promise<string[]> {
    // For DELETE … RETURNING, TypeORM answers [rows, affected count].
    const [rows]: [{ company_id: string }[], number] = await m.query(
      `DELETE FROM ${S}.match WHERE opportunity_id = $1 RETURNING company_id`,
      [id],
    );
    return rows.map((r) => r.company_id);
  }

  async removeOpportunity(m: EntityManager, id: string): Promise<string[]> {
    const affected = await this.removeOpportunityMatches(m, id);
    await m.query(`DELETE FROM ${S}.opportunity WHERE id = $1`, [id]);
    return affected;
  }

  /** Stores matches in place of those of `companyIds` (companies that may have some: new ones have none). */
  async replaceMatchesOf(m: EntityManager, companyIds: string[], matches: StoredMatch[]): Promise<void> {
    if (companyIds.length) await m.query(`DELETE FROM ${S}.match WHERE company_id = ANY($1::uuid[])`, [companyIds]);
    await this.insertMatches(m, matches);
  }

  /** Inserts or overwrites matches, many rows per statement; their decisions are stored once each. */
  async insertMatches(m: EntityManager, matches: StoredMatch[]): Promise<void> {
    for (let i = 0; i < matches.length; i += INSERT_CHUNK) {
      const chunk = matches.slice(i, i + INSERT_CHUNK);
      const keys = await this.storeDecisions(m, chunk.map((r) => r.decision));
      await m.query(
        `INSERT INTO ${S}.match (company_id, opportunity_id, sector, score, decision, scored_at, id, verdict, screened, screened_at)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::float8[], $5::text[], $6::timestamptz[], $7::uuid[], $8::text[], $9::bool[], $10::timestamptz[])
         ON CONFLICT (company_id, opportunity_id) DO UPDATE SET
           score = EXCLUDED.score, decision = EXCLUDED.decision, scored_at = EXCLUDED.scored_at,
           verdict = EXCLUDED.verdict, screened = EXCLUDED.screened, screened_at = EXCLUDED.screened_at`,
        [
          chunk.map((r) => r.companyId),
          chunk.map((r) => r.opportunityId),
          chunk.map((r) => r.sector),
          chunk.map((r) => r.score),
          keys,
          chunk.map((r) => r.scoredAt),
          chunk.map((r) => r.id),
          chunk.map((r) => r.decision.verdict),
          chunk.map((r) => r.screened),
          chunk.map((r) => r.screenedAt),
        ],
      );
    }
  }

  /**
   * Stores each distinct decision among these once and returns each one's key. Decisions given alike
   * are one shared object, so a chunk holds a handful.
   */
  private async storeDecisions(m: EntityManager | DataSource, records: Decision[]): Promise<string[]> {
    const keyOf = new Map<Decision, string>();
    const fresh = new Map<string, string>();
    const keys = records.map((record) => {
      let key = keyOf.get(record);
      if (key === undefined) {
        const json = JSON.stringify(record);
        key = createHash('sha1').update(json).digest('base64url');
        keyOf.set(record, key);
        fresh.set(key, json);
      }
      return key;
    });
    await m.query(
      `INSERT INTO ${S}.decision (key, record) SELECT * FROM unnest($1::text[], $2::jsonb[]) ON CONFLICT (key) DO NOTHING`,
      [[...fresh.keys()], [...fresh.values()]],
    );
    return keys;
  }

  /** Deletes the given (company, opportunity) matches. */
  async deletePairs(m: EntityManager, pairs: { companyId: string; opportunityId: string }[]): Promise<void> {
    if (!pairs.length) return;
    await m.query(
      `DELETE FROM ${S}.match t USING unnest($1::uuid[], $2::uuid[]) AS p(company_id, opportunity_id)
        WHERE t.company_id = p.company_id AND t.opportunity_id = p.opportunity_id`,
      [pairs.map((p) => p.companyId), pairs.map((p) => p.opportunityId)],
    );
  }

  /**
   * Every stored match, in pages of the given companies' matches, with each decision record read
   * once and shared: how the in-memory book is filled at boot.
   */
  async *storedMatches(companyIds: string[], companiesPerPage = 2000): AsyncGenerator<StoredMatchRow[]> {
    const decisions = new Map<string, Decision>();
    const alike = new Map<string, Decision>();
    const rows: { key: string; record: ComplianceRecord | Decision }[] = await this.dataSource.query(`SELECT key, record FROM ${S}.decision`);
    for (const r of rows) {
      // Rows written before matches kept their own screening time carry one: decisions alike are one object.
      const decision = asDecision(r.record);
      const json = JSON.stringify(decision);
      if (!alike.has(json)) alike.set(json, decision);
      decisions.set(r.key, alike.get(json)!);
    }
    for (let i = 0; i < companyIds.length; i += companiesPerPage) {
      const page: { company_id: string; opportunity_id: string; sector: SectorId; score: number; decision: string; screened_at: number; scored_at: number }[] =
        await this.dataSource.query(
          `SELECT company_id, opportunity_id, sector, score, decision,
                  (extract(epoch FROM screened_at) * 1000)::float8 AS screened_at, (extract(epoch FROM scored_at) * 1000)::float8 AS scored_at
             FROM ${S}.match WHERE company_id = ANY($1::uuid[])`,
          [companyIds.slice(i, i + companiesPerPage)],
        );
      yield page.map((r) => ({
        companyId: r.company_id,
        opportunityId: r.opportunity_id,
        sector: r.sector,
        score: Number(r.score),
        decision: decisions.get(r.decision)!,
        screenedAt: Number(r.screened_at),
        scoredAt: Number(r.scored_at),
      }));
    }
  }

  async byId(id: string): Promise<StoredMatch | null> {
    const rows: MatchRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM ${S}.match m JOIN ${S}.decision d ON d.key = m.decision WHERE m.id = $1`, [id]);
    return rows[0] ? toStored(rows[0]) : null;
  }

  /** Pairs whose verdict did not come from the screening service (it was down), oldest first. */
  async unscreened(limit: number): Promise<{ companyId: string; opportunityId: string }[]> {
    const rows: { company_id: string; opportunity_id: string }[] = await this.dataSource.query(
      `SELECT company_id, opportunity_id FROM ${S}.match WHERE NOT screened ORDER BY scored_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ companyId: r.company_id, opportunityId: r.opportunity_id }));
  }

  /** Marks for screening again every verdict given under another list or rules version; returns how many. */
  async markStaleVerdicts(listVersion: string | null, rulesVersion: string): Promise<number> {
    const [, count]: [unknown[], number] = await this.dataSource.query(
      `UPDATE ${S}.match m SET screened = false FROM ${S}.decision d
        WHERE d.key = m.decision AND m.screened
          AND (d.record->>'listVersion' IS DISTINCT FROM $1 OR d.record->>'rulesVersion' IS DISTINCT FROM $2)`,
      [listVersion, rulesVersion],
    );
    return count;
  }

  /** Writes verdicts given by the screening service (which audits every one); returns how many rows were written. */
  async updateCompliance(updates: { companyId: string; opportunityId: string; decision: Decision; screenedAt: string }[]): Promise<number> {
    let written = 0;
    for (let i = 0; i < updates.length; i += INSERT_CHUNK) {
      const c = updates.slice(i, i + INSERT_CHUNK);
      const keys = await this.storeDecisions(this.dataSource, c.map((u) => u.decision));
      const [rows]: [unknown[], number] = await this.dataSource.query(
        `UPDATE ${S}.match m SET decision = u.decision, verdict = u.verdict, screened = true, screened_at = u.screened_at
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[]) AS u(company_id, opportunity_id, decision, verdict, screened_at)
          WHERE m.company_id = u.company_id AND m.opportunity_id = u.opportunity_id
          RETURNING m.id`,
        [c.map((u) => u.companyId), c.map((u) => u.opportunityId), keys, c.map((u) => u.decision.verdict), c.map((u) => u.screenedAt)],
      );
      written += rows.length;
    }
    return written;
  }

  async forOpportunity(opportunityId: string, q: MatchQuery): Promise<StoredMatch[]> {
    const rows: MatchRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${S}.match m JOIN ${S}.decision d ON d.key = m.decision
        WHERE m.opportunity_id = $1 AND ($2::text IS NULL OR m.sector = $2) AND m.score >= $3 AND ($5 OR m.verdict <> 'prohibited')
        ORDER BY m.score DESC, m.company_id LIMIT $4`,
      [opportunityId, q.sector ?? null, q.minScore ?? 0, q.limit, q.includeProhibited ?? false],
    );
    return rows.map(toStored);
  }
}

const COLUMNS = 'm.id, m.company_id, m.opportunity_id, m.sector, m.score, d.record, m.screened, m.screened_at, m.scored_at';

function asDecision(record: ComplianceRecord | Decision): Decision {
  if (!('screenedAt' in record)) return record;
  const { screenedAt: _given, ...decision } = record;
  return decision;
}

function toStored(r: MatchRow): StoredMatch {
  return {
    id: r.id,
    companyId: r.company_id,
    opportunityId: r.opportunity_id,
    sector: r.sector,
    score: Number(r.score),
    decision: asDecision(r.record),
    screenedAt: new Date(r.screened_at).toISOString(),
    screened: r.screened,
    scoredAt: new Date(r.scored_at).toISOString(),
  };
}
