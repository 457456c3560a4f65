import {
  activityFit,
  activityValue,
  capabilityCoverage,
  capabilityValue,
  DEFAULT_RUB_PER_USD,
  exportExperience,
  productFit,
  productValue,
  proximity,
  proximityValue,
  scaleFit,
  scaleValue,
  settlement,
  settlementValue,
} from './scoring.criteria.js';
import { ScoringError } from './scoring.errors.js';
import { TopK } from './top-k.util.js';
import {
  asPreparedCompany,
  asPreparedOpportunity,
  asPreparedRubric,
  type CompanyInput,
  type OpportunityInput,
  type PreparedCompany,
  type PreparedOpportunity,
  type PreparedRubric,
  type RubricInput,
} from './scoring.prepare.js';
import type {
  CriterionId,
  CriterionResult,
  CriterionScore,
  MatchScore,
  ScoringOptions,
  SectorId,
} from './scoring.types.js';

/** Scoring options with the choice between a bare score and an explained one. */
export interface ScorePreparedOptions extends ScoringOptions {
  /** When false only the score is computed (no breakdown, no strings); default true. */
  explain?: boolean;
}

/** Filters of a ranking. */
export interface RankOptions extends ScoringOptions {
  /** Keep only matches scoring at least this much (0–100). */
  minScore?: number;
  /** Keep at most this many best matches. */
  limit?: number;
}

/** The rubric of each sector, keyed by sector. */
export type RubricsBySector = Partial<Record<SectorId, RubricInput>>;

/**
 * Scores a company against an opportunity with the opportunity's sector rubric and explains every
 * criterion. The score is the sum of the breakdown's contributions, each rounded to 2 decimals.
 * Throws ScoringError when the rubric is invalid or of another sector, or when the company does
 * not declare the opportunity's sector.
 */
export function scoreMatch(
  company: CompanyInput,
  opportunity: OpportunityInput,
  rubric: RubricInput,
  options: ScoringOptions = {},
): MatchScore {
  return scorePrepared(asPreparedCompany(company), asPreparedOpportunity(opportunity), rubric, options);
}

/** Scores prepared inputs: the bare score with `explain: false` (for ranking), else the explained match. */
export function scorePrepared(
  pc: PreparedCompany,
  po: PreparedOpportunity,
  rubric: RubricInput,
  options: ScorePreparedOptions & { explain: false },
): number;
export function scorePrepared(
  pc: PreparedCompany,
  po: PreparedOpportunity,
  rubric: RubricInput,
  options?: ScorePreparedOptions & { explain?: true },
): MatchScore;
export function scorePrepared(
  pc: PreparedCompany,
  po: PreparedOpportunity,
  rubric: RubricInput,
  options: ScorePreparedOptions = {},
): number | MatchScore {
  const pr = asPreparedRubric(rubric);
  const rate = resolveRate(options);
  checkPair(pc, po, pr);
  return options.explain === false ? fastScore(pc, po, pr, Math.log10(rate)) : explainedScore(pc, po, pr, rate);
}

/**
 * Ranks opportunities for one company, best first, with explained scores. Only opportunities of
 * sectors the company declares are scored; ties are broken by opportunity id. Pass prepared
 * opportunities when ranking the same catalogue repeatedly.
 */
export function rankOpportunities(
  company: CompanyInput,
  opportunities: readonly OpportunityInput[],
  rubricBySector: RubricsBySector,
  options: RankOptions = {},
): MatchScore[] {
  const pc = asPreparedCompany(company);
  const rate = resolveRate(options);
  const { minScore, limit } = resolveRankFilters(options);
  const log10Rate = Math.log10(rate);
  const rubrics = new Map<SectorId, PreparedRubric>();
  const top = new TopK<PreparedOpportunity>(limit, byId);
  for (const opportunity of opportunities) {
    const sector = opportunity.sector;
    if (!pc.sectors.has(sector)) continue;
    let pr = rubrics.get(sector);
    if (pr === undefined) {
      pr = rubricFor(rubricBySector, sector);
      rubrics.set(sector, pr);
    }
    const po = asPreparedOpportunity(opportunity);
    const score = fastScore(pc, po, pr, log10Rate);
    if (score >= minScore) top.offer(score, po);
  }
  return top.sorted().map((po) => explainedScore(pc, po, rubrics.get(po.sector)!, rate));
}

/**
 * Ranks companies for one opportunity, best first, with explained scores. Only companies that
 * declare the opportunity's sector are scored; ties are broken by company id.
 */
export function rankCompanies(
  opportunity: OpportunityInput,
  companies: readonly CompanyInput[],
  rubric: RubricInput,
  options: RankOptions = {},
): MatchScore[] {
  const po = asPreparedOpportunity(opportunity);
  const pr = asPreparedRubric(rubric);
  const rate = resolveRate(options);
  const { minScore, limit } = resolveRankFilters(options);
  if (pr.sector !== po.sector) throw rubricMismatch(pr, po);
  const log10Rate = Math.log10(rate);
  const top = new TopK<PreparedCompany>(limit, byId);
  for (const company of companies) {
    if (!declaresSector(company, po.sector)) continue;
    const pc = asPreparedCompany(company);
    const score = fastScore(pc, po, pr, log10Rate);
    if (score >= minScore) top.offer(score, pc);
  }
  return top.sorted().map((pc) => explainedScore(pc, po, pr, rate));
}

