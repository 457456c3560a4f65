import type { CompanyView, OpportunitySummary, SectorId } from '#contracts';
import { prepareCompany, prepareOpportunity, type PreparedCompany, type PreparedOpportunity } from '../domain/scoring/index.js';

/**
 * The candidate index: every company and opportunity matching knows, prepared for scoring once
 * and grouped by sector, so a company is scored only against its sectors' opportunities and an
 * opportunity only against the companies of its sector.
 */
export class MatchCatalogue {
  private readonly companies = new Map<string, { view: CompanyView; prepared: PreparedCompany }>();
  private readonly opportunities = new Map<string, { view: OpportunitySummary; prepared: PreparedOpportunity }>();
  private readonly companiesBySector = new Map<SectorId, Map<string, PreparedCompany>>();
  private readonly opportunitiesBySector = new Map<SectorId, Map<string, PreparedOpportunity>>();
  /** Each sector's opportunities as an array, made when first asked for after a change: ranking reads it per company. */
  private readonly opportunityLists = new Map<SectorId, PreparedOpportunity[]>();

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

  putOpportunity(view: OpportunitySummary): void {
    this.removeOpportunity(view.id);
    const prepared = prepareOpportunity(view);
    this.opportunities.set(view.id, { view, prepared });
    bucket(this.opportunitiesBySector, view.sector).set(view.id, prepared);
    this.opportunityLists.delete(view.sector);
  }

  removeOpportunity(id: string): void {
    const existing = this.opportunities.get(id);
    if (!existing) return;
    this.opportunitiesBySector.get(existing.view.sector)?.delete(id);
    this.opportunityLists.delete(existing.view.sector);
    this.opportunities.delete(id);
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

  opportunitiesFor(sectors: readonly SectorId[]): readonly PreparedOpportunity[] {
    return sectors.length === 1 ? this.opportunityList(sectors[0]!) : sectors.flatMap((s) => this.opportunityList(s));
  }

  private opportunityList(sector: SectorId): PreparedOpportunity[] {
    let list = this.opportunityLists.get(sector);
    if (!list) {
      list = [...(this.opportunitiesBySector.get(sector)?.values() ?? [])];
      this.opportunityLists.set(sector, list);
    }
    return list;
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
