import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  companyPartition,
  matchingPartitionSubjects,
  type Caller,
  type CompanyView,
  type CriterionScore,
  type ListedCompliance,
  type ListedMatch,
  type MatchList,
  type MatchView,
  type OpportunitySummary,
} from '#contracts';
import { DomainError, MESSAGE_BUS, type MessageBus } from '#platform';
import { RubricClient } from '../clients/rubric.client.js';
import { ScreeningClient } from '../clients/screening.client.js';
import { decisionRef, matchCompliance, unscreenedDecision, type PartyDecision } from '../decisions/party-decision.js';
import { PartyDecisions } from '../decisions/party-decisions.service.js';
import { matchId } from '../domain/match-id.js';
import { prepareCompany, scorePrepared, type PreparedCompany } from '../domain/scoring/index.js';
import { MATCHING_CONFIG, ownerOf, type MatchingConfig } from '../matching.config.js';
import { PartitionOwnership } from '../partitions/partition-ownership.js';
import { CandidateIndex } from '../ranking/candidate-index.js';
import { RankingService } from '../ranking/ranking.service.js';
import { LeadStore } from './lead-store.js';
import type { MatchQuery } from './match-book.js';

/** A match to show: the pair, its score and class. */
export interface Shown {
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
    private readonly ownership: PartitionOwnership,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
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
    this.ownership.assertReady();
    if (caller) {
      const company = this.forgotten.has(companyId) ? undefined : this.index.company(companyId)?.view;
      if (!company || !(caller.admin || company.partnerId === caller.partnerId)) throw DomainError.notFound('Company', companyId);
    }
    return this.list(this.leads.read(companyId, q).map((m) => ({ ...m, scoredAt: new Date(m.scoredAt).toISOString() })), { withCompany: false });
  }

  /**
   * The reverse view: the companies an opportunity is a lead for, best first (and those it is
   * prohibited for, when asked), read from the table every replica writes its companies' matches to.
   */
  async opportunityMatches(opportunityId: string, q: MatchQuery): Promise<MatchList> {
    this.ownership.assertReady();
    return this.presentEverywhere(await this.leads.forOpportunity(opportunityId, q), true);
  }

  async matchById(id: string): Promise<MatchView> {
    this.ownership.assertReady();
    const match = await this.leads.byId(id);
    if (!match) throw DomainError.notFound('Match', id);
    const { items: [listed], rules, decisions } = await this.presentEverywhere([match], true);
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
    this.ownership.assertReady();
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

  /** Stored matches of this replica's companies, explained and with their verdicts (any others are left out). */
  presentStored(matches: readonly Shown[], withCompany: boolean): Promise<MatchList> {
    this.ownership.assertReady();
    return this.list(
      matches.filter((m) => this.ownership.owns(m.companyId)),
      { withCompany },
    );
  }

  /**
   * Stored matches of any companies, in their order: each replica presents its own companies'
   * (it alone holds their profiles and decisions), and the lists are merged. A replica that cannot
   * answer fails the whole read, as UNAVAILABLE or TIMEOUT: a listing is never silently short.
   */
  private async presentEverywhere(matches: readonly Shown[], withCompany: boolean): Promise<MatchList> {
    if (this.ownership.ownsAll) return this.list(matches, { withCompany });
    const byReplica = new Map<number, Shown[]>();
    for (const m of matches) {
      const replica = ownerOf(companyPartition(m.companyId), this.ownership.replicas);
      let share = byReplica.get(replica);
      if (!share) byReplica.set(replica, (share = []));
      share.push(m);
    }
    const lists = await Promise.all(
      [...byReplica].map(([replica, share]) =>
        replica === this.ownership.replica
          ? this.list(share, { withCompany })
          : // Replica i owns partition i: its subjects reach it.
            this.bus.request(matchingPartitionSubjects(replica).matchesPresent, { matches: share.map(shown), withCompany }),
      ),
    );
    const listed = new Map(lists.flatMap((l) => l.items).map((item) => [item.id, item]));
    return {
      items: matches.map((m) => listed.get(matchId(m.companyId, m.opportunityId))).filter((item): item is ListedMatch => item !== undefined),
      rules: Object.assign({}, ...lists.map((l) => l.rules)),
      decisions: Object.assign({}, ...lists.map((l) => l.decisions)),
    };
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
      // A match is shown only with both parties known, so that it is always explained: one whose party
      // is being added or removed this instant is left out of this read.
      if (!company || !opportunity) continue;
      const companyDecision =
        previewed?.decision ?? this.decisions.company(m.companyId) ?? unscreenedDecision('company', m.companyId, company.view.version, 'no decision held');
      const opportunityDecision =
        this.decisions.opportunity(m.opportunityId) ?? unscreenedDecision('opportunity', m.opportunityId, opportunity.view.version, 'no decision held');
      const compliance = matchCompliance(companyDecision, opportunityDecision);
      if (!m.prohibited && compliance.verdict === 'prohibited') {
        // Its class changed a moment ago and its list is being moved: a lead is never shown prohibited.
        this.logger.warn({ msg: 'a prohibited match is still filed as a lead; hidden', companyId: m.companyId, opportunityId: m.opportunityId });
        continue;
      }
      const breakdown: CriterionScore[] = scorePrepared(company.prepared, opportunity.prepared, rubrics[m.sector]!, { rubPerUsd: this.config.RUB_PER_USD }).breakdown;
      decisions[companyDecision.id] ??= decisionRef(companyDecision);
      decisions[opportunityDecision.id] ??= decisionRef(opportunityDecision);
      items.push(this.present(m, breakdown, compliance, withCompany ? company.view : undefined, opportunity.view));
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

/** The fields of a match to be shown, and no others. */
function shown({ companyId, opportunityId, sector, score, scoredAt, prohibited }: Shown): Shown {
  return { companyId, opportunityId, sector, score, scoredAt, prohibited };
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
