import { Injectable, Logger } from '@nestjs/common';
import { companyPartition, type CompanyView, type OpportunitySummary } from '#contracts';
import { Transactions } from '../database/transactions.js';
import { bars, type PartyDecision } from '../decisions/party-decision.js';
import { PartyDecisions } from '../decisions/party-decisions.service.js';
import { prepareCompany } from '../domain/scoring/index.js';
import { LeadStore } from '../leads/lead-store.js';
import { PartitionOwnership } from '../partitions/partition-ownership.js';
import { RankingService, type RankedLists } from '../ranking/ranking.service.js';
import { ProjectionsRepository } from './projections.repository.js';

/** Companies of a partition taken over, ranked again per transaction. */
const ADOPT_BATCH = 200;

/** Companies ranked, with their decisions, not yet stored. */
export interface RankedCompanies {
  views: CompanyView[];
  decisions: PartyDecision[];
  lists: Map<string, RankedLists>;
}

/** Opportunities decided, not yet stored. */
export interface DecidedOpportunities {
  views: OpportunitySummary[];
  decisions: PartyDecision[];
}

/**
 * Applies what the owners' outboxes say, and what new decisions change, to the stored matches: a
 * company is decided and ranked in its classes, an opportunity is decided and offered to the
 * companies of its sector, and a party whose class changes has its matches moved at once.
 */
@Injectable()
export class EventApplier {
  private readonly logger = new Logger(EventApplier.name);
  /** Companies that lost a stored match and are ranked again in full in the background. */
  private readonly refill = new Set<string>();

  constructor(
    private readonly tx: Transactions,
    private readonly projections: ProjectionsRepository,
    private readonly decisions: PartyDecisions,
    private readonly ranking: RankingService,
    private readonly leads: LeadStore,
    private readonly ownership: PartitionOwnership,
  ) {}

  /**
   * Fills the decisions, the candidate index and the book from the store: every opportunity, and the
   * companies of this replica's partitions. The companies of a partition taken over from another
   * replica are ranked again in full before any event is taken, and the partition then settled.
   */
  async load(): Promise<void> {
    await this.decisions.load((id) => this.ownership.owns(id));
    const companies = await this.projections.companies(this.ownership.filter);
    for (const c of companies) this.ranking.index.putCompany(c);
    for (const o of await this.projections.opportunities()) this.ranking.index.putOpportunity(o, this.barred('opportunity', o.id));
    await this.leads.load(companies.map((c) => c.id));
    const { leads, prohibited } = this.leads.size;
    const { replica, replicas, partitions } = this.ownership;
    this.logger.log(
      `replica ${replica} of ${replicas} (${partitions.length} partitions): loaded ${this.ranking.index.size.companies} companies, ${this.ranking.index.size.opportunities} opportunities, ${leads} leads and ${prohibited} prohibited matches`,
    );
    const adopted = await this.ownership.claim();
    if (adopted.length) await this.adopt(companies, adopted);
  }

  /** Ranks again, in full, the companies of partitions taken over from another replica, then settles them. */
  private async adopt(companies: readonly CompanyView[], adopted: readonly number[]): Promise<void> {
    const taken = new Set(adopted);
    const ids = companies.filter((c) => taken.has(companyPartition(c.id))).map((c) => c.id);
    for (let i = 0; i < ids.length; i += ADOPT_BATCH) {
      const batch = ids.slice(i, i + ADOPT_BATCH);
      await this.tx.run(() => this.rerank(batch));
    }
    await this.ownership.settle(adopted);
    this.logger.log(`took over partitions ${adopted.join(', ')}: ${ids.length} companies ranked again`);
  }

