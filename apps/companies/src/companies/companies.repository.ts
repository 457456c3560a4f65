import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CompanyEventType, type CompanyView, type ListPage } from '#contracts';
import { changeWithOutbox, fitToBytes, listByKey, type ListPageQuery } from '#platform';
import { COMPANIES_SCHEMA } from '../database/companies-database.js';
import { CompanyEntity } from './company.entity.js';

export const COMPANIES_STREAM = 'companies';

/** Stores company profiles; every change writes its outbox event in the same transaction. */
@Injectable()
export class CompaniesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the company and its event, in the transaction `db` when given. */
  async insert(view: CompanyView, db: DataSource | EntityManager = this.dataSource): Promise<{ company: CompanyView; seq: number }> {
    const change = this.dataSource.createQueryBuilder().insert().into(CompanyEntity).values(toEntity(view)).returning('id');
    const seq = await this.withUpsert(change.getQueryAndParameters(), view, db);
    // An insert changes its one row or fails (a duplicate key is an error, not zero rows).
    return { company: view, seq: seq! };
  }

  /** Writes `next` only if the stored version is still `next.version - 1`; returns false on a lost race. */
  async update(next: CompanyView): Promise<{ seq: number } | null> {
    const change = this.dataSource
      .createQueryBuilder()
      .update(CompanyEntity)
      .set(toEntity(next))
      .where({ id: next.id, version: next.version - 1 })
      .returning('id');
    const seq = await this.withUpsert(change.getQueryAndParameters(), next);
    return seq === null ? null : { seq };
  }

  async delete(id: string, partnerId: string | null): Promise<{ seq: number } | null> {
    const change = this.dataSource
      .createQueryBuilder()
      .delete()
      .from(CompanyEntity)
      .where(partnerId ? { id, partnerId } : { id })
      .returning('id');
    const [sql, params] = change.getQueryAndParameters();
    const seq = await changeWithOutbox(this.dataSource, COMPANIES_SCHEMA, { sql, params }, {
      stream: COMPANIES_STREAM,
      type: CompanyEventType.DELETED,
      aggregateId: id,
      payload: { id },
    });
    return seq === null ? null : { seq };
  }

  async findById(id: string): Promise<CompanyView | null> {
    const entity = await this.dataSource.getRepository(CompanyEntity).findOneBy({ id });
    return entity ? toView(entity) : null;
  }

  /** The partner's company of this INN (one at most: `company_partner_inn` is unique). */
  async findByPartnerInn(partnerId: string, inn: string): Promise<CompanyView | null> {
    const entity = await this.dataSource.getRepository(CompanyEntity).findOneBy({ partnerId, inn });
    return entity ? toView(entity) : null;
  }

  async existsForPartner(partnerId: string, inn: string, db: DataSource | EntityManager = this.dataSource): Promise<boolean> {
    return db.getRepository(CompanyEntity).existsBy({ partnerId, inn });
  }

  /** A page of companies in the order they were created: a partner's through (partner_id, created_at, id), the admin's through (created_at, id). */
  list(partnerId: string | null, page: ListPageQuery): Promise<ListPage<CompanyView>> {
    const query = this.dataSource.getRepository(CompanyEntity).createQueryBuilder('c');
    if (partnerId) query.where('c.partner_id = :partnerId', { partnerId });
    return listByKey(query, page, toView);
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  /** The change and its `company.upserted` event, in one statement (see changeWithOutbox). */
  private withUpsert([sql, params]: [string, unknown[]], view: CompanyView, db: DataSource | EntityManager = this.dataSource): Promise<number | null> {
    return changeWithOutbox(db, COMPANIES_SCHEMA, { sql, params }, {
      stream: COMPANIES_STREAM,
      type: CompanyEventType.UPSERTED,
      aggregateId: view.id,
      payload: view,
    });
  }
}

function toEntity(view: CompanyView): CompanyEntity {
  return {
    id: view.id,
    partnerId: view.partnerId,
    name: view.name,
    inn: view.inn,
    ogrn: view.ogrn ?? null,
    region: view.region,
    city: view.city,
    lat: view.location?.lat ?? null,
    lon: view.location?.lon ?? null,
    locationSource: view.locationSource,
    sectors: view.sectors,
    okved: view.okved,
    hsCodes: view.hsCodes,
    capabilities: view.capabilities,
    employees: view.employees,
    annualRevenueRub: view.annualRevenueRub,
    exportExperienceYears: view.exportExperienceYears,
    acceptsRubSettlement: view.acceptsRubSettlement,
    owners: view.owners,
    directors: view.directors,
    version: view.version,
    createdAt: new Date(view.createdAt),
    updatedAt: new Date(view.updatedAt),
  };
}

function toView(e: CompanyEntity): CompanyView {
  return {
    id: e.id,
    partnerId: e.partnerId,
    name: e.name,
    inn: e.inn,
    ...(e.ogrn ? { ogrn: e.ogrn } : {}),
    region: e.region,
    city: e.city,
    ...(e.lat !== null && e.lon !== null ? { location: { lat: e.lat, lon: e.lon } } : {}),
    locationSource: e.locationSource,
    sectors: e.sectors,
    okved: e.okved,
    hsCodes: e.hsCodes,
    capabilities: e.capabilities,
    employees: e.employees,
    annualRevenueRub: e.annualRevenueRub,
    exportExperienceYears: e.exportExperienceYears,
    acceptsRubSettlement: e.acceptsRubSettlement,
    owners: e.owners,
    directors: e.directors,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
