export * from './scoring.types.js';
export * from './scoring.errors.js';
export { haversineKm, RAJIN, RAJIN_LINK_RADIUS_KM, EARTH_RADIUS_KM } from './geo.util.js';
export { HS_CREDIT, OKVED_CREDIT, normaliseHs, normaliseOkved, formatOkved } from './code-hierarchy.util.js';
export { distanceDecay, experienceCurve, scaleBandFit } from './scoring-curves.util.js';
export {
  prepareCompany,
  prepareOpportunity,
  prepareRubric,
  type CompanyInput,
  type OpportunityInput,
  type RubricInput,
  type PreparedCompany,
  type PreparedOpportunity,
  type PreparedRubric,
  type SectorActivities,
} from './scoring.prepare.js';
export {
  capabilityCoverage,
  productFit,
  activityFit,
  scaleFit,
  proximity,
  settlement,
  exportExperience,
  DEFAULT_RUB_PER_USD,
  NEUTRAL_VALUE,
  UNKNOWN_LOCATION_VALUE,
  RAJIN_LINK_BONUS,
  SETTLEMENT_VALUE,
} from './scoring.criteria.js';
export {
  scoreMatch,
  scorePrepared,
  rankOpportunities,
  rankOpportunityScores,
  rankColumnScores,
  OpportunityColumns,
  rankCompanies,
  scoreIfAtLeast,
  type RankedScore,
  type RankOptions,
  type RubricsBySector,
  type ScorePreparedOptions,
} from './scoring.engine.js';
