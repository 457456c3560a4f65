import { Injectable } from '@nestjs/common';
import type { CompanyView, OpportunitySummary } from '#contracts';
import { EventApplier } from '../ingest/event-applier.service.js';
import { CandidateIndex } from '../ranking/candidate-index.js';
import { PartyDecisions } from './party-decisions.service.js';

/**
 * Keeps every party's decision current: learns the list and rules versions in force, and screens
 * again the parties decided under others, or not screened at all because screening was down. When
 * the list or the rules change, parties are screened again (about one per company and opportunity),
 * never pairs.
 */
@Injectable()
export class DecisionSync {
  constructor(
    private readonly decisions: PartyDecisions,
    private readonly applier: EventApplier,
    private readonly index: CandidateIndex,
  ) {}

  syncVersions(): Promise<boolean> {
    return this.decisions.syncVersions();
  }

  /** Screens again up to `max` parties of each kind whose decision is not current; answers how many screening decided. */
  async rescreenSome(max: number): Promise<number> {
    const due = this.decisions.due(max);
    const companies = due.companies.map((id) => this.index.company(id)?.view).filter((v): v is CompanyView => v !== undefined);
    const opportunities = due.opportunities.map((id) => this.index.opportunity(id)?.view).filter((v): v is OpportunitySummary => v !== undefined);
    if (!companies.length && !opportunities.length) return 0;
    const decided = await this.decisions.decide({ companies, opportunities });
    const screened = { companies: decided.companies.filter((d) => d.screened), opportunities: decided.opportunities.filter((d) => d.screened) };
    // Parties screening did not answer for keep the decision they had, and stay due.
    if (screened.companies.length < companies.length || screened.opportunities.length < opportunities.length) this.decisions.stillDue();
    await this.applier.applyDecisions(screened.companies, screened.opportunities);
    return screened.companies.length + screened.opportunities.length;
  }
}
