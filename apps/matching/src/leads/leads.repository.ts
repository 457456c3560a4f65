import { Injectable } from '@nestjs/common';
import type { SectorId } from '#contracts';
import { MATCHING_SCHEMA } from '../database/matching-database.js';
import { Transactions } from '../database/transactions.js';
import type { BookMatch, MatchQuery } from './match-book.js';

/** A stored match: a pair, its score and its class (a lead, or one of the few prohibited kept apart). */
export interface StoredMatch {
  id: string;
  companyId: string;
  opportunityId: string;
  sector: SectorId;
  score: number;
  prohibited: boolean;
  scoredAt: string;
}

type MatchRow = { id: string; company_id: string; opportunity_id: string; sector: SectorId; score: number; prohibited: boolean; scored_at: Date };

const S = MATCHING_SCHEMA;
const INSERT_CHUNK = 1000;
const COLUMNS = 'id, company_id, opportunity_id, sector, score, prohibited, scored_at';

/** `matching.match`: every stored match, leads and prohibited alike; the in-memory book is filled from it. */
@Injectable()
export class LeadsRepository {
  constructor(private readonly tx: Transactions) {}

  /** Inserts or overwrites matches, many rows per statement. */
  async insert(matches: readonly StoredMatch[]): Promise<void> {
    for (let i = 0; i < matches.length; i += INSERT_CHUNK) {
      const c = matches.slice(i, i + INSERT_CHUNK);
      await this.tx.manager().query(
        `INSERT INTO ${S}.match (company_id, opportunity_id, sector, score, prohibited, scored_at, id)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::float8[], $5::bool[], $6::timestamptz[], $7::uuid[])
         ON CONFLICT (company_id, opportunity_id) DO UPDATE SET
           sector = EXCLUDED.sector, score = EXCLUDED.score, prohibited = EXCLUDED.prohibited, scored_at = EXCLUDED.scored_at`,
        [c.map((r) => r.companyId), c.map((r) => r.opportunityId), c.map((r) => r.sector), c.map((r) => r.score), c.map((r) => r.prohibited), c.map((r) => r.scoredAt), c.map((r) => r.id)],
      );
    }
  }

  async deleteCompanies(ids: readonly string[]): Promise<void> {
    if (ids.length) await this.tx.manager().query(`DELETE FROM ${S}.match WHERE company_id = ANY($1::uuid[])`, [ids]);
  }

  /**
   * Deletes an opportunity's matches with the companies of these partitions (null: all) and returns
   * the companies that had one. Each replica clears its own: the others' books hold the rest.
   */
  async deleteOpportunity(id: string, partitions: readonly number[] | null): Promise<string[]> {
    // For DELETE … RETURNING, TypeORM answers [rows, affected count].
    const [rows]: [{ company_id: string }[], number] = await this.tx.manager().query(
      partitions
        ? `DELETE FROM ${S}.match WHERE opportunity_id = $1
             AND company_id IN (SELECT id FROM ${S}.company WHERE partition = ANY($2::smallint[])) RETURNING company_id`
        : `DELETE FROM ${S}.match WHERE opportunity_id = $1 RETURNING company_id`,
      partitions ? [id, partitions] : [id],
    );
    return rows.map((r) => r.company_id);
  }

  async deletePairs(pairs: readonly { companyId: string; opportunityId: string }[]): Promise<void> {
    if (!pairs.length) return;
    await this.tx.manager().query(
      `DELETE FROM ${S}.match t USING unnest($1::uuid[], $2::uuid[]) AS p(company_id, opportunity_id)
        WHERE t.company_id = p.company_id AND t.opportunity_id = p.opportunity_id`,
      [pairs.map((p) => p.companyId), pairs.map((p) => p.opportunityId)],
    );
  }

  /** Every stored match, a page of companies at a time: how the book is filled at boot. */
  async *pages(companyIds: readonly string[], companiesPerPage = 2000): AsyncGenerator<(BookMatch & { companyId: string; prohibited: boolean })[]> {
    for (let i = 0; i < companyIds.length; i += companiesPerPage) {
      const rows: { company_id: string; opportunity_id: string; sector: SectorId; score: number; prohibited: boolean; scored_at: number }[] = await this.tx
        .manager()
        .query(
          `SELECT company_id, opportunity_id, sector, score, prohibited, (extract(epoch FROM scored_at) * 1000)::float8 AS scored_at
             FROM ${S}.match WHERE company_id = ANY($1::uuid[])`,
          [companyIds.slice(i, i + companiesPerPage)],
        );
      yield rows.map((r) => ({
        companyId: r.company_id,
        opportunityId: r.opportunity_id,
        sector: r.sector,
        score: Number(r.score),
        prohibited: r.prohibited,
        scoredAt: Number(r.scored_at),
      }));
    }
  }

  async byId(id: string): Promise<StoredMatch | null> {
    const rows: MatchRow[] = await this.tx.manager().query(`SELECT ${COLUMNS} FROM ${S}.match WHERE id = $1`, [id]);
    return rows[0] ? toStored(rows[0]) : null;
  }

  /** The reverse view: an opportunity's matches, best first, its leads only unless prohibited ones are asked for. */
  async forOpportunity(opportunityId: string, q: MatchQuery): Promise<StoredMatch[]> {
    const rows: MatchRow[] = await this.tx.manager().query(
      `SELECT ${COLUMNS} FROM ${S}.match
        WHERE opportunity_id = $1 AND ($2::text IS NULL OR sector = $2) AND score >= $3 AND ($5 OR NOT prohibited)
        ORDER BY score DESC, company_id LIMIT $4`,
      [opportunityId, q.sector ?? null, q.minScore ?? 0, q.limit, q.includeProhibited ?? false],
    );
    return rows.map(toStored);
  }
}

function toStored(r: MatchRow): StoredMatch {
  return {
    id: r.id,
    companyId: r.company_id,
    opportunityId: r.opportunity_id,
    sector: r.sector,
    score: Number(r.score),
    prohibited: r.prohibited,
    scoredAt: new Date(r.scored_at).toISOString(),
  };
}
