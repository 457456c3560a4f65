import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { OpportunityEventType, summariseOpportunity, type OpportunityView, type ListPage, type OpportunitySummary, type SectorId } from '#contracts';
import { appendOutbox, listByKey, type ListPageQuery } from '#platform';
import { SECTORS_SCHEMA } from '../database/sectors-database.js';
import { OpportunityEntity } from './opportunity.entity.js';

/** Stores opportunities; every change writes its outbox event (without the counterparty's contact) in the same transaction. */
@Injectable()
export class OpportunitiesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(view: OpportunityView): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(OpportunityEntity)
        .values(toEntity(view))
        .orIgnore()
        .returning('id')
        .execute();
      if (!inserted.raw.length) return null;
      return this.appendUpsert(manager, view);
    });
  }

  async update(next: OpportunityView): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager.update(OpportunityEntity, { id: next.id, sector: next.sector, version: next.version - 1 }, toEntity(next));
      if (!result.affected) return null;
      return this.appendUpsert(manager, next);
    });
  }

  async delete(sector: SectorId, id: string): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager.delete(OpportunityEntity, { id, sector });
      if (!result.affected) return null;
      return appendOutbox(manager, SECTORS_SCHEMA, { stream: sector, type: OpportunityEventType.DELETED, aggregateId: id, payload: { id, sector } });
    });
  }

  async findById(sector: SectorId, id: string): Promise<OpportunityView | null> {
    const entity = await this.dataSource.getRepository(OpportunityEntity).findOneBy({ id, sector });
    return entity ? toView(entity) : null;
  }

  /** A page of the sector's opportunities in the order they were created, through (sector, created_at, id). */
  list(sector: SectorId, page: ListPageQuery): Promise<ListPage<OpportunitySummary>> {
    const query = this.dataSource.getRepository(OpportunityEntity).createQueryBuilder('o').where('o.sector = :sector', { sector });
    return listByKey(query, page, (entity) => summariseOpportunity(toView(entity)));
  }

  async count(sector: SectorId): Promise<number> {
    return this.dataSource.getRepository(OpportunityEntity).countBy({ sector });
  }

  private appendUpsert(manager: EntityManager, view: OpportunityView): Promise<number> {
    return appendOutbox(manager, SECTORS_SCHEMA, {
      stream: view.sector,
      type: OpportunityEventType.UPSERTED,
      aggregateId: view.id,
      payload: summariseOpportunity(view),
    });
  }
}

function toEntity(v: OpportunityView): OpportunityEntity {
  return {
    id: v.id,
    sector: v.sector,
    seedKey: v.seedKey,
    title: v.title,
    description: v.description,
    site: v.site,
    counterparty: v.counterparty,
    requiredCapabilities: v.requiredCapabilities,
    hsCodes: v.hsCodes,
    okved: v.okved,
    direction: v.direction,
    structure: v.structure,
    sizeUsd: v.sizeUsd,
    settlementCurrencies: v.settlementCurrencies,
    attributes: v.attributes,
    version: v.version,
    createdAt: new Date(v.createdAt),
    updatedAt: new Date(v.updatedAt),
  };
}

function toView(e: OpportunityEntity): OpportunityView {
  return {
    id: e.id,
    sector: e.sector,
    seedKey: e.seedKey,
    title: e.title,
    description: e.description,
    site: e.site,
    counterparty: e.counterparty,
    requiredCapabilities: e.requiredCapabilities,
    hsCodes: e.hsCodes,
    okved: e.okved,
    direction: e.direction,
    structure: e.structure,
    sizeUsd: e.sizeUsd,
    settlementCurrencies: e.settlementCurrencies,
    attributes: e.attributes,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
