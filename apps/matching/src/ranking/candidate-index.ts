import type { CompanyView, OpportunitySummary, SectorId } from '#contracts';
import { OpportunityColumns, prepareCompany, prepareOpportunity, type PreparedCompany, type PreparedOpportunity } from '../domain/scoring/index.js';

/** The two classes matches are ranked in: leads (clear, review, exemption required) and prohibited ones. */
export type MatchClass = 'leads' | 'prohibited';

/** How many matches a company keeps in a class, and the last of them: what a new match must beat to enter. */
export interface ListStats {
  count: number;
  min: number;
  minOpportunityId: string;
}

/**
 * The candidate index: every company and opportunity matching knows, prepared for scoring once and
 * grouped by sector, each sector's opportunities split by class (whether their own decision
 * prohibits every match with them), so a company's leads are ranked among admissible opportunities
 * only and a prohibited opportunity never takes a lead's place.
 */
export class CandidateIndex {
  private readonly companies = new Map<string, { view: CompanyView; prepared: PreparedCompany }>();
  private readonly opportunities = new Map<string, { view: OpportunitySummary; prepared: PreparedOpportunity; barred: boolean }>();
  private readonly companiesBySector = new Map<SectorId, Map<string, PreparedCompany>>();
  /** Each sector's opportunities by class, as arrays made when first asked for after a change: ranking reads them per company. */
  private readonly lists = new Map<string, PreparedOpportunity[]>();
  /** The same lists laid out in columns for ranking (see OpportunityColumns). */
  private readonly columns = new Map<string, OpportunityColumns>();

  putCompany(view: CompanyView): void {
    this.removeCompany(view.id);
    const prepared = prepareCompany(view);
    this.companies.set(view.id, { view, prepared });
    for (const sector of view.sectors) bucket(this.companiesBySector, sector).set(view.id, prepared);
  }

  removeCompany(id: string): void {
    const existing = this.companies.get(id);
    if (!existing) return;
    for (const sector of existing.view.sectors) this.companiesBySector.get(sector)?.delete(id);
    this.companies.delete(id);
  }

  /** Files an opportunity in its sector, in the prohibited class when its own decision bars it. */
  putOpportunity(view: OpportunitySummary, barred: boolean): void {
    this.removeOpportunity(view.id);
    this.opportunities.set(view.id, { view, prepared: prepareOpportunity(view), barred });
    this.changed(view.sector);
  }

  removeOpportunity(id: string): void {
    const existing = this.opportunities.get(id);
    if (!existing) return;
    this.opportunities.delete(id);
    this.changed(existing.view.sector);
  }

  company(id: string) {
    return this.companies.get(id);
  }

  opportunity(id: string) {
    return this.opportunities.get(id);
  }

  companiesOf(sector: SectorId): Iterable<PreparedCompany> {
    return this.companiesBySector.get(sector)?.values() ?? [];
  }

  /** The opportunities of these sectors in one class (or both, with `undefined`). */
  opportunitiesFor(sectors: readonly SectorId[], cls?: MatchClass): readonly PreparedOpportunity[] {
    return sectors.length === 1 ? this.list(sectors[0]!, cls) : sectors.flatMap((s) => this.list(s, cls));
  }

  /** The opportunities of these sectors in one class (or both), one column set per sector, as ranking reads them. */
  columnsFor(sectors: Iterable<SectorId>, cls?: MatchClass): OpportunityColumns[] {
    const out: OpportunityColumns[] = [];
    for (const sector of sectors) {
      const key = `${sector}|${cls ?? 'all'}`;
      let columns = this.columns.get(key);
      if (!columns) this.columns.set(key, (columns = new OpportunityColumns(sector, this.list(sector, cls))));
      out.push(columns);
    }
    return out;
  }

  private list(sector: SectorId, cls: MatchClass | undefined): PreparedOpportunity[] {
    const key = `${sector}|${cls ?? 'all'}`;
    let list = this.lists.get(key);
    if (!list) {
      list = [];
      for (const o of this.opportunities.values()) {
        if (o.view.sector === sector && (cls === undefined || o.barred === (cls === 'prohibited'))) list.push(o.prepared);
      }
      this.lists.set(key, list);
    }
    return list;
  }

  private changed(sector: SectorId): void {
    for (const cls of ['leads', 'prohibited', 'all']) {
      this.lists.delete(`${sector}|${cls}`);
      this.columns.delete(`${sector}|${cls}`);
    }
  }

  get size() {
    return { companies: this.companies.size, opportunities: this.opportunities.size };
  }
}

function bucket<V>(map: Map<SectorId, Map<string, V>>, sector: SectorId): Map<string, V> {
  let inner = map.get(sector);
  if (!inner) {
    inner = new Map();
    map.set(sector, inner);
  }
  return inner;
}
