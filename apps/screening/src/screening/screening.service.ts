import { Injectable } from '@nestjs/common';
import type {
  ComplianceRecord,
  ComplianceRule,
  ComplianceView,
  NameCheckReply,
  ScreenMatchesReply,
  ScreenMatchesRequest,
  ScreeningCompanyDto,
  ScreeningOpportunityDto,
} from '#contracts';
import { combineVerdicts, type RuleEvaluation } from '../domain/rules/index.js';
import {
  decide,
  evaluateOpportunity,
  POSSIBLE_AT,
  screenParty,
  searchList,
  type PartyHit,
} from '../domain/screening/match-verdict.js';
import { AuditRepository, type NewAuditEntry } from '../audit/audit.repository.js';
import { SanctionsListService } from '../list/sanctions-list.service.js';
import { RuleSetProvider } from '../rules/rule-set.provider.js';

const CACHE_LIMIT = 200_000;

/** Screens matches against the list in force and the rules; every new or changed verdict is audited. */
@Injectable()
export class ScreeningService {
  /** Name screens and sectoral verdicts, per list and rules version (names recur across many matches). */
  private partyCache = new Map<string, PartyHit[]>();
  private activityCache = new Map<string, RuleEvaluation>();
  /** The text of each rule as the catalogue gives it, for the rules version in force. */
  private ruleTexts = new Map<string, ComplianceRule>();
  private cacheVersion = '';

  constructor(
    private readonly list: SanctionsListService,
    private readonly rules: RuleSetProvider,
    private readonly audit: AuditRepository,
  ) {}

  versions() {
    return { listVersion: this.list.snapshot()?.version ?? null, rulesVersion: this.rules.ruleSet().version };
  }

  /**
   * Verdicts on many pairs. The names of each company and the activity and counterparty of each
   * opportunity are screened once per request, and pairs that come to the same decision share one
   * record in the reply (`decisions`, referred to by index), so the work and the reply grow with the
   * distinct decisions, not with the pairs. Every verdict given is audited, in one entry per request:
   * the inputs of each company and opportunity once, each distinct decision once, and every pair
   * with the index of its decision.
   */
  async screenMatches(req: ScreenMatchesRequest, actor = 'matching'): Promise<ScreenMatchesReply> {
    const { listVersion, rulesVersion } = this.versions();
    this.resetCachesIfStale(`${listVersion}|${rulesVersion}`);
    const now = new Date().toISOString();
    const companies = req.companies.map((c) => this.screenedCompany(c));
    const opportunities = req.opportunities.map((o) => this.screenedOpportunity(o));
    const decisions: ComplianceRecord[] = [];
    const decisionIndex = new Map<string, number>();
    const cited: ScreenMatchesReply['rules'] = {};
    const verdicts: ScreenMatchesReply['verdicts'] = [];
    for (const [c, o] of req.pairs) {
      const company = companies[c]!;
      const opportunity = opportunities[o]!;
      // Companies with no possible list hit decide alike: the opportunity alone tells them apart.
      const key = company.hits.length ? `${c}|${o}` : `|${o}`;
      let index = decisionIndex.get(key);
      if (index === undefined) {
        const { rules, ...decision } = decide(opportunity.sectoral, [...company.hits, ...opportunity.hits], listVersion !== null);
        // A reply's rules are shared by all its decisions, and readers keep them by id: each is
        // cited in its catalogue text. The codes that brought it in for this pair are in `reasons`.
        for (const rule of rules) cited[rule.id] ??= this.ruleTexts.get(rule.id)!;
        index = decisions.push({ ...decision, ruleIds: rules.map((r) => r.id), listVersion, rulesVersion, screenedAt: now }) - 1;
        decisionIndex.set(key, index);
      }
      verdicts.push(index);
    }
    if (verdicts.length) await this.audit.append([verdictsEntry(decisions, req.pairs, verdicts, req.companies, req.opportunities, actor)]);
    return { decisions, verdicts, rules: cited, listVersion, rulesVersion };
  }

