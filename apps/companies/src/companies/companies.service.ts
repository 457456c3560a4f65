import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CompanyProfileDto,
  ErrorCode,
  type Caller,
  type CompanyDeletedReply,
  type CompanyView,
  type FieldError,
  type ImportRowStatus,
  type ListPage,
  type PersonEvidence,
} from '#contracts';
import type { EntityManager } from 'typeorm';
import { canonicalJson, DomainError, IdempotencyKeys, OutboxWaker, requestHash, validateAs, type ListPageQuery } from '#platform';
import { Gazetteer } from '#reference';
import { SectorVocabularyClient } from '../vocabulary/sector-vocabulary.client.js';
import { checkProfile } from './company-profile.rules.js';
import { CompaniesRepository } from './companies.repository.js';

const EDITABLE_OMIT = ['id', 'partnerId', 'version', 'createdAt', 'updatedAt', 'locationSource'] as const;
/** What a stored company has that its profile does not: left out when an imported row is compared with it. */
const BOOKKEEPING = ['id', 'partnerId', 'version', 'createdAt', 'updatedAt'] as const;
/** Tries of one imported row that lost a race (another import or a PATCH of the same INN) before it is given up. */
const IMPORT_ROW_TRIES = 3;

/** What an imported row came to: the company it created, changed or found equal, or the reasons it was refused. */
export interface ImportRowOutcome {
  status: ImportRowStatus;
  id?: string;
  details?: FieldError[];
}

/** Company profiles: validated in full, owned by one partner, every change durably announced. */
@Injectable()
export class CompaniesService {
  private readonly gazetteer = new Gazetteer();

  constructor(
    private readonly repository: CompaniesRepository,
    private readonly vocabulary: SectorVocabularyClient,
    private readonly relay: OutboxWaker,
    private readonly idempotency: IdempotencyKeys,
  ) {}

  /**
   * Stores a new company. With an idempotency key, the same key and profile from the same partner
   * within 24 h store it once and answer the first answer again; the key is kept in the
   * transaction that stores the company.
   */
  async create(caller: Caller, profile: CompanyProfileDto, idempotencyKey?: string): Promise<CompanyView> {
    if (!caller.partnerId) throw new DomainError(ErrorCode.FORBIDDEN, 'Companies are submitted by partners; use a partner API key');
    const view = await this.prepare(caller.partnerId, profile);
    if (!idempotencyKey) return this.store(view);
    const request = { partnerId: caller.partnerId, key: idempotencyKey, requestHash: requestHash(profile) };
    const { response, replayed } = await this.idempotency.once(request, (db) => this.insert(view, db));
    if (!replayed) this.relay.wake();
    return response;
  }

  private async store(view: CompanyView): Promise<CompanyView> {
    const created = await this.insert(view);
    this.relay.wake();
    return created;
  }

