import { Metrics } from '#platform';
import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import {
  ScreenedCompanyDto,
  ScreenedOpportunityDto,
  type ComplianceRule,
  type ComplianceView,
  type NameCheckReply,
  type PartyDecisionRecord,
  type PartyKind,
  type ScreeningCompanyDto,
  type ScreeningOpportunityDto,
  type ScreenPartiesReply,
  type ScreenPartiesRequest,
} from '#contracts';
import type { RuleEvaluation } from '../domain/rules/index.js';
import {
  decide,
  evaluateOpportunity,
  type Decision,
  type NameScreen,
  POSSIBLE_AT,
  screenParty,
  searchList,
  type PartyHit,
} from '../domain/screening/match-verdict.js';
import { AuditRepository, type NewAuditEntry } from '../audit/audit.repository.js';
import { SanctionsListService } from '../list/sanctions-list.service.js';
import { DismissalsService, type ActiveDismissals } from '../dismissals/dismissals.service.js';
import type { ScreenedParty, SiftedHits } from '../domain/dismissals/dismissal-rules.js';
import { RuleSetProvider } from '../rules/rule-set.provider.js';
import type { SecondaryEvidence } from '../domain/screening/secondary-evidence.js';

const CACHE_LIMIT = 200_000;

/** Screens parties against the list in force and the rules; every decision is audited once. */
@Injectable()
export class ScreeningService {
  private readonly logger = new Logger(ScreeningService.name);
  /** Name screens and sectoral verdicts, per list and rules version (names recur across many matches). */
  private partyCache = new Map<string, NameScreen<PartyHit>>();
  private activityCache = new Map<string, RuleEvaluation>();
  /** The text of each rule as the catalogue gives it, for the rules version in force. */
  private ruleTexts = new Map<string, ComplianceRule>();
  private cacheVersion = '';

  constructor(
    private readonly list: SanctionsListService,
    private readonly rules: RuleSetProvider,
    private readonly audit: AuditRepository,
    private readonly dismissals: DismissalsService,
  ) {}

  /** The versions in force as stored now (another process may have put a new list in force). */
  async versions() {
    const list = await this.list.current();
    return { listVersion: list?.version ?? null, rulesVersion: this.rules.ruleSet().version };
  }

  /**
   * Each party's decision, screened once per party version, list version and rules version:
   * companies on their names (their own, their owners', their directors'), opportunities on their
   * declared activity against the rules and their counterparty against the list. Items are checked
   * one by one: an item the screen cannot read is decided `review` with the reason, logged, and
   * never holds up the others. Each decision is audited once: its entry is keyed by the decision's
   * id, so a party asked about again under the same versions is not audited twice.
   */
  async screenParties(req: ScreenPartiesRequest, actor = 'matching'): Promise<ScreenPartiesReply> {
    const { listVersion, rulesVersion } = await this.versions();
    this.resetCachesIfStale(`${listVersion}|${rulesVersion}`);
    const decidedAt = new Date().toISOString();
    const cited: ScreenPartiesReply['rules'] = {};
    const active = await this.dismissals.activeFor(idsOf(req.companies), idsOf(req.opportunities));
    const voided: SiftedHits['voided'] = [];
    const sift = (kind: PartyKind, id: string, hits: PartyHit[], parties: ScreenedParty[]) => {
      const sifted = this.dismissals.sift(active, kind, id, hits, parties);
      voided.push(...sifted.voided);
      return sifted;
    };
    const entries: NewAuditEntry[] = [];
    const give = (kind: PartyKind, party: { id: string; version: number } | undefined, decision: Decision & { dismissedHits?: SiftedHits['dismissed'] }, inputs: Record<string, unknown>): PartyDecisionRecord => {
      const partyId = party?.id ?? UNREADABLE_PARTY;
      const partyVersion = party?.version ?? 0;
      for (const rule of decision.rules) cited[rule.id] ??= this.ruleTexts.get(rule.id)!;
      const record: PartyDecisionRecord = {
        id: decisionId(kind, partyId, partyVersion, listVersion, rulesVersion, decision),
        kind,
        partyId,
        partyVersion,
        verdict: decision.verdict,
        ruleIds: decision.rules.map((r) => r.id),
        listHits: decision.listHits,
        ...(decision.dismissedHits?.length ? { dismissedHits: decision.dismissedHits } : {}),
        reasons: decision.reasons,
        listVersion,
        rulesVersion,
        decidedAt,
      };
      entries.push(decisionEntry(record, inputs, actor));
      Metrics.decisions.inc({ party: kind, verdict: decision.verdict });
      return record;
    };
    const companies = req.companies.map((item) => {
      const read = readItem(ScreenedCompanyDto, item);
      if (!read.ok) return give('company', read.party, unreadable(read.problem), { unreadable: read.problem });
      const screened = this.screenedCompany(read.value);
      const hits = sift('company', read.value.id, screened.hits, companyParties(read.value));
      return give('company', read.value, withDismissals(decide(NO_SECTORAL_RULES, hits.kept, listVersion !== null, screened.demoted), hits), companyNames(read.value));
    });
    const opportunities = req.opportunities.map((item) => {
      const read = readItem(ScreenedOpportunityDto, item);
      if (!read.ok) return give('opportunity', read.party, unreadable(read.problem), { unreadable: read.problem });
      const screened = this.screenedOpportunity(read.value);
      const hits = sift('opportunity', read.value.id, screened.hits, [{ party: 'counterparty', name: read.value.counterpartyName }]);
      return give('opportunity', read.value, withDismissals(decide(screened.sectoral, hits.kept, listVersion !== null, screened.demoted), hits), opportunityActivity(read.value));
    });
    const unreadableItems = entries.filter((e) => 'unreadable' in e.inputs);
    if (unreadableItems.length) this.logger.warn({ msg: 'parties the screen cannot read were decided review', parties: unreadableItems.map((e) => e.inputs) });
    await this.audit.appendDecisions(entries);
    await this.dismissals.voidAll(voided);
    return { companies, opportunities, rules: cited, listVersion, rulesVersion };
  }

