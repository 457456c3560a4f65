import {
  NEUTRAL_VALUE,
  SETTLEMENT_VALUE,
  activityFit,
  ownActivityCredit,
  productCredit,
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
import { bitCount } from './scoring-keys.util.js';
import { TopK } from './top-k.util.js';
import {
  asPreparedCompany,
  asPreparedOpportunity,
  asPreparedRubric,
  isPreparedCompany,
  isPreparedOpportunity,
  prepareCompany,
  prepareOpportunity,
  type CompanyInput,
  type OpportunityInput,
  type PreparedCompany,
  type PreparedOpportunity,
  type PreparedRubric,
  type RubricInput,
} from './scoring.prepare.js';
import {
  SECTOR_IDS,
  type CriterionId,
  type CriterionResult,
  type CriterionScore,
  type MatchScore,
  type ScoringOptions,
  type SectorId,
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
  if (options.explain === false) return bareHundredths(pc, po, pr, Math.log10(rate), Number.NEGATIVE_INFINITY) / 100;
  return explainedScore(pc, po, pr, rate);
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
  const rubrics = new Map<SectorId, PreparedRubric>();
  const top = new TopK<PreparedOpportunity>(limit, byId);
  collectOpportunities(pc, opportunities, rubricBySector, rubrics, Math.log10(rate), minHundredths(minScore), top);
  return top.sorted().map((po) => explainedScore(pc, po, rubrics.get(po.sector)!, rate));
}

/** A ranked pair without its explanation: what is stored (the breakdown is explained when read). */
export type RankedScore = Omit<MatchScore, 'breakdown'>;

/**
 * The same ranking as rankOpportunities, without explaining the winners: for storing matches,
 * whose breakdown is explained again when they are read.
 */
export function rankOpportunityScores(
  company: PreparedCompany,
  opportunities: readonly PreparedOpportunity[],
  rubricBySector: RubricsBySector,
  options: RankOptions = {},
): RankedScore[] {
  const rate = resolveRate(options);
  const { minScore, limit } = resolveRankFilters(options);
  const top = new TopK<PreparedOpportunity>(limit, byId);
  collectOpportunities(company, opportunities, rubricBySector, new Map(), Math.log10(rate), minHundredths(minScore), top);
  return top.sortedEntries().map(({ item, score }) => ({ companyId: company.id, opportunityId: item.id, sector: item.sector, score: score / 100 }));
}

/**
 * One sector's opportunities laid out for ranking many companies against them: the fields the
 * cheapest criteria read (capability masks, counts, settlement currencies) in typed arrays, side
 * by side, so that the pairs a company cannot rank are given up in a tight scan over contiguous
 * memory, without touching the opportunities themselves. Build it once per change of the list.
 */
export class OpportunityColumns {
  readonly sector: SectorId;
  readonly sectorIndex: number;
  /** Capability mask words per opportunity. */
  readonly words: number;
  readonly masks: Int32Array;
  readonly capabilityCounts: Uint16Array;
  /** Settlement as three bits: states a currency (1), accepts RUB (2), accepts another (4). */
  readonly settlement: Uint8Array;
  /** Required HS and OKVED2 digit-key ids, CODE_SLOTS per opportunity, with their counts (OVERFLOW: more than fit, or activity measured against the sector's, which the opportunity itself tells). */
  readonly hsIds: Int32Array;
  readonly hsCounts: Uint8Array;
  readonly okvedIds: Int32Array;
  readonly okvedCounts: Uint8Array;

  constructor(
    sector: SectorId,
    readonly items: readonly PreparedOpportunity[],
  ) {
    this.sector = sector;
    this.sectorIndex = SECTOR_IDS.indexOf(sector);
    this.words = items.reduce((w, po) => Math.max(w, po.capabilityMask.length), 1);
    this.masks = new Int32Array(items.length * this.words);
    this.capabilityCounts = new Uint16Array(items.length);
    this.settlement = new Uint8Array(items.length);
    this.hsIds = new Int32Array(items.length * CODE_SLOTS);
    this.hsCounts = new Uint8Array(items.length);
    this.okvedIds = new Int32Array(items.length * CODE_SLOTS);
    this.okvedCounts = new Uint8Array(items.length);
    for (const [i, po] of items.entries()) {
      if (po.sector !== sector) throw new ScoringError('RUBRIC_SECTOR_MISMATCH', `opportunity ${po.id} of sector ${po.sector} in a ${sector} column set`);
      po.capabilityMask.forEach((word, w) => (this.masks[i * this.words + w] = word));
      this.capabilityCounts[i] = po.capabilityCount;
      this.settlement[i] = (po.statesCurrency ? 1 : 0) | (po.acceptsRub ? 2 : 0) | (po.acceptsOtherCurrency ? 4 : 0);
      this.hsCounts[i] = slot(this.hsIds, i, po.hsRequiredIds);
      this.okvedCounts[i] = po.okvedFromSectorDefault ? OVERFLOW : slot(this.okvedIds, i, po.okvedRequiredIds);
    }
  }

  get length(): number {
    return this.items.length;
  }
}

/**
 * The same ranking as rankOpportunityScores, over column sets (one per sector): for each pair the
 * three cheapest criteria are added up from the columns and the pair is given up there when even
 * the most the other criteria could add leaves it below the lowest score kept; the rest are scored
 * exactly as rankOpportunityScores scores them, so both rank alike.
 */
export function rankColumnScores(company: PreparedCompany, lists: readonly OpportunityColumns[], rubricBySector: RubricsBySector, options: RankOptions = {}): RankedScore[] {
  const rate = resolveRate(options);
  const log10Rate = Math.log10(rate);
  const { minScore, limit } = resolveRankFilters(options);
  const minH = minHundredths(minScore);
  const top = new TopK<PreparedOpportunity>(limit, byId);
  for (const list of lists) {
    if (!list.length || !(list.sectorIndex >= 0 ? (company.sectorMask & (1 << list.sectorIndex)) !== 0 : company.sectors.has(list.sector))) continue;
    const pr = rubricFor(rubricBySector, list.sector);
    const micros = pr.slotMicros;
    const max = pr.slotMaxHundredths;
    const rest = max[ACTIVITY]! + max[PRODUCT]! + max[SCALE]! + max[PROXIMITY]!;
    const exportH = micros[EXPORT] !== 0 ? contribution(micros[EXPORT]!, company.exportValue) : 0;
    // The settlement contribution for each of the eight currency codes, for this company.
    const settle = new Float64Array(8);
    if (micros[SETTLEMENT] !== 0) {
      for (let code = 0; code < 8; code++) {
        const value = !(code & 1) ? NEUTRAL_VALUE : company.acceptsRub && code & 2 ? SETTLEMENT_VALUE.rub : code & 4 ? SETTLEMENT_VALUE.otherCurrency : SETTLEMENT_VALUE.rubRefused;
        settle[code] = contribution(micros[SETTLEMENT]!, value);
      }
    }
    const capMicros = micros[CAPABILITY]!;
    const capNeutral = capMicros !== 0 ? contribution(capMicros, NEUTRAL_VALUE) : 0;
    const cm = company.capabilityMask;
    const words = Math.min(list.words, cm.length);
    const stride = list.words;
    const { masks, capabilityCounts, settlement, items } = list;
    // First pass: the three cheapest criteria of every pair, from the columns alone.
    const n = items.length;
    const cheap = scratch(n);
    let highest = 0;
    for (let i = 0; i < n; i++) {
      let h = exportH + settle[settlement[i]!]!;
      if (capMicros !== 0) {
        const count = capabilityCounts[i]!;
        if (count === 0) h += capNeutral;
        else {
          let shared = 0;
          for (let w = 0, at = i * stride; w < words; w++) shared += bitCount(masks[at + w]! & cm[w]!);
          h += contribution(capMicros, shared / count);
        }
      }
      cheap[i] = h;
      if (h > highest) highest = h;
    }
    // Second pass, most promising first (a counting sort on that partial sum): the lowest score
    // kept rises fast, and once a pair's partial sum plus the most the rest could add falls below
    // it, so does every pair's after it. Activity and product fit come from the columns too; only
    // pairs still in reach touch the opportunity itself, for scale and proximity.
    const order = orderByDescending(cheap, n, highest);
    const tail = max[SCALE]! + max[PROXIMITY]!;
    const { hsIds, hsCounts, okvedIds, okvedCounts } = list;
    const hsKeys = company.hsKeyIds;
    const okvedKeys = company.okvedPrefixIds;
    const prodMicros = micros[PRODUCT]!;
    const actMicros = micros[ACTIVITY]!;
    let floor = Math.max(minH, top.threshold());
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      let h = cheap[i]!;
      if (h + rest < floor) break;
      const okvedCount = okvedCounts[i]!;
      const hsCount = hsCounts[i]!;
      if (actMicros !== 0) h += contribution(actMicros, okvedCount === OVERFLOW ? activityValue(company, items[i]!, pr) : ownActivityCredit(okvedKeys, okvedIds, i * CODE_SLOTS, okvedCount));
      if (prodMicros !== 0) h += contribution(prodMicros, hsCount === OVERFLOW ? productValue(company, items[i]!) : productCredit(hsKeys, hsIds, i * CODE_SLOTS, hsCount));
      if (h + tail < floor) continue;
      const po = items[i]!;
      const score = tailHundredths(company, po, pr, log10Rate, floor, h);
      if (score < floor) continue;
      top.offer(score, po);
      floor = Math.max(minH, top.threshold());
    }
  }
  return top.sortedEntries().map(({ item, score }) => ({ companyId: company.id, opportunityId: item.id, sector: item.sector, score: score / 100 }));
}

