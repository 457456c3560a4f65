import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Caller, CompanyView, CriterionScore, ListedCompliance, ListedMatch, MatchList, MatchView, OpportunitySummary } from '#contracts';
import { DomainError } from '#platform';
import { RubricClient } from '../clients/rubric.client.js';
import { ScreeningClient } from '../clients/screening.client.js';
import { decisionRef, matchCompliance, unscreenedDecision, type PartyDecision } from '../decisions/party-decision.js';
import { PartyDecisions } from '../decisions/party-decisions.service.js';
import { matchId } from '../domain/match-id.js';
import { prepareCompany, scorePrepared, type PreparedCompany } from '../domain/scoring/index.js';
import { MATCHING_CONFIG, type MatchingConfig } from '../matching.config.js';
import { CandidateIndex } from '../ranking/candidate-index.js';
import { RankingService } from '../ranking/ranking.service.js';
import { LeadStore } from './lead-store.js';
import type { MatchQuery } from './match-book.js';

/** A match to show: the pair, its score and class. */
interface Shown {
  companyId: string;
  opportunityId: string;
  sector: MatchView['sector'];
  score: number;
  scoredAt: string;
  prohibited: boolean;
}

/**
 * What readers see: a company's leads (and, asked for, its prohibited matches), an opportunity's
 * companies, one match, and the preview of an unsaved profile, each explained criterion by criterion
 * and carrying the verdict of its two party decisions.
 */
@Injectable()
export class LeadsService {
  private readonly logger = new Logger(LeadsService.name);
  /** Companies deleted but not yet removed: the outbox brings the removal, reads hide them meanwhile. */
  private readonly forgotten = new Set<string>();

  constructor(
    private readonly leads: LeadStore,
    private readonly index: CandidateIndex,
    private readonly decisions: PartyDecisions,
    private readonly ranking: RankingService,
    private readonly screening: ScreeningClient,
    private readonly rubrics: RubricClient,
    @Inject(MATCHING_CONFIG) private readonly config: MatchingConfig,
  ) {}

  /** Hides a just-deleted company from callers until its removal comes through the outbox. */
  forget(id: string): void {
    if (this.index.company(id)) this.forgotten.add(id);
  }

  /** Called when a company's removal is applied. */
  removed(id: string): void {
    this.forgotten.delete(id);
  }

  /**
   * A company's leads, best first, with its prohibited matches merged in by score when asked for.
   * With a caller, only a company matching knows and the caller may see is answered (NOT_FOUND
   * otherwise, as companies would answer), so a read takes one hop.
   */
  async companyMatches(companyId: string, q: MatchQuery, caller?: Caller): Promise<MatchList> {
    if (caller) {
      const company = this.forgotten.has(companyId) ? undefined : this.index.company(companyId)?.view;
      if (!company || !(caller.admin || company.partnerId === caller.partnerId)) throw DomainError.notFound('Company', companyId);
    }
    return this.list(this.leads.read(companyId, q).map((m) => ({ ...m, scoredAt: new Date(m.scoredAt).toISOString() })), { withCompany: false });
  }

  /** The reverse view: the companies an opportunity is a lead for, best first (and those it is prohibited for, when asked). */
  async opportunityMatches(opportunityId: string, q: MatchQuery): Promise<MatchList> {
    return this.list(await this.leads.forOpportunity(opportunityId, q), { withCompany: true });
  }

  async matchById(id: string): Promise<MatchView> {
    const match = await this.leads.byId(id);
    if (!match) throw DomainError.notFound('Match', id);
    const { items: [listed], rules, decisions } = await this.list([match], { withCompany: true });
    if (!listed) throw DomainError.notFound('Match', id);
    const { ruleIds, decisions: cited, ...compliance } = listed.compliance;
    return {
      ...listed,
      compliance: { ...compliance, rules: ruleIds.map((r) => rules[r]!), decisions: { company: decisions[cited.company]!, opportunity: decisions[cited.opportunity]! } },
    };
  }

