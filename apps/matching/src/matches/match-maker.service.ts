import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { Caller, CompanyView, ComplianceView, CriterionScore, MatchView, OpportunitySummary } from '#contracts';
import { DomainError } from '#platform';
import { MatchCatalogue } from '../catalogue/match-catalogue.js';
import { RubricClient } from '../catalogue/rubric.client.js';
import { pairKey, ScreeningClient, unscreenedVerdict } from '../catalogue/screening.client.js';
import { matchId } from '../domain/match-id.js';
import { prepareCompany, rankOpportunities, rankOpportunityScores, scoreIfAtLeast, scorePrepared, type RankedScore } from '../domain/scoring/index.js';
import { MATCHING_CONFIG, type MatchingConfig } from '../matching.config.js';
import { MatchBook, type BookMatch, type MatchQuery } from './match-book.js';
import { MatchesRepository, type StoredMatch } from './matches.repository.js';

/**
 * Keeps the stored matches true to the latest companies and opportunities: the best K per company
 * above a floor, each explained criterion by criterion.
 */
@Injectable()
export class MatchMakerService {
  private readonly logger = new Logger(MatchMakerService.name);
  private readonly catalogue = new MatchCatalogue();
  /** Every company's stored matches, best first: reads are answered from it, and fan-out asks it each company's lowest kept score. */
  private readonly book = new MatchBook();
  /** Companies whose stored list lost an entry and must be scored again in full. */
  private readonly refill = new Set<string>();
  /** Companies deleted but not yet removed: the outbox brings the removal, reads hide them meanwhile. */
  private readonly forgotten = new Set<string>();
  private screeningVersions = '';
  /**
   * Whether the store may hold verdicts due for screening again: true at boot, when screening did
   * not answer, and when a new list or rules version made verdicts stale. While false, a pass does
   * not look for them.
   */
  private mayHoldUnscreened = true;

  constructor(
    private readonly repository: MatchesRepository,
    private readonly rubrics: RubricClient,
    private readonly screening: ScreeningClient,
    @Inject(MATCHING_CONFIG) private readonly config: MatchingConfig,
  ) {}

  /** Loads the projections into the in-memory candidate index, and the stored matches into the book. */
  async load(): Promise<void> {
    const companies = await this.repository.loadCompanies();
    for (const c of companies) this.catalogue.putCompany(c);
    for (const o of await this.repository.loadOpportunities()) this.catalogue.putOpportunity(o);
    const byCompany = new Map<string, BookMatch[]>();
    for await (const page of this.repository.storedMatches(companies.map((c) => c.id))) {
      for (const { companyId, ...match } of page) {
        let list = byCompany.get(companyId);
        if (!list) byCompany.set(companyId, (list = []));
        list.push(match);
      }
      for (const [companyId, list] of byCompany) this.book.set(companyId, list);
      byCompany.clear();
    }
    this.logger.log(`loaded ${this.catalogue.size.companies} companies, ${this.catalogue.size.opportunities} opportunities, ${this.book.size.matches} matches`);
  }

  /**
   * Scores, screens and stores the matches of several new or changed companies in one transaction
   * (one screening conversation, one write): how a backlog is worked off. Older versions are ignored.
   */
  async applyCompanies(m: EntityManager, views: CompanyView[]): Promise<void> {
    await this.storeCompanies(m, await this.rankCompanies(views, m));
  }

  /**
   * The first half of applyCompanies, which writes nothing: the fresh versions among views, ranked
   * and screened. A backlog ranks and screens the next run while the previous one is being written.
   */
  async rankCompanies(views: CompanyView[], m: EntityManager | DataSource = this.repository.dataSource): Promise<RankedCompanies> {
    const latest = new Map(views.map((v) => [v.id, v]));
    const stored = await this.repository.storedVersions(m, 'company', [...latest.keys()]);
    const fresh = [...latest.values()].filter((v) => (stored.get(v.id) ?? 0) <= v.version);
    return { views: fresh, matchesOf: await this.rankAndScreen(fresh, latest) };
  }

  /** The second half of applyCompanies: the companies and their ranked matches stored. */
  async storeCompanies(m: EntityManager, ranked: RankedCompanies): Promise<void> {
    if (!ranked.views.length) return;
    await this.repository.putCompanies(m, ranked.views);
    await this.store(m, ranked);
  }

