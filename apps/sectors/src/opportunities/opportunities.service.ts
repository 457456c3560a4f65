import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  OpportunityInputDto,
  sectorSubjects,
  summariseOpportunity,
  type FieldError,
  type OpportunityDeletedReply,
  type OpportunitySummary,
  type OpportunityView,
  type ListPage,
  type SectorView,
} from '#contracts';
import { DomainError, OutboxWaker, validateAs, type ListPageQuery } from '#platform';
import type { SectorDefinition } from '../sectors/sector-definition.js';
import type { OpportunitySeed } from '../sectors/sector.types.js';
import { OpportunitiesRepository } from './opportunities.repository.js';

export const SECTOR_DEFINITION = Symbol('SECTOR_DEFINITION');

const IMMUTABLE = ['id', 'sector', 'seedKey', 'version', 'createdAt', 'updatedAt'] as const;

/** The catalogue of one sector: its opportunities, validated by the sector's own rules. */
@Injectable()
export class OpportunitiesService {
  constructor(
    @Inject(SECTOR_DEFINITION) private readonly sector: SectorDefinition,
    private readonly repository: OpportunitiesRepository,
    private readonly relay: OutboxWaker,
  ) {}

  describe(): SectorView {
    const s = this.sector;
    return {
      id: s.id,
      title: s.title,
      description: s.description,
      criteria: s.rubric.criteria.map((c) => ({ ...c })),
      capabilities: s.capabilities.map((c) => ({ ...c })),
      attributes: s.attributes.fields.map(({ values, ...f }) => ({ ...f, ...(values ? { values: [...values] } : {}) })),
      defaultOkved: [...s.defaultOkved],
    };
  }

  async create(input: OpportunityInputDto, seedKey: string | null = null): Promise<OpportunityView> {
    const view = this.prepare(input, seedKey);
    const seq = await this.repository.insert(view);
    if (seq === null) throw new DomainError(ErrorCode.CONFLICT, `Seed entry ${seedKey} is already in the catalogue`);
    this.announce(seq);
    return view;
  }

  async get(id: string, withContact: boolean): Promise<OpportunityView | OpportunitySummary> {
    const view = await this.repository.findById(this.sector.id, id);
    if (!view) throw DomainError.notFound('Opportunity', id);
    return withContact ? view : summariseOpportunity(view);
  }

  list(page: Partial<ListPageQuery>): Promise<ListPage<OpportunitySummary>> {
    return this.repository.list(this.sector.id, { ...page, limit: page.limit ?? 50 });
  }

  async update(id: string, patch: Record<string, unknown>): Promise<OpportunityView> {
    const current = await this.repository.findById(this.sector.id, id);
    if (!current) throw DomainError.notFound('Opportunity', id);
    const forbidden = IMMUTABLE.filter((field) => field in patch);
    if (forbidden.length) throw DomainError.validation(forbidden.map((field) => ({ field, reason: 'cannot be changed' })));
    const editable = Object.fromEntries(Object.entries(current).filter(([k]) => !(IMMUTABLE as readonly string[]).includes(k)));
    const merged = await validateAs(OpportunityInputDto, { ...editable, sector: current.sector, ...patch });
    const prepared = this.prepare(merged, current.seedKey);
    const next: OpportunityView = { ...prepared, id, version: current.version + 1, createdAt: current.createdAt };
    const seq = await this.repository.update(next);
    if (seq === null) throw new DomainError(ErrorCode.CONFLICT, `Opportunity ${id} was changed concurrently; read it again and retry`);
    this.announce(seq);
    return next;
  }

  async delete(id: string): Promise<OpportunityDeletedReply> {
    const seq = await this.repository.delete(this.sector.id, id);
    if (seq === null) throw DomainError.notFound('Opportunity', id);
    this.announce(seq);
    return { id, deleted: true };
  }

  /** Loads the sector's seed catalogue; entries already present (by seed key) are left as they are. */
  async loadSeed(): Promise<{ added: number; present: number }> {
    let added = 0;
    for (const seed of this.sector.seed) {
      const input = await validateAs(OpportunityInputDto, seedToInput(seed));
      const view = this.prepare(input, seed.key);
      const seq = await this.repository.insert(view);
      if (seq !== null) {
        added += 1;
        this.announce(seq);
      }
    }
    return { added, present: this.sector.seed.length - added };
  }

  async isEmpty(): Promise<boolean> {
    return (await this.repository.count(this.sector.id)) === 0;
  }

  private prepare(input: OpportunityInputDto, seedKey: string | null): OpportunityView {
    const errors: FieldError[] = [];
    if (input.sector !== this.sector.id) errors.push({ field: 'sector', reason: `must be ${this.sector.id} for this catalogue` });
    const vocabulary = new Set(this.sector.capabilities.map((c) => c.id));
    input.requiredCapabilities.forEach((c, i) => {
      if (!vocabulary.has(c)) errors.push({ field: `requiredCapabilities.${i}`, reason: `unknown capability "${c}" in sector ${this.sector.id}` });
    });
    const attributes = this.sector.attributes.validateAttributes(input.attributes);
    if (!attributes.ok) errors.push(...attributes.errors);
    if (errors.length || !attributes.ok) throw DomainError.validation(errors);
    const now = new Date().toISOString();
    return {
      id: randomUUID(),
      sector: this.sector.id,
      seedKey,
      title: input.title.trim(),
      description: input.description.trim(),
      site: { name: input.site.name, lat: input.site.lat, lon: input.site.lon },
      counterparty: { name: input.counterparty.name, ...(input.counterparty.contact ? { contact: input.counterparty.contact } : {}) },
      requiredCapabilities: input.requiredCapabilities,
      hsCodes: input.hsCodes,
      okved: input.okved ?? [],
      direction: input.direction,
      structure: input.structure,
      sizeUsd: input.sizeUsd,
      settlementCurrencies: input.settlementCurrencies,
      attributes: attributes.value,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
  }

  /** The change and its event are committed: the relay publishes it now, not at its next poll. */
  private announce(_seq: number): void {
    this.relay.wake();
  }
}

function seedToInput(seed: OpportunitySeed): Record<string, unknown> {
  const { key: _key, ...input } = seed;
  return input;
}