  /**
   * Scores an unsaved (already validated) profile against the catalogue, in the same classes as a
   * stored company; nothing is stored. Its own decision is screened (and audited) like any company's.
   */
  async preview(profile: CompanyView, q: MatchQuery): Promise<MatchList> {
    const sectors = q.sector ? profile.sectors.filter((s) => s === q.sector) : profile.sectors;
    const pc = prepareCompany({ ...profile, sectors });
    const { companies: [decision] } = await this.decisions.decide({ companies: [profile], opportunities: [] });
    const lists = await this.ranking.rank(pc, decision!.verdict === 'prohibited', sectors, {
      leads: q.limit,
      prohibited: q.includeProhibited ? q.limit : 0,
      minScore: q.minScore ?? 0,
    });
    const scoredAt = new Date().toISOString();
    const shown: Shown[] = [
      ...lists.leads.map((r) => ({ ...r, scoredAt, prohibited: false })),
      ...lists.prohibited.map((r) => ({ ...r, scoredAt, prohibited: true })),
    ]
      .sort((a, b) => b.score - a.score || (a.opportunityId < b.opportunityId ? -1 : 1))
      .slice(0, q.limit);
    return this.list(shown, { withCompany: false, previewed: { prepared: prepareCompany(profile), view: profile, decision: decision! } });
  }

  /** A listing: each match explained and with its verdict, each rule and decision cited stated once. */
  private async list(
    matches: readonly Shown[],
    { withCompany, previewed }: { withCompany: boolean; previewed?: { prepared: PreparedCompany; view: CompanyView; decision: PartyDecision } },
  ): Promise<MatchList> {
    const rubrics = await this.rubrics.rubrics([...new Set(matches.map((m) => m.sector))]);
    const items: ListedMatch[] = [];
    const decisions: MatchList['decisions'] = {};
    for (const m of matches) {
      const company = previewed ?? this.index.company(m.companyId);
      const opportunity = this.index.opportunity(m.opportunityId);
      if (!company && !opportunity) continue;
      const companyDecision =
        previewed?.decision ?? this.decisions.company(m.companyId) ?? unscreenedDecision('company', m.companyId, company?.view.version ?? 0, 'no decision held');
      const opportunityDecision =
        this.decisions.opportunity(m.opportunityId) ?? unscreenedDecision('opportunity', m.opportunityId, opportunity?.view.version ?? 0, 'no decision held');
      const compliance = matchCompliance(companyDecision, opportunityDecision);
      if (!m.prohibited && compliance.verdict === 'prohibited') {
        // Its class changed a moment ago and its list is being moved: a lead is never shown prohibited.
        this.logger.warn({ msg: 'a prohibited match is still filed as a lead; hidden', companyId: m.companyId, opportunityId: m.opportunityId });
        continue;
      }
      const breakdown: CriterionScore[] =
        company && opportunity ? scorePrepared(company.prepared, opportunity.prepared, rubrics[m.sector]!, { rubPerUsd: this.config.RUB_PER_USD }).breakdown : [];
      decisions[companyDecision.id] ??= decisionRef(companyDecision);
      decisions[opportunityDecision.id] ??= decisionRef(opportunityDecision);
      items.push(this.present(m, breakdown, compliance, withCompany ? company?.view : undefined, opportunity?.view));
    }
    const rules = await this.screening.rules(items.map((i) => ({ rulesVersion: i.compliance.rulesVersion, ruleIds: i.compliance.ruleIds })));
    return { items, rules, decisions };
  }

  private present(
    m: Shown,
    breakdown: CriterionScore[],
    compliance: ListedCompliance,
    company: CompanyView | undefined,
    opportunity: OpportunitySummary | undefined,
  ): ListedMatch {
    return {
      id: matchId(m.companyId, m.opportunityId),
      companyId: m.companyId,
      opportunityId: m.opportunityId,
      sector: m.sector,
      score: m.score,
      scoredAt: m.scoredAt,
      breakdown,
      compliance,
      ...(opportunity ? { opportunity: summaryOf(opportunity) } : {}),
      ...(company ? { company: { name: company.name, region: company.region, city: company.city } } : {}),
    };
  }
}

const summaries = new WeakMap<OpportunitySummary, NonNullable<MatchView['opportunity']>>();

/** What a match shows of its opportunity (made once per opportunity version; never the counterparty's contact). */
function summaryOf(o: OpportunitySummary): NonNullable<MatchView['opportunity']> {
  let summary = summaries.get(o);
  if (!summary) {
    summary = { title: o.title, site: o.site, counterparty: { name: o.counterparty.name }, direction: o.direction, structure: o.structure, sizeUsd: o.sizeUsd };
    summaries.set(o, summary);
  }
  return summary;
}