  /** The company's name, and its owners' and directors' with their dates of birth and nationalities, against the list. */
  private screenedCompany(dto: ScreeningCompanyDto): { dto: ScreeningCompanyDto } & NameScreen<PartyHit> {
    const screens = [
      this.party('company', dto.name),
      ...dto.owners.map((o) => this.party('owner', o.name, evidenceOf(o))),
      ...dto.directors.map((d) => this.party('director', d.name, evidenceOf(d))),
    ];
    return { dto, hits: screens.flatMap((s) => s.hits), demoted: screens.flatMap((s) => s.demoted) };
  }

  private screenedOpportunity(dto: ScreeningOpportunityDto): { dto: ScreeningOpportunityDto; sectoral: RuleEvaluation } & NameScreen<PartyHit> {
    return { dto, ...this.party('counterparty', dto.counterpartyName), sectoral: this.sectoral(dto) };
  }

  /**
   * One pair's verdict, not audited: callers that act on it audit their own decision. Hits that
   * officers dismissed (and whose dismissals hold) are set aside, as in the party decisions.
   */
  async screenPair(company: ScreeningCompanyDto, opportunity: ScreeningOpportunityDto, screenedAt = new Date().toISOString()): Promise<ComplianceView> {
    const { listVersion, rulesVersion } = await this.versions();
    this.resetCachesIfStale(`${listVersion}|${rulesVersion}`);
    const screened = this.screenedOpportunity(opportunity);
    const companyScreen = this.screenedCompany(company);
    const active: ActiveDismissals = await this.dismissals.activeFor([company.id], [opportunity.id]);
    const companyHits = this.dismissals.sift(active, 'company', company.id, companyScreen.hits, companyParties(company));
    const counterpartyHits = this.dismissals.sift(active, 'opportunity', opportunity.id, screened.hits, [{ party: 'counterparty', name: opportunity.counterpartyName }]);
    const sifted: SiftedHits = {
      kept: [...companyHits.kept, ...counterpartyHits.kept],
      dismissed: [...companyHits.dismissed, ...counterpartyHits.dismissed],
      voided: [],
      reasons: [...companyHits.reasons, ...counterpartyHits.reasons],
    };
    const decision = withDismissals(decide(screened.sectoral, sifted.kept, listVersion !== null, [...companyScreen.demoted, ...screened.demoted]), sifted);
    return {
      verdict: decision.verdict,
      rules: decision.rules.map((r) => ({ ...this.ruleTexts.get(r.id)! })),
      listHits: decision.listHits,
      reasons: decision.reasons,
      listVersion,
      rulesVersion,
      screenedAt,
    };
  }