  private screenedCompany(dto: ScreeningCompanyDto): { dto: ScreeningCompanyDto; hits: PartyHit[] } {
    const hits = [
      ...this.party('company', dto.name),
      ...dto.owners.flatMap((o) => this.party('owner', o.name)),
      ...dto.directors.flatMap((d) => this.party('director', d.name)),
    ];
    return { dto, hits };
  }

  private screenedOpportunity(dto: ScreeningOpportunityDto): { dto: ScreeningOpportunityDto; hits: PartyHit[]; sectoral: RuleEvaluation } {
    return { dto, hits: this.party('counterparty', dto.counterpartyName), sectoral: this.sectoral(dto) };
  }

  /** One pair's verdict, not audited: callers that act on it audit their own decision. */
  screenPair(company: ScreeningCompanyDto, opportunity: ScreeningOpportunityDto, screenedAt = new Date().toISOString()): ComplianceView {
    const { listVersion, rulesVersion } = this.versions();
    this.resetCachesIfStale(`${listVersion}|${rulesVersion}`);
    const screened = this.screenedOpportunity(opportunity);
    const decision = decide(screened.sectoral, [...this.screenedCompany(company).hits, ...screened.hits], listVersion !== null);
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

  checkName(name: string, type?: 'individual' | 'entity'): NameCheckReply {
    const snapshot = this.list.snapshot();
    return { name, hits: snapshot ? searchList(snapshot, name, type, 20) : [], threshold: POSSIBLE_AT, listVersion: snapshot?.version ?? null };
  }

  private party(role: PartyHit['party'], name: string): PartyHit[] {
    const snapshot = this.list.snapshot();
    if (!snapshot) return [];
    const key = `${role}|${name}`;
    let hits = this.partyCache.get(key);
    if (!hits) {
      hits = screenParty(snapshot, role, name);
      if (this.partyCache.size > CACHE_LIMIT) this.partyCache.clear();
      this.partyCache.set(key, hits);
    }
    return hits;
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

/**
 * The audit entry of one screening request: its verdict column holds the worst verdict given, its
 * rule ids and list references those of every decision; `inputs` holds what each company and
 * opportunity was screened on and every pair with the index of its decision in `details.decisions`.
 */
function verdictsEntry(
  decisions: ComplianceRecord[],
  pairs: ScreenMatchesRequest['pairs'],
  verdicts: ScreenMatchesReply['verdicts'],
  companies: ScreeningCompanyDto[],
  opportunities: ScreeningOpportunityDto[],
  actor: string,
): NewAuditEntry {
  const listReferences = (d: ComplianceRecord) => [...new Set(d.listHits.map((h) => h.referenceNumber))];
  const used = <T>(items: Iterable<T>) => new Set(items);
  return {
    kind: 'match.verdicts',
    verdict: combineVerdicts(decisions[0]!.verdict, ...decisions.slice(1).map((d) => d.verdict)),
    ruleIds: [...used(decisions.flatMap((d) => d.ruleIds))],
    listReferences: [...used(decisions.flatMap(listReferences))],
    listVersion: decisions[0]!.listVersion,
    rulesVersion: decisions[0]!.rulesVersion,
    actor,
    inputs: {
      companies: Object.fromEntries([...used(pairs.map(([c]) => c))].map((c) => [companies[c]!.id, companyNames(companies[c]!)])),
      opportunities: Object.fromEntries([...used(pairs.map(([, o]) => o))].map((o) => [opportunities[o]!.id, opportunityActivity(opportunities[o]!)])),
      pairs: pairs.map(([c, o], i) => [companies[c]!.id, opportunities[o]!.id, verdicts[i]]),
    },
    details: {
      decisions: decisions.map((d) => ({ verdict: d.verdict, ruleIds: d.ruleIds, listReferences: listReferences(d), reasons: d.reasons })),
    },
  };
}

/** The names a company was screened on. */
function companyNames(company: ScreeningCompanyDto): Record<string, unknown> {
  return { name: company.name, owners: company.owners.map((o) => o.name), directors: company.directors.map((d) => d.name) };
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