  /**
   * The first half of applying company upserts, which writes nothing: the fresh versions among
   * views, decided and ranked. A backlog ranks the next run while the previous one is written.
   */
  async rankCompanies(views: readonly CompanyView[]): Promise<RankedCompanies> {
    const latest = new Map(views.map((v) => [v.id, v]));
    const stored = await this.projections.versions('company', [...latest.keys()]);
    const removed = await this.projections.removed('company', [...latest.keys()]);
    const fresh = [...latest.values()].filter((v) => (stored.get(v.id) ?? 0) <= v.version && !removed.has(v.id));
    const { companies: decisions } = await this.decisions.decide({ companies: fresh, opportunities: [] });
    const lists = new Map<string, RankedLists>();
    for (const [i, view] of fresh.entries()) lists.set(view.id, await this.ranking.rank(prepareCompany(view), bars(decisions[i]!)));
    return { views: fresh, decisions, lists };
  }

  /** The second half: the companies, their decisions and their ranked lists stored, in one transaction. */
  async storeCompanies(ranked: RankedCompanies): Promise<void> {
    if (!ranked.views.length) return;
    await this.tx.run(async () => {
      await this.projections.putCompanies(ranked.views);
      // Only a company already in the index can have stored matches: a backlog of new ones deletes nothing.
      const known = ranked.views.filter((v) => this.ranking.index.company(v.id)).map((v) => v.id);
      // The matches before the decisions: the lead events compare the verdicts of before with those of after.
      await this.leads.replace(known, ranked.lists, new Date().toISOString());
      // The companies go into the index as soon as their matches are in the book (no await between),
      // so that a read never finds a match whose company it cannot explain.
      for (const view of ranked.views) {
        this.ranking.index.putCompany(view);
        this.refill.delete(view.id);
      }
      await this.decisions.save(ranked.decisions);
    });
  }

  async applyCompanies(views: readonly CompanyView[]): Promise<void> {
    await this.storeCompanies(await this.rankCompanies(views));
  }

  async removeCompany(id: string): Promise<void> {
    await this.tx.run(async () => {
      await this.leads.removeCompany(id);
      await this.projections.removeCompany(id);
      await this.decisions.forget('company', id);
    });
    this.ranking.index.removeCompany(id);
    this.refill.delete(id);
  }

  /**
   * The first half of applying opportunity upserts, which writes nothing: the fresh versions among
   * views, decided in one screening conversation.
   */
  async decideOpportunities(views: readonly OpportunitySummary[]): Promise<DecidedOpportunities> {
    const latest = new Map(views.map((v) => [v.id, v]));
    const stored = await this.projections.versions('opportunity', [...latest.keys()]);
    const removed = await this.projections.removed('opportunity', [...latest.keys()]);
    const fresh = [...latest.values()].filter((v) => (stored.get(v.id) ?? 0) <= v.version && !removed.has(v.id));
    const { opportunities: decisions } = await this.decisions.decide({ companies: [], opportunities: fresh });
    return { views: fresh, decisions };
  }

  /** The second half: each opportunity stored with its decision and offered to every company of its sector in the class each pair belongs to. */
  async storeOpportunities({ views, decisions }: DecidedOpportunities): Promise<void> {
    if (!views.length) return;
    await this.tx.run(async () => {
      for (const [i, view] of views.entries()) await this.refile(view, bars(decisions[i]!));
      // Last, just before the commit: every replica writes these same rows, and holds their locks
      // from here only, not through its fan-out (another replica's would wait for it).
      await this.decisions.save(decisions);
      for (const view of views) await this.projections.putOpportunity(view);
    });
  }

  /** A new or changed opportunity: decided, then offered to every company of its sector. */
  async applyOpportunity(view: OpportunitySummary): Promise<void> {
    await this.storeOpportunities(await this.decideOpportunities([view]));
  }

  async removeOpportunity(id: string): Promise<void> {
    await this.tx.run(async () => {
      for (const c of await this.leads.removeOpportunity(id)) this.refill.add(c);
      await this.projections.removeOpportunity(id);
      await this.decisions.forget('opportunity', id);
    });
    this.ranking.index.removeOpportunity(id);
  }