  /** Ranks and screens the best matches of each company. */
  private async rankAndScreen(views: CompanyView[], lookup?: Map<string, CompanyView>): Promise<Map<string, StoredMatch[]>> {
    if (!views.length) return new Map();
    const rubrics = await this.rubrics.rubrics();
    const now = new Date().toISOString();
    const matchesOf = new Map(
      views.map((view) => [
        view.id,
        rankOpportunityScores(prepareCompany(view), this.catalogue.opportunitiesFor(view.sectors), rubrics, {
          rubPerUsd: this.config.RUB_PER_USD,
          minScore: this.config.MATCH_FLOOR_SCORE,
          limit: this.config.MATCHES_PER_COMPANY,
        }).map((r) => toStored(r, now)),
      ]),
    );
    await this.screenAll([...matchesOf.values()].flat(), lookup);
    return matchesOf;
  }

  /** Replaces each company's stored matches with its ranked ones. */
  private async store(m: EntityManager, { views, matchesOf }: RankedCompanies): Promise<void> {
    // Only a company already in the index can have stored matches: a backlog of new ones deletes nothing.
    const known = views.filter((v) => this.catalogue.company(v.id)).map((v) => v.id);
    await this.repository.replaceMatchesOf(m, known, [...matchesOf.values()].flat());
    for (const view of views) {
      this.catalogue.putCompany(view);
      this.book.set(view.id, matchesOf.get(view.id)!.map(toBook));
    }
  }

  async removeCompany(m: EntityManager, id: string): Promise<void> {
    await this.repository.removeCompany(m, id);
    this.catalogue.removeCompany(id);
    this.book.delete(id);
    this.refill.delete(id);
    this.forgotten.delete(id);
  }

  /** Hides a just-deleted company from callers until its removal comes through the outbox. */
  forget(id: string): void {
    if (this.catalogue.company(id)) this.forgotten.add(id);
  }

  async applyOpportunity(m: EntityManager, view: OpportunitySummary): Promise<void> {
    const stored = await this.repository.storedVersion(m, 'opportunity', view.id);
    if (stored !== null && stored > view.version) return;
    const displaced = await this.repository.removeOpportunityMatches(m, view.id);
    for (const companyId of displaced) this.book.remove(companyId, view.id);
    await this.repository.putOpportunity(m, view);
    this.catalogue.putOpportunity(view);
    const rubric = await this.rubrics.rubric(view.sector);
    const po = this.catalogue.opportunity(view.id)!.prepared;
    const keep = this.config.MATCHES_PER_COMPANY;
    const floor = this.config.MATCH_FLOOR_SCORE;
    const rate = { rubPerUsd: this.config.RUB_PER_USD };
    const entering: StoredMatch[] = [];
    const now = new Date().toISOString();
    for (const pc of this.catalogue.companiesOf(view.sector)) {
      // A company whose list is full keeps a new match only if it beats its lowest one.
      const s = this.book.stats(pc.id);
      const full = s !== undefined && s.count >= keep;
      const score = scoreIfAtLeast(pc, po, rubric, full ? Math.max(floor, s.min) : floor, rate);
      if (score < 0 || (full && score <= s.min)) continue;
      entering.push(toStored({ companyId: pc.id, opportunityId: po.id, sector: view.sector, score }, now));
    }
    await this.screenAll(entering);
    // The book keeps each company's best `keep`; what it pushes out is not stored either.
    const pushedOut: { companyId: string; opportunityId: string }[] = [];
    const kept = entering.filter((match) => {
      const out = this.book.offer(match.companyId, toBook(match), keep);
      for (const opportunityId of out) pushedOut.push({ companyId: match.companyId, opportunityId });
      return !out.includes(match.opportunityId);
    });
    await this.repository.insertMatches(m, kept);
    await this.repository.deletePairs(m, pushedOut.filter((p) => p.opportunityId !== view.id));
    for (const id of displaced) this.refill.add(id);
  }

  async removeOpportunity(m: EntityManager, id: string): Promise<void> {
    const displaced = await this.repository.removeOpportunity(m, id);
    this.catalogue.removeOpportunity(id);
    for (const c of displaced) {
      this.book.remove(c, id);
      this.refill.add(c);
    }
  }

  /** Scores again, in full, companies that lost a stored match; returns how many remain. */
  async refillSome(m: EntityManager, max: number): Promise<number> {
    const ids = [...this.refill].slice(0, max);
    for (const id of ids) this.refill.delete(id);
    const views = ids.map((id) => this.catalogue.company(id)?.view).filter((v): v is CompanyView => v !== undefined);
    if (views.length) await this.store(m, { views, matchesOf: await this.rankAndScreen(views) });
    return this.refill.size;
  }