  /** Every rule of the rules in force, as verdicts cite them. */
  ruleCatalogue(): { version: string; rules: ComplianceRule[] } {
    const ruleSet = this.rules.ruleSet();
    return {
      version: ruleSet.version,
      rules: ruleSet.rules.map((r) => ({
        id: r.id,
        title: r.title,
        resolution: r.resolution,
        paragraph: r.paragraph,
        verdict: r.verdict,
        evidence: r.evidence,
        verified: r.verified,
        ...(r.exemptionPath ? { exemptionPath: r.exemptionPath } : {}),
        ...(r.conditions ? { conditions: r.conditions } : {}),
        ...(r.hsCodes?.length ? { hsCodes: r.hsCodes } : {}),
      })),
    };
  }

  /** One name against the list; a date of birth and a nationality, when given, weigh each individual hit. */
  async checkName(name: string, type?: 'individual' | 'entity', evidence: SecondaryEvidence = {}): Promise<NameCheckReply> {
    const snapshot = await this.list.current();
    const screened = snapshot ? searchList(snapshot, name, type, 20, evidence) : { hits: [], demoted: [] };
    return { name, hits: screened.hits, demoted: screened.demoted, threshold: POSSIBLE_AT, listVersion: snapshot?.version ?? null };
  }

  private party(role: PartyHit['party'], name: string, evidence: SecondaryEvidence = {}): NameScreen<PartyHit> {
    const snapshot = this.list.snapshot();
    if (!snapshot) return { hits: [], demoted: [] };
    const key = `${role}|${name}|${evidence.dateOfBirth ?? ''}|${evidence.nationality ?? ''}`;
    let screened = this.partyCache.get(key);
    if (!screened) {
      screened = screenParty(snapshot, role, name, evidence);
      if (this.partyCache.size > CACHE_LIMIT) this.partyCache.clear();
      this.partyCache.set(key, screened);
    }
    return screened;
  }

  private sectoral(o: ScreeningOpportunityDto): RuleEvaluation {
    const key = JSON.stringify([o.direction, o.structure, o.hsCodes, o.siteName, o.attributes]);
    let evaluation = this.activityCache.get(key);
    if (!evaluation) {
      evaluation = evaluateOpportunity(this.rules.ruleSet(), o);
      if (this.activityCache.size > CACHE_LIMIT) this.activityCache.clear();
      this.activityCache.set(key, evaluation);
    }
    return evaluation;
  }

  private resetCachesIfStale(version: string): void {
    if (version === this.cacheVersion) return;
    this.partyCache = new Map();
    this.activityCache = new Map();
    this.ruleTexts = new Map(this.ruleCatalogue().rules.map((r) => [r.id, r]));
    this.cacheVersion = version;
  }
}

/** The ids of a batch's items that carry one, whatever else they hold (dismissals are looked up by them). */
function idsOf(items: unknown[]): string[] {
  return items.map((i) => (i as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === 'string' && UUID.test(id));
}

/** A company's parties as dismissals name them, with the secondary evidence each carries (if any). */
function companyParties(company: ScreeningCompanyDto): ScreenedParty[] {
  const person = (party: 'owner' | 'director', p: object): ScreenedParty => {
    const { name, dateOfBirth, nationality } = p as { name: string; dateOfBirth?: string; nationality?: string };
    return { party, name, dateOfBirth: dateOfBirth ?? null, nationality: nationality ?? null };
  };
  return [{ party: 'company', name: company.name }, ...company.owners.map((o) => person('owner', o)), ...company.directors.map((d) => person('director', d))];
}

/** A decision with the hits officers dismissed: they count for nothing, and the reasons say so. */
function withDismissals(decision: Decision, sifted: SiftedHits): Decision & { dismissedHits?: SiftedHits['dismissed'] } {
  if (!sifted.dismissed.length) return decision;
  return { ...decision, reasons: [...decision.reasons, ...sifted.reasons], dismissedHits: sifted.dismissed };
}

/** A party's decision as the audit log keeps it: what it was screened on, and what was decided. */
function decisionEntry(record: PartyDecisionRecord, inputs: Record<string, unknown>, actor: string): NewAuditEntry {
  return {
    kind: `${record.kind}.decision`,
    decisionId: record.id,
    verdict: record.verdict,
    ruleIds: record.ruleIds,
    listReferences: [...new Set(record.listHits.map((h) => h.referenceNumber))],
    listVersion: record.listVersion,
    rulesVersion: record.rulesVersion,
    actor,
    inputs: { party: record.kind, id: record.partyId, version: record.partyVersion, ...inputs },
    details: { reasons: record.reasons, listHits: record.listHits, ...(record.dismissedHits ? { dismissedHits: record.dismissedHits } : {}) },
  };
}

/** Decisions given alike for the same party and versions have the same id (and one audit entry). */
function decisionId(kind: PartyKind, partyId: string, partyVersion: number, listVersion: string | null, rulesVersion: string, decision: Decision): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([kind, partyId, partyVersion, listVersion, rulesVersion, decision.verdict, decision.rules.map((r) => r.id), decision.listHits.map((h) => [h.party, h.name, h.referenceNumber, h.score]), decision.reasons]))
    .digest('base64url');
  return `${kind === 'company' ? 'dc' : 'do'}_${digest.slice(0, 24)}`;
}