/** Codes kept in the columns per opportunity; one with more is scored from the opportunity itself. */
const CODE_SLOTS = 4;
const OVERFLOW = 255;

function slot(target: Int32Array, i: number, ids: readonly number[]): number {
  if (ids.length > CODE_SLOTS) return OVERFLOW;
  for (let k = 0; k < ids.length; k++) target[i * CODE_SLOTS + k] = ids[k]!;
  return ids.length;
}

let scratchCheap = new Float64Array(1024);
let scratchOrder = new Int32Array(1024);
let scratchCounts = new Int32Array(1024);

/** A scratch array of at least n partial sums, reused across rankings (ranking runs on one thread). */
function scratch(n: number): Float64Array {
  if (scratchCheap.length < n) scratchCheap = new Float64Array(n * 2);
  return scratchCheap;
}


/** The indices 0..n-1 ordered by their value, highest first (values are whole hundredths from 0 to max). */
function orderByDescending(values: Float64Array, n: number, max: number): Int32Array {
  const buckets = max + 2;
  if (scratchCounts.length < buckets) scratchCounts = new Int32Array(buckets * 2);
  if (scratchOrder.length < n) scratchOrder = new Int32Array(n * 2);
  const counts = scratchCounts;
  counts.fill(0, 0, buckets);
  for (let i = 0; i < n; i++) counts[max - values[i]! + 1]!++;
  for (let b = 1; b < buckets; b++) counts[b]! += counts[b - 1]!;
  for (let i = 0; i < n; i++) scratchOrder[counts[max - values[i]!]!++] = i;
  return scratchOrder;
}