function declaresSector(company: CompanyInput, sector: SectorId): boolean {
  return 'kind' in company ? company.sectors.has(sector) : company.sectors.includes(sector);
}

function byId(item: { id: string }): string {
  return item.id;
}

function fastScore(pc: PreparedCompany, po: PreparedOpportunity, pr: PreparedRubric, log10Rate: number): number {
  const slots = pr.slots;
  const micros = pr.weightMicros;
  let hundredths = 0;
  for (let i = 0; i < slots.length; i++) {
    const v4 = toTenThousandths(fastValue(slots[i]!, pc, po, log10Rate));
    hundredths += Math.round((micros[i]! * v4) / 1e6);
  }
  return hundredths / 100;
}

function fastValue(slot: number, pc: PreparedCompany, po: PreparedOpportunity, log10Rate: number): number {
  switch (slot) {
    case 0:
      return capabilityValue(pc, po);
    case 1:
      return productValue(pc, po);
    case 2:
      return activityValue(pc, po);
    case 3:
      return scaleValue(pc, po, log10Rate);
    case 4:
      return proximityValue(pc, po);
    case 5:
      return settlementValue(pc, po);
    default:
      return pc.exportValue;
  }
}

function explainedScore(pc: PreparedCompany, po: PreparedOpportunity, pr: PreparedRubric, rate: number): MatchScore {
  const breakdown: CriterionScore[] = [];
  let hundredths = 0;
  for (let i = 0; i < pr.ids.length; i++) {
    const criterion = pr.ids[i]!;
    const { value, reason } = explainCriterion(criterion, pc, po, rate);
    const v4 = toTenThousandths(value);
    const contribution = Math.round((pr.weightMicros[i]! * v4) / 1e6);
    hundredths += contribution;
    breakdown.push({ criterion, weight: pr.weights[i]!, value: v4 / 1e4, contribution: contribution / 100, reason });
  }
  return { companyId: pc.id, opportunityId: po.id, sector: po.sector, score: hundredths / 100, breakdown };
}

function explainCriterion(
  criterion: CriterionId,
  pc: PreparedCompany,
  po: PreparedOpportunity,
  rate: number,
): CriterionResult {
  switch (criterion) {
    case 'capability_coverage':
      return capabilityCoverage(pc, po);
    case 'product_fit':
      return productFit(pc, po);
    case 'activity_fit':
      return activityFit(pc, po);
    case 'scale_fit':
      return scaleFit(pc, po, { rubPerUsd: rate });
    case 'proximity':
      return proximity(pc, po);
    case 'settlement':
      return settlement(pc, po);
    case 'export_experience':
      return exportExperience(pc);
  }
}

/** A value in [0, 1] as whole ten-thousandths, the precision shown in a breakdown. */
function toTenThousandths(value: number): number {
  return value > 0 ? (value < 1 ? Math.round(value * 1e4) : 1e4) : 0;
}

function checkPair(pc: PreparedCompany, po: PreparedOpportunity, pr: PreparedRubric): void {
  if (pr.sector !== po.sector) throw rubricMismatch(pr, po);
  if (!pc.sectors.has(po.sector)) {
    throw new ScoringError(
      'SECTOR_NOT_DECLARED',
      `company ${pc.id} does not declare sector ${po.sector} of opportunity ${po.id}`,
    );
  }
}

function rubricMismatch(pr: PreparedRubric, po: PreparedOpportunity): ScoringError {
  return new ScoringError(
    'RUBRIC_SECTOR_MISMATCH',
    `rubric of sector ${pr.sector} cannot score opportunity ${po.id} of sector ${po.sector}`,
  );
}

function rubricFor(rubricBySector: RubricsBySector, sector: SectorId): PreparedRubric {
  const rubric = rubricBySector[sector];
  if (rubric === undefined) throw new ScoringError('RUBRIC_MISSING', `no rubric for sector ${sector}`);
  const pr = asPreparedRubric(rubric);
  if (pr.sector !== sector) {
    throw new ScoringError('RUBRIC_SECTOR_MISMATCH', `rubric given for ${sector} is the rubric of ${pr.sector}`);
  }
  return pr;
}

function resolveRate(options: ScoringOptions): number {
  const rate = options.rubPerUsd ?? DEFAULT_RUB_PER_USD;
  if (!(Number.isFinite(rate) && rate > 0)) {
    throw new ScoringError('INVALID_OPTIONS', `rubPerUsd must be a positive number, got ${rate}`);
  }
  return rate;
}

function resolveRankFilters(options: RankOptions): { minScore: number; limit: number } {
  const { minScore = 0, limit = Number.POSITIVE_INFINITY } = options;
  if (!(minScore >= 0 && minScore <= 100)) {
    throw new ScoringError('INVALID_OPTIONS', `minScore must be between 0 and 100, got ${minScore}`);
  }
  if (limit !== Number.POSITIVE_INFINITY && !(Number.isInteger(limit) && limit >= 1)) {
    throw new ScoringError('INVALID_OPTIONS', `limit must be a positive integer, got ${limit}`);
  }
  return { minScore, limit };
}
