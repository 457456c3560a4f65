import type { CriterionId, GeoPoint, SectorId } from '#contracts';

// Sectors, criteria and points are declared once, in libs/contracts.
export { CRITERION_IDS, SECTOR_IDS, type CriterionId, type GeoPoint, type SectorId } from '#contracts';

/** The fields of a stored company profile that scoring reads (structurally compatible with the contract). */
export interface CompanyProfile {
  id: string;
  name: string;
  region: string;
  city: string;
  location?: GeoPoint;
  sectors: readonly SectorId[];
  okved: readonly string[];
  hsCodes: readonly string[];
  capabilities: readonly string[];
  employees: number;
  annualRevenueRub: number;
  exportExperienceYears: number;
  acceptsRubSettlement: boolean;
}

/** The fields of a catalogue opportunity that scoring reads (structurally compatible with the contract). */
export interface Opportunity {
  id: string;
  sector: SectorId;
  title: string;
  site: { name: string; lat: number; lon: number };
  requiredCapabilities: readonly string[];
  hsCodes: readonly string[];
  okved?: readonly string[];
  sizeUsd: number;
  settlementCurrencies: readonly string[];
}

/** One weighted criterion of a sector rubric. */
export interface RubricCriterion {
  id: CriterionId;
  weight: number;
  description: string;
}

/**
 * The scoring rubric of a sector as the sectors service publishes it (`sectors.v1.<sector>.describe`):
 * weights in [0, 1] summing to 1, and the OKVED2 activities of the sector, which activity fit
 * measures a company against when an opportunity names no OKVED2 codes of its own.
 */
export interface SectorRubric {
  sector: SectorId;
  criteria: readonly RubricCriterion[];
  defaultOkved: readonly string[];
}

/** The value of one criterion for one pair, in [0, 1], with a one-sentence explanation. */
export interface CriterionResult {
  value: number;
  reason: string;
}

/** One line of a score's explanation; the contributions of a match add up to its score. */
export interface CriterionScore {
  criterion: CriterionId;
  weight: number;
  value: number;
  contribution: number;
  reason: string;
}

/** An explained score of one company against one opportunity. */
export interface MatchScore {
  companyId: string;
  opportunityId: string;
  sector: SectorId;
  score: number;
  breakdown: CriterionScore[];
}

/** Tunables that are not part of a rubric. */
export interface ScoringOptions {
  /** Roubles per US dollar used to compare revenue with deal size; 90 when absent. */
  rubPerUsd?: number;
}