  /**
   * New decisions (a new list or rules version, or screening answering at last): stored, and every
   * party whose class changes has its matches moved now. A company that becomes prohibited (or stops
   * being so) is ranked again in full; an opportunity that does leaves every list it was in and is
   * offered again in its new class, and the companies it leaves fill the freed slot in the background.
   * The stored matches whose verdict the decisions move are told to the lead events first.
   */
  async applyDecisions(companies: readonly PartyDecision[], opportunities: readonly PartyDecision[]): Promise<void> {
    await this.tx.run(async () => {
      const movedCompanies = companies.filter((d) => this.ranking.index.company(d.partyId) && this.classChanges(d));
      const movedOpportunities = opportunities.filter((d) => this.ranking.index.opportunity(d.partyId) && this.classChanges(d));
      this.leads.decisionsChanging(
        companies.filter((d) => this.ranking.index.company(d.partyId) && this.verdictChanges(d)).map((d) => d.partyId),
        new Set(opportunities.filter((d) => this.ranking.index.opportunity(d.partyId) && this.verdictChanges(d)).map((d) => d.partyId)),
      );
      // This replica's own companies' decisions first: ranking them again reads them.
      await this.decisions.save(companies);
      for (const d of movedOpportunities) await this.refile(this.ranking.index.opportunity(d.partyId)!.view, bars(d));
      if (movedCompanies.length) await this.rerank(movedCompanies.map((d) => d.partyId));
      // The opportunities' rows, which every replica writes, last (see storeOpportunities).
      await this.decisions.save(opportunities);
      if (movedCompanies.length || movedOpportunities.length) {
        this.logger.log(`${movedCompanies.length} companies and ${movedOpportunities.length} opportunities changed class; their matches moved`);
      }
    });
  }

  /** Ranks again, in full, companies that lost a stored match; returns how many remain. */
  async refillSome(max: number): Promise<number> {
    const ids = [...this.refill].slice(0, max);
    if (ids.length) await this.tx.run(() => this.rerank(ids));
    return this.refill.size;
  }

  get pendingRefills(): number {
    return this.refill.size;
  }

  private async rerank(ids: readonly string[]): Promise<void> {
    const lists = new Map<string, RankedLists>();
    for (const id of ids) {
      this.refill.delete(id);
      const company = this.ranking.index.company(id);
      if (company) lists.set(id, await this.ranking.rank(company.prepared, this.barred('company', id)));
    }
    await this.leads.replace([...lists.keys()], lists, new Date().toISOString());
  }

  /** Files an opportunity in its class and offers it to its sector's companies; those it leaves are filled again later. */
  private async refile(view: OpportunitySummary, barred: boolean): Promise<void> {
    for (const c of await this.leads.removeOpportunity(view.id)) this.refill.add(c);
    this.ranking.index.putOpportunity(view, barred);
    const po = this.ranking.index.opportunity(view.id)!.prepared;
    const entering = await this.ranking.fanOut(po, barred, (id) => this.barred('company', id), (id, cls) => this.leads.stats(id, cls));
    await this.leads.offer(entering, (cls) => this.ranking.capacity(cls), new Date().toISOString());
  }

  /** Whether a party's decision in force bars every match with it (none held yet: not barred, as `review`). */
  private barred(kind: 'company' | 'opportunity', id: string): boolean {
    const d = kind === 'company' ? this.decisions.company(id) : this.decisions.opportunity(id);
    return d !== undefined && bars(d);
  }

  private classChanges(d: PartyDecision): boolean {
    return this.barred(d.kind, d.partyId) !== bars(d);
  }

  /** Whether a decision moves the verdict of the party's matches (one held for none yet counts as `review`, as listings show it). */
  private verdictChanges(d: PartyDecision): boolean {
    const held = d.kind === 'company' ? this.decisions.company(d.partyId) : this.decisions.opportunity(d.partyId);
    return (held?.verdict ?? 'review') !== d.verdict;
  }
}