  get pendingRefills(): number {
    return this.refill.size;
  }

  /** Screens again stored matches whose verdict did not come from the screening service; returns how many were screened. */
  async rescreenSome(max: number): Promise<number> {
    if (!this.mayHoldUnscreened) return 0;
    // Cleared before looking, so a verdict missed meanwhile (or a failure here) sets it again.
    this.mayHoldUnscreened = false;
    try {
      const due = await this.repository.unscreened(max);
      if (due.length === max) this.mayHoldUnscreened = true;
      const pairs = due.filter((p) => this.catalogue.company(p.companyId) && this.catalogue.opportunity(p.opportunityId));
      if (!pairs.length) return 0;
      const verdicts = await this.screening.screen(
        [...new Set(pairs.map((p) => p.companyId))].map((id) => this.catalogue.company(id)!.view),
        [...new Set(pairs.map((p) => p.opportunityId))].map((id) => this.catalogue.opportunity(id)!.view),
        pairs,
      );
      if (!verdicts) {
        this.mayHoldUnscreened = true;
        return 0;
      }
      const updates = pairs.flatMap((p) => {
        const verdict = verdicts.get(pairKey(p.companyId, p.opportunityId));
        return verdict ? [{ ...p, ...verdict }] : [];
      });
      const written = await this.repository.updateCompliance(updates);
      for (const u of updates) this.book.setVerdict(u.companyId, u.opportunityId, u.decision, Date.parse(u.screenedAt));
      return written;
    } catch (error) {
      this.mayHoldUnscreened = true;
      throw error;
    }
  }

  /** Learns the screening service's list and rules versions; verdicts given under other versions are screened again. */
  async syncScreeningVersions(): Promise<void> {
    const versions = await this.screening.versions();
    if (!versions) return;
    const key = `${versions.listVersion}|${versions.rulesVersion}`;
    if (key === this.screeningVersions) return;
    const stale = await this.repository.markStaleVerdicts(versions.listVersion, versions.rulesVersion);
    if (stale) {
      this.mayHoldUnscreened = true;
      this.logger.log(`${stale} verdicts given under other list or rules versions will be screened again`);
    }
    this.screeningVersions = key;
  }

  async matchById(id: string): Promise<MatchView> {
    const match = await this.repository.byId(id);
    if (!match) throw DomainError.notFound('Match', id);
    return (await this.presentAll([match]))[0];
  }

  /**
   * A company's matches, best first. With a caller, only a company matching knows and the caller may
   * see is answered (NOT_FOUND otherwise, as companies would answer), so a read takes one hop.
   */
  async companyMatches(companyId: string, q: MatchQuery, caller?: Caller): Promise<MatchView[]> {
    if (caller) {
      const company = this.forgotten.has(companyId) ? undefined : this.catalogue.company(companyId)?.view;
      if (!company || !(caller.admin || company.partnerId === caller.partnerId)) throw DomainError.notFound('Company', companyId);
    }
    return this.presentAll(this.book.read(companyId, q).map((match) => fromBook(companyId, match)));
  }

  async opportunityMatches(opportunityId: string, q: MatchQuery): Promise<MatchView[]> {
    return this.presentAll(await this.repository.forOpportunity(opportunityId, q));
  }

  /** Scores an unsaved (already validated) profile against the catalogue; nothing is stored. */
  async preview(profile: CompanyView, q: MatchQuery): Promise<MatchView[]> {
    const sectors = q.sector ? profile.sectors.filter((s) => s === q.sector) : profile.sectors;
    const pc = prepareCompany({ ...profile, sectors });
    const ranked = rankOpportunities(pc, this.catalogue.opportunitiesFor(sectors), await this.rubrics.rubrics(sectors), {
      rubPerUsd: this.config.RUB_PER_USD,
      minScore: q.minScore ?? 0,
      limit: q.limit,
    });
    const now = new Date().toISOString();
    const matches = ranked.map((r) => toStored(r, now));
    await this.screenAll(matches, new Map([[profile.id, profile]]));
    return this.presentAll(matches.filter((r) => q.includeProhibited || r.decision.verdict !== 'prohibited'), profile);
  }

  get size() {
    return { ...this.catalogue.size, matches: this.book.size.matches };
  }