/**
 * The bare score of a pair if it reaches `atLeast` (0–100), else -1: how an opportunity is offered
 * to every company of its sector, each with the lowest score it still keeps. The pair must be valid
 * (the company declares the opportunity's sector, the rubric is the sector's).
 */
export function scoreIfAtLeast(pc: PreparedCompany, po: PreparedOpportunity, rubric: PreparedRubric, atLeast: number, options: ScoringOptions = {}): number {
  const floor = minHundredths(Math.max(0, atLeast));
  const h = bareHundredths(pc, po, rubric, Math.log10(resolveRate(options)), floor);
  return h < floor ? -1 : h / 100;
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
  const top = new TopK<PreparedCompany>(limit, byId);
  collectCompanies(po, companies, pr, Math.log10(rate), minHundredths(minScore), top);
  return top.sorted().map((pc) => explainedScore(pc, po, pr, rate));
}

/**
 * Offers to top, by score in hundredths, every opportunity of a sector the company declares that
 * scores at least minH, and fills `rubrics` with the rubric of each such sector met. Once top is
 * full, pairs that cannot reach its lowest score are given up before they are fully scored.
 */
function collectOpportunities(
  pc: PreparedCompany,
  opportunities: readonly OpportunityInput[],
  rubricBySector: RubricsBySector,
  rubrics: Map<SectorId, PreparedRubric>,
  log10Rate: number,
  minH: number,
  top: TopK<PreparedOpportunity>,
): void {
  // By position in SECTOR_IDS: the rubric of a declared sector, null for one not declared, undefined until met.
  const bySectorIndex: (PreparedRubric | null | undefined)[] = [undefined, undefined, undefined];
  let floor = minH;
  for (let i = 0; i < opportunities.length; i++) {
    const opportunity = opportunities[i]!;
    let po: PreparedOpportunity;
    if (isPreparedOpportunity(opportunity)) po = opportunity;
    else if (pc.sectors.has(opportunity.sector)) po = prepareOpportunity(opportunity);
    else continue;
    const s = po.sectorIndex;
    let pr = s >= 0 ? bySectorIndex[s] : undefined;
    if (pr === undefined) {
      pr = declares(pc, po) ? rubricOf(rubricBySector, rubrics, po.sector) : null;
      if (s >= 0) bySectorIndex[s] = pr;
    }
    if (pr === null) continue;
    const h = bareHundredths(pc, po, pr, log10Rate, floor);
    if (h < floor) continue;
    top.offer(h, po);
    floor = Math.max(minH, top.threshold());
  }
}

