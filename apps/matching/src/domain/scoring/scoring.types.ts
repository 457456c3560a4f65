/** Sectors of the DPRK catalogue; a company declares a non-empty subset. */
export type SectorId = 'mining' | 'automobile' | 'electricity';

/** Criteria the engine knows how to evaluate; a sector's rubric weighs some or all of them. */
export type CriterionId =
  | 'capability_coverage'
  | 'product_fit'
  | 'activity_fit'
  | 'scale_fit'
  | 'proximity'
  | 'settlement'
  | 'export_experience';

/** Every criterion the engine evaluates, in a fixed order. */
export const CRITERION_IDS: readonly CriterionId[] = [
  'capability_coverage',
  'product_fit',
  'activity_fit',
  'scale_fit',
  'proximity',
  'settlement',
  'export_experience',
];

/** A point on the globe in decimal degrees. */
export interface GeoPoint {
  lat: number;
  lon: number;
}

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

/** The scoring rubric of a sector: weights in [0, 1] summing to 1. */
export interface SectorRubric {
  sector: SectorId;
  criteria: readonly RubricCriterion[];
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
