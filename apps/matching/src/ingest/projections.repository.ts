import { Injectable } from '@nestjs/common';
import { companyPartition, type CompanyView, type OpportunitySummary } from '#contracts';
import { MATCHING_SCHEMA } from '../database/matching-database.js';
import { Transactions } from '../database/transactions.js';

const S = MATCHING_SCHEMA;

/** Matching's copies of the companies and opportunities it follows, the ids deleted, and the highest outbox sequence applied from each source. */
@Injectable()
export class ProjectionsRepository {
  constructor(private readonly tx: Transactions) {}

  /** The companies of these partitions (null: all). */
  async companies(partitions: readonly number[] | null): Promise<CompanyView[]> {
    const rows: { payload: CompanyView }[] = await this.tx
      .manager()
      .query(`SELECT payload FROM ${S}.company WHERE $1::smallint[] IS NULL OR partition = ANY($1::smallint[])`, [partitions]);
    return rows.map((r) => r.payload);
  }

  async opportunities(): Promise<OpportunitySummary[]> {
    const rows: { payload: OpportunitySummary }[] = await this.tx.manager().query(`SELECT payload FROM ${S}.opportunity`);
    return rows.map((r) => r.payload);
  }

  async cursors(): Promise<Record<string, number>> {
    const rows: { source: string; position: string }[] = await this.tx.manager().query(`SELECT source, position FROM ${S}.cursor`);
    return Object.fromEntries(rows.map((r) => [r.source, Number(r.position)]));
  }

  async advanceCursor(source: string, position: number): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO ${S}.cursor (source, position) VALUES ($1, $2)
       ON CONFLICT (source) DO UPDATE SET position = GREATEST(${S}.cursor.position, EXCLUDED.position)`,
      [source, position],
    );
  }

  async versions(table: 'company' | 'opportunity', ids: readonly string[]): Promise<Map<string, number>> {
    const rows: { id: string; version: number }[] = await this.tx.manager().query(`SELECT id, version FROM ${S}.${table} WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.version]));
  }

  async putCompanies(views: readonly CompanyView[]): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO ${S}.company (id, version, payload, partition) SELECT * FROM unnest($1::uuid[], $2::int[], $3::jsonb[], $4::smallint[])
       ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, payload = EXCLUDED.payload`,
      [views.map((v) => v.id), views.map((v) => v.version), views.map((v) => JSON.stringify(v)), views.map((v) => companyPartition(v.id))],
    );
  }

  async putOpportunity(view: OpportunitySummary): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO ${S}.opportunity (id, sector, version, payload) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, payload = EXCLUDED.payload, sector = EXCLUDED.sector`,
      [view.id, view.sector, view.version, JSON.stringify(view)],
    );
  }

  /** Removes the copy and remembers the id as deleted, so no older upsert delivered again brings it back. */
  async removeCompany(id: string): Promise<void> {
    await this.tx.manager().query(`DELETE FROM ${S}.company WHERE id = $1`, [id]);
    await this.remember('company', id);
  }

  async removeOpportunity(id: string): Promise<void> {
    await this.tx.manager().query(`DELETE FROM ${S}.opportunity WHERE id = $1`, [id]);
    await this.remember('opportunity', id);
  }

  /** Those of `ids` that were deleted. */
  async removed(kind: 'company' | 'opportunity', ids: readonly string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await this.tx.manager().query(`SELECT id FROM ${S}.removed WHERE kind = $1 AND id = ANY($2::uuid[])`, [kind, ids]);
    return new Set(rows.map((r) => r.id));
  }

  private async remember(kind: 'company' | 'opportunity', id: string): Promise<void> {
    await this.tx.manager().query(`INSERT INTO ${S}.removed (kind, id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [kind, id]);
  }
}