/** Offers to top every company declaring the opportunity's sector that scores at least minH hundredths. */
function collectCompanies(
  po: PreparedOpportunity,
  companies: readonly CompanyInput[],
  pr: PreparedRubric,
  log10Rate: number,
  minH: number,
  top: TopK<PreparedCompany>,
): void {
  let floor = minH;
  for (let i = 0; i < companies.length; i++) {
    const company = companies[i]!;
    let pc: PreparedCompany;
    if (isPreparedCompany(company)) {
      if (!declares(company, po)) continue;
      pc = company;
    } else if (company.sectors.includes(po.sector)) pc = prepareCompany(company);
    else continue;
    const h = bareHundredths(pc, po, pr, log10Rate, floor);
    if (h < floor) continue;
    top.offer(h, pc);
    floor = Math.max(minH, top.threshold());
  }
}

/** The prepared rubric of a sector, checked and kept in `rubrics` the first time the sector is met. */
function rubricOf(rubricBySector: RubricsBySector, rubrics: Map<SectorId, PreparedRubric>, sector: SectorId): PreparedRubric {
  let pr = rubrics.get(sector);
  if (pr === undefined) {
    pr = rubricFor(rubricBySector, sector);
    rubrics.set(sector, pr);
  }
  return pr;
}

function byId(item: { id: string }): string {
  return item.id;
}

const CAPABILITY = 0;
const PRODUCT = 1;
const ACTIVITY = 2;
const SCALE = 3;
const PROXIMITY = 4;
const SETTLEMENT = 5;
const EXPORT = 6;

/**
 * The bare score of a pair in hundredths: the rounded contributions added up exactly as
 * explainedScore adds them. Cheap criteria come first; once the sum so far plus the most the
 * remaining criteria could add falls below `floor`, the pair is given up and -1 returned.
 */
function bareHundredths(
  pc: PreparedCompany,
  po: PreparedOpportunity,
  pr: PreparedRubric,
  log10Rate: number,
  floor: number,
): number {
  const micros = pr.slotMicros;
  let h = 0;
  if (micros[EXPORT] !== 0) h += contribution(micros[EXPORT]!, pc.exportValue);
  if (micros[SETTLEMENT] !== 0) h += contribution(micros[SETTLEMENT]!, settlementValue(pc, po));
  if (micros[CAPABILITY] !== 0) h += contribution(micros[CAPABILITY]!, capabilityValue(pc, po));
  return restHundredths(pc, po, pr, log10Rate, floor, h);
}

/** The end of bareHundredths once every criterion but scale and proximity has added up to `h`. */
function tailHundredths(pc: PreparedCompany, po: PreparedOpportunity, pr: PreparedRubric, log10Rate: number, floor: number, partial: number): number {
  const micros = pr.slotMicros;
  const proximityMax = pr.slotMaxHundredths[PROXIMITY]!;
  let h = partial;
  if (micros[SCALE] !== 0) h += contribution(micros[SCALE]!, scaleValue(pc, po, log10Rate));
  if (h + proximityMax < floor) return -1;
  if (micros[PROXIMITY] !== 0) h += contribution(micros[PROXIMITY]!, proximityValue(pc, po));
  return h;
}

