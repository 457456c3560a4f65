import { Inject, Injectable } from '@nestjs/common';
import type { SectorId } from '#contracts';
import { RubricClient } from '../clients/rubric.client.js';
import { rankColumnScores, scoreIfAtLeast, type OpportunityColumns, type PreparedCompany, type PreparedOpportunity, type RankedScore } from '../domain/scoring/index.js';
import { MATCHING_CONFIG, type MatchingConfig } from '../matching.config.js';
import { CandidateIndex, type ListStats, type MatchClass } from './candidate-index.js';

/** A company's ranked matches in their two classes, each best first. */
export interface RankedLists {
  leads: RankedScore[];
  prohibited: RankedScore[];
}

/** A pair a new opportunity enters, in the class it belongs to. */
export interface Entering extends RankedScore {
  cls: MatchClass;
}

/** How many matches of a class a company keeps, and the last of them. */
export type ListStatsOf = (companyId: string, cls: MatchClass) => ListStats | undefined;

/**
 * Ranks within compliance classes. A company keeps its best K admissible matches (its leads) and,
 * apart, its best P prohibited ones: leads are ranked among the opportunities whose own decision
 * admits them, so a prohibited opportunity never takes a lead's place. A company whose own decision
 * is prohibited has no leads: every one of its matches is prohibited.
 */
@Injectable()
export class RankingService {
  constructor(
    readonly index: CandidateIndex,
    private readonly rubrics: RubricClient,
    @Inject(MATCHING_CONFIG) private readonly config: MatchingConfig,
  ) {}

  /** Capacity of each class: the leads and the prohibited matches a company keeps. */
  capacity(cls: MatchClass): number {
    return cls === 'leads' ? this.config.MATCHES_PER_COMPANY : this.config.PROHIBITED_PER_COMPANY;
  }

  /** A company's best matches in each class, above the floor (or `minScore`), at most each class's capacity (or `limit`). */
  async rank(
    pc: PreparedCompany,
    companyBarred: boolean,
    sectors: readonly SectorId[] = [...pc.sectors],
    limits: { leads: number; prohibited: number; minScore: number } = {
      leads: this.capacity('leads'),
      prohibited: this.capacity('prohibited'),
      minScore: this.config.MATCH_FLOOR_SCORE,
    },
  ): Promise<RankedLists> {
    const rubrics = await this.rubrics.rubrics(sectors);
    const rank = (candidates: readonly OpportunityColumns[], limit: number) =>
      limit > 0 ? rankColumnScores(pc, candidates, rubrics, { rubPerUsd: this.config.RUB_PER_USD, minScore: limits.minScore, limit }) : [];
    if (companyBarred) return { leads: [], prohibited: rank(this.index.columnsFor(sectors), limits.prohibited) };
    return {
      leads: rank(this.index.columnsFor(sectors, 'leads'), limits.leads),
      prohibited: rank(this.index.columnsFor(sectors, 'prohibited'), limits.prohibited),
    };
  }

  /**
   * Offers an opportunity to every company of its sector, each in the class the pair belongs to,
   * scored only as far as it takes to know whether it beats the lowest match the company keeps in
   * that class (or the floor, when the class has room): the pairs that enter.
   */
  async fanOut(po: PreparedOpportunity, opportunityBarred: boolean, companyBarred: (id: string) => boolean, stats: ListStatsOf): Promise<Entering[]> {
    const rubric = await this.rubrics.rubric(po.sector);
    const floor = this.config.MATCH_FLOOR_SCORE;
    const rate = { rubPerUsd: this.config.RUB_PER_USD };
    const caps = { leads: this.capacity('leads'), prohibited: this.capacity('prohibited') };
    const entering: Entering[] = [];
    for (const pc of this.index.companiesOf(po.sector)) {
      const cls: MatchClass = opportunityBarred || companyBarred(pc.id) ? 'prohibited' : 'leads';
      const cap = caps[cls];
      if (cap === 0) continue;
      const s = stats(pc.id, cls);
      const full = s !== undefined && s.count >= cap;
      const score = scoreIfAtLeast(pc, po, rubric, full ? Math.max(floor, s.min) : floor, rate);
      // A full list takes it only if it ranks before the last one: a higher score, or the same with a smaller id.
      if (score < 0 || (full && (score < s.min || (score === s.min && po.id > s.minOpportunityId)))) continue;
      entering.push({ companyId: pc.id, opportunityId: po.id, sector: po.sector, score, cls });
    }
    return entering;
  }
}