  /**
   * Gives each match the screening service's verdict. When the service cannot answer, the matches
   * are stored as `review`, marked unscreened, and screened again once it answers.
   */
  private async screenAll(matches: StoredMatch[], companies?: Map<string, CompanyView>): Promise<void> {
    if (!matches.length) return;
    const companyOf = (id: string) => companies?.get(id) ?? this.catalogue.company(id)!.view;
    const verdicts = await this.screening.screen(
      [...new Set(matches.map((x) => x.companyId))].map(companyOf),
      [...new Set(matches.map((x) => x.opportunityId))].map((id) => this.catalogue.opportunity(id)!.view),
      matches.map((x) => ({ companyId: x.companyId, opportunityId: x.opportunityId })),
    );
    for (const match of matches) {
      const verdict = verdicts?.get(pairKey(match.companyId, match.opportunityId));
      const given = verdict ?? unscreenedVerdict('the screening service did not answer');
      match.decision = given.decision;
      match.screenedAt = given.screenedAt;
      match.screened = verdict !== undefined;
      if (!match.screened) this.mayHoldUnscreened = true;
    }
  }

  private async presentAll(matches: ShownMatch[], previewed?: CompanyView): Promise<MatchView[]> {
    const compliance = await this.screening.expand(matches.map((m) => ({ ...m.decision, screenedAt: m.screenedAt })));
    const rubrics = await this.rubrics.rubrics([...new Set(matches.map((m) => m.sector))]);
    const previewedPrepared = previewed ? prepareCompany(previewed) : undefined;
    return matches.map((m, i) => {
      const company = previewedPrepared ?? this.catalogue.company(m.companyId)?.prepared;
      const opportunity = this.catalogue.opportunity(m.opportunityId)?.prepared;
      const breakdown = company && opportunity ? scorePrepared(company, opportunity, rubrics[m.sector]!, { rubPerUsd: this.config.RUB_PER_USD }).breakdown : [];
      return this.present(m, breakdown, compliance[i], previewed);
    });
  }

  /**
   * A match as readers see it. The breakdown is explained now, from the same prepared company and
   * opportunity the stored score came from (every change of either rescored it), so it adds up to it.
   */
  private present(match: ShownMatch, breakdown: CriterionScore[], compliance: ComplianceView, previewed?: CompanyView): MatchView {
    const opportunity = this.catalogue.opportunity(match.opportunityId)?.view;
    const company = previewed ?? this.catalogue.company(match.companyId)?.view;
    if (!opportunity && !company) throw DomainError.notFound('Match', `${match.companyId}/${match.opportunityId}`);
    return {
      id: match.id,
      companyId: match.companyId,
      opportunityId: match.opportunityId,
      sector: match.sector,
      score: match.score,
      scoredAt: match.scoredAt,
      breakdown,
      compliance,
      ...(opportunity
        ? {
            opportunity: {
              title: opportunity.title,
              site: opportunity.site,
              counterparty: { name: opportunity.counterparty.name },
              direction: opportunity.direction,
              structure: opportunity.structure,
              sizeUsd: opportunity.sizeUsd,
            },
          }
        : {}),
      ...(company ? { company: { name: company.name, region: company.region, city: company.city } } : {}),
    };
  }
}

/** Companies ranked and screened, not yet stored. */
export interface RankedCompanies {
  views: CompanyView[];
  matchesOf: Map<string, StoredMatch[]>;
}

/** A ranked match's verdict until screening is asked: held for review. */
const NOT_YET_ASKED = unscreenedVerdict('not yet asked').decision;

function toStored(score: RankedScore, scoredAt: string): StoredMatch {
  return {
    id: matchId(score.companyId, score.opportunityId),
    companyId: score.companyId,
    opportunityId: score.opportunityId,
    sector: score.sector,
    score: score.score,
    decision: NOT_YET_ASKED,
    screenedAt: scoredAt,
    screened: false,
    scoredAt,
  };
}

function toBook(match: StoredMatch): BookMatch {
  return {
    opportunityId: match.opportunityId,
    sector: match.sector,
    score: match.score,
    decision: match.decision,
    screenedAt: Date.parse(match.screenedAt),
    scoredAt: Date.parse(match.scoredAt),
  };
}

/** A stored match as it is shown: whether its verdict is due for screening again is not the reader's concern. */
type ShownMatch = Omit<StoredMatch, 'screened'>;

function fromBook(companyId: string, match: BookMatch): ShownMatch {
  return {
    id: matchId(companyId, match.opportunityId),
    companyId,
    opportunityId: match.opportunityId,
    sector: match.sector,
    score: match.score,
    decision: match.decision,
    screenedAt: new Date(match.screenedAt).toISOString(),
    scoredAt: new Date(match.scoredAt).toISOString(),
  };
}