/** The id given to a party whose own id cannot be read. */
const UNREADABLE_PARTY = '00000000-0000-0000-0000-000000000000';

/** A company's decision has no sectoral part: only its names are screened. */
const NO_SECTORAL_RULES: RuleEvaluation = { verdict: 'clear', rules: [], reasons: [], ruleSetVersion: '' };

/** The decision on a party the screen cannot read: held for review, with why. */
function unreadable(problem: string): Decision {
  return { verdict: 'review', rules: [], listHits: [], reasons: [`the screen cannot read this record (${problem}): held for review until it is corrected`] };
}

type ReadItem<T> = { ok: true; value: T } | { ok: false; problem: string; party?: { id: string; version: number } };

/** Validates one item of a batch on its own; a bad one names its fields, and its id and version where they can be read. */
function readItem<T extends object>(type: new () => T, item: unknown): ReadItem<T> {
  const value = plainToInstance(type, item);
  const errors = typeof item === 'object' && item !== null && !Array.isArray(item) ? validateSync(value, { whitelist: true, forbidNonWhitelisted: true }) : null;
  if (errors && !errors.length) return { ok: true, value };
  const problem = errors ? describeErrors(errors) : 'not an object';
  const raw = (typeof item === 'object' && item !== null ? item : {}) as { id?: unknown; version?: unknown };
  const id = typeof raw.id === 'string' && UUID.test(raw.id) ? raw.id : undefined;
  const version = Number.isInteger(raw.version) ? (raw.version as number) : 0;
  return { ok: false, problem, ...(id ? { party: { id, version } } : {}) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function describeErrors(errors: ValidationError[], prefix = ''): string {
  return errors
    .flatMap((e) => {
      const field = `${prefix}${e.property}`;
      const own = Object.values(e.constraints ?? {}).map((c) => `${field}: ${c}`);
      return [...own, ...(e.children?.length ? [describeErrors(e.children, `${field}.`)] : [])];
    })
    .join('; ');
}

/** The date of birth and nationality given for an owner or director, if any. */
function evidenceOf(person: { dateOfBirth?: string; nationality?: string }): SecondaryEvidence {
  return {
    ...(person.dateOfBirth ? { dateOfBirth: person.dateOfBirth } : {}),
    ...(person.nationality ? { nationality: person.nationality } : {}),
  };
}

/** The names a company was screened on (an owner or director given with a date of birth or nationality is recorded with them). */
function companyNames(company: ScreeningCompanyDto): Record<string, unknown> {
  const person = (p: { name: string; dateOfBirth?: string; nationality?: string }) => (p.dateOfBirth || p.nationality ? { name: p.name, ...evidenceOf(p) } : p.name);
  return { name: company.name, owners: company.owners.map(person), directors: company.directors.map(person) };
}

/** What an opportunity was screened on: its counterparty and its declared activity. */
function opportunityActivity(opportunity: ScreeningOpportunityDto): Record<string, unknown> {
  return {
    counterparty: opportunity.counterpartyName,
    direction: opportunity.direction,
    structure: opportunity.structure,
    hsCodes: opportunity.hsCodes,
    site: opportunity.siteName,
    ...(opportunity.attributes.originCountry ? { originCountry: opportunity.attributes.originCountry } : {}),
  };
}