  /** Inserts the row and its event (in the transaction `db`, when given), refusing a second company of one INN for one partner. */
  private async insert(view: CompanyView, db?: EntityManager): Promise<CompanyView> {
    if (await this.repository.existsForPartner(view.partnerId, view.inn, db)) {
      throw new DomainError(ErrorCode.CONFLICT, `A company with INN ${view.inn} already exists for this partner`, [
        { field: 'inn', reason: 'already submitted by this partner' },
      ]);
    }
    await this.repository.insert(view, db).catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505') {
        throw new DomainError(ErrorCode.CONFLICT, `A company with INN ${view.inn} already exists for this partner`);
      }
      throw error;
    });
    return view;
  }

  /** Validates an unsaved profile exactly as `create` would, and returns what would be stored. */
  async validate(caller: Caller, profile: CompanyProfileDto): Promise<CompanyView> {
    return this.prepare(caller.partnerId ?? '00000000-0000-0000-0000-000000000000', profile);
  }

  /**
   * Stores one row of a partner's import, keyed by (partner, INN): validated exactly as `create`
   * validates a profile; a new INN is created; a known one is `unchanged` when the row makes the
   * same profile, else changed through the update path (a new version and its event). A dry run
   * works out the same outcome and writes nothing. A refused row is an outcome, not an error;
   * anything else (a vocabulary that cannot be read) is thrown, and the row is tried again later.
   */
  async importRow(partnerId: string, plain: unknown, dryRun: boolean): Promise<ImportRowOutcome> {
    let prepared: CompanyView;
    try {
      prepared = await this.prepare(partnerId, await validateAs(CompanyProfileDto, plain));
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.VALIDATION_FAILED) return { status: 'rejected', details: error.details as FieldError[] };
      throw error;
    }
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.importPrepared(prepared, dryRun);
      if (outcome) return outcome;
      if (attempt === IMPORT_ROW_TRIES) throw new DomainError(ErrorCode.CONFLICT, `Company with INN ${prepared.inn} kept changing while it was imported`);
    }
  }

  /** One try of `importRow`: null when another writer changed the INN's company between the read and the write. */
  private async importPrepared(prepared: CompanyView, dryRun: boolean): Promise<ImportRowOutcome | null> {
    const current = await this.repository.findByPartnerInn(prepared.partnerId, prepared.inn);
    if (!current) {
      if (dryRun) return { status: 'created' };
      const inserted = await this.repository.insert(prepared).then(
        () => true,
        (error: unknown) => {
          if ((error as { code?: string }).code === '23505') return false;
          throw error;
        },
      );
      if (!inserted) return null;
      this.relay.wake();
      return { status: 'created', id: prepared.id };
    }
    if (sameProfile(current, prepared)) return { status: 'unchanged', id: current.id };
    if (dryRun) return { status: 'updated', id: current.id };
    const written = await this.repository.update({ ...prepared, id: current.id, version: current.version + 1, createdAt: current.createdAt });
    if (!written) return null;
    this.announce(written.seq);
    return { status: 'updated', id: current.id };
  }

  async get(caller: Caller, id: string): Promise<CompanyView> {
    const company = await this.repository.findById(id);
    if (!company || !visibleTo(caller, company)) throw DomainError.notFound('Company', id);
    return company;
  }

  list(caller: Caller, page: Partial<ListPageQuery>): Promise<ListPage<CompanyView>> {
    return this.repository.list(caller.admin ? null : caller.partnerId ?? '00000000-0000-0000-0000-000000000000', { ...page, limit: page.limit ?? 50 });
  }

  async update(caller: Caller, id: string, patch: Record<string, unknown>): Promise<CompanyView> {
    const current = await this.get(caller, id);
    const forbidden = EDITABLE_OMIT.filter((field) => field in patch);
    if (forbidden.length) throw DomainError.validation(forbidden.map((field) => ({ field, reason: 'cannot be changed' })));
    const editable = Object.fromEntries(
      Object.entries(current).filter(([k]) => !(EDITABLE_OMIT as readonly string[]).includes(k)),
    );
    if (current.locationSource !== 'submitted') delete editable.location;
    const merged = await validateAs(CompanyProfileDto, { ...editable, ...patch });
    const prepared = await this.prepare(current.partnerId, merged);
    const next: CompanyView = {
      ...prepared,
      id: current.id,
      version: current.version + 1,
      createdAt: current.createdAt,
    };
    const written = await this.repository.update(next);
    if (!written) throw new DomainError(ErrorCode.CONFLICT, `Company ${id} was changed concurrently; read it again and retry`);
    this.announce(written.seq);
    return next;
  }

  async delete(caller: Caller, id: string): Promise<CompanyDeletedReply> {
    await this.get(caller, id);
    const deleted = await this.repository.delete(id, caller.admin ? null : caller.partnerId);
    if (!deleted) throw DomainError.notFound('Company', id);
    this.announce(deleted.seq);
    return { id, deleted: true };
  }

  private async prepare(partnerId: string, profile: CompanyProfileDto): Promise<CompanyView> {
    const vocabularies = await this.vocabulary.capabilitiesOf(profile.sectors);
    const errors = checkProfile(profile, vocabularies);
    if (errors.length) throw DomainError.validation(errors);
    const located = profile.location ?? this.gazetteer.locate(profile.city, profile.region);
    const now = new Date().toISOString();
    return {
      id: randomUUID(),
      partnerId,
      name: profile.name.trim(),
      inn: profile.inn,
      ...(profile.ogrn ? { ogrn: profile.ogrn } : {}),
      region: profile.region.trim(),
      city: profile.city.trim(),
      ...(located ? { location: { lat: located.lat, lon: located.lon } } : {}),
      locationSource: profile.location ? 'submitted' : located ? 'gazetteer' : 'unknown',
      sectors: profile.sectors,
      okved: profile.okved,
      hsCodes: profile.hsCodes,
      capabilities: profile.capabilities,
      employees: profile.employees,
      annualRevenueRub: profile.annualRevenueRub,
      exportExperienceYears: profile.exportExperienceYears,
      acceptsRubSettlement: profile.acceptsRubSettlement,
      owners: (profile.owners ?? []).map((o) => ({ name: o.name.trim(), sharePct: o.sharePct, ...personEvidence(o) })),
      directors: (profile.directors ?? []).map((d) => ({ name: d.name.trim(), ...personEvidence(d) })),
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

/** An owner's or director's date of birth and nationality, kept only when given (the screen weighs them). */
function personEvidence(person: PersonEvidence): PersonEvidence {
  return {
    ...(person.dateOfBirth ? { dateOfBirth: person.dateOfBirth } : {}),
    ...(person.nationality ? { nationality: person.nationality } : {}),
  };
}

/** True when a row would store what is stored already (its id, version and times aside). */
function sameProfile(stored: CompanyView, prepared: CompanyView): boolean {
  const profileOf = (view: CompanyView) => Object.fromEntries(Object.entries(view).filter(([k]) => !(BOOKKEEPING as readonly string[]).includes(k)));
  return canonicalJson(profileOf(stored)) === canonicalJson(profileOf(prepared));
}

function visibleTo(caller: Caller, company: CompanyView): boolean {
  return caller.admin || company.partnerId === caller.partnerId;
}