/**
 * The rest of bareHundredths once the three cheapest criteria have added up to `h`: from the bound
 * check after them to the last criterion (column ranking computes those three from its columns).
 */
function restHundredths(pc: PreparedCompany, po: PreparedOpportunity, pr: PreparedRubric, log10Rate: number, floor: number, cheap: number): number {
  const micros = pr.slotMicros;
  const max = pr.slotMaxHundredths;
  const scaleMax = max[SCALE]!;
  const proximityMax = max[PROXIMITY]!;
  let h = cheap;
  if (h + max[ACTIVITY]! + max[PRODUCT]! + scaleMax + proximityMax < floor) return -1;
  if (micros[ACTIVITY] !== 0) h += contribution(micros[ACTIVITY]!, activityValue(pc, po, pr));
  if (micros[PRODUCT] !== 0) h += contribution(micros[PRODUCT]!, productValue(pc, po));
  if (h + scaleMax + proximityMax < floor) return -1;
  if (micros[SCALE] !== 0) h += contribution(micros[SCALE]!, scaleValue(pc, po, log10Rate));
  if (h + proximityMax < floor) return -1;
  if (micros[PROXIMITY] !== 0) h += contribution(micros[PROXIMITY]!, proximityValue(pc, po));
  return h;
}

/** A criterion's contribution in hundredths: its weight in millionths times its value in ten-thousandths, rounded. */
function contribution(weightMicros: number, value: number): number {
  return Math.round((weightMicros * toTenThousandths(value)) / 1e6);
}

function explainedScore(pc: PreparedCompany, po: PreparedOpportunity, pr: PreparedRubric, rate: number): MatchScore {
  const breakdown: CriterionScore[] = [];
  let hundredths = 0;
  for (let i = 0; i < pr.ids.length; i++) {
    const criterion = pr.ids[i]!;
    const { value, reason } = explainCriterion(criterion, pc, po, pr, rate);
    const h = contribution(pr.weightMicros[i]!, value);
    hundredths += h;
    breakdown.push({ criterion, weight: pr.weights[i]!, value: toTenThousandths(value) / 1e4, contribution: h / 100, reason });
  }
  return { companyId: pc.id, opportunityId: po.id, sector: po.sector, score: hundredths / 100, breakdown };
}

function explainCriterion(
  criterion: CriterionId,
  pc: PreparedCompany,
  po: PreparedOpportunity,
  pr: PreparedRubric,
  rate: number,
): CriterionResult {
  switch (criterion) {
    case 'capability_coverage':
      return capabilityCoverage(pc, po);
    case 'product_fit':
      return productFit(pc, po);
    case 'activity_fit':
      return activityFit(pc, po, pr);
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

/** The lowest score in hundredths h for which h / 100 >= minScore, so that filtering by either agrees. */
function minHundredths(minScore: number): number {
  let h = Math.ceil(minScore * 100);
  while (h > 0 && (h - 1) / 100 >= minScore) h--;
  while (h / 100 < minScore) h++;
  return h;
}

/** A value in [0, 1] as whole ten-thousandths, the precision shown in a breakdown. */
function toTenThousandths(value: number): number {
  return value > 0 ? (value < 1 ? Math.round(value * 1e4) : 1e4) : 0;
}

function checkPair(pc: PreparedCompany, po: PreparedOpportunity, pr: PreparedRubric): void {
  if (pr.sector !== po.sector) throw rubricMismatch(pr, po);
  if (!declares(pc, po)) {
    throw new ScoringError(
      'SECTOR_NOT_DECLARED',
      `company ${pc.id} does not declare sector ${po.sector} of opportunity ${po.id}`,
    );
  }
}

/** Whether the company declares the opportunity's sector. */
function declares(pc: PreparedCompany, po: PreparedOpportunity): boolean {
  return po.sectorIndex >= 0 ? (pc.sectorMask & (1 << po.sectorIndex)) !== 0 : pc.sectors.has(po.sector);
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
