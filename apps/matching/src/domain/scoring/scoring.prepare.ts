import { findRussianFarEastRegion, type RegionDefinition } from '#reference';
import { normaliseHs, normaliseOkved, OKVED_CREDIT, okvedAncestorCredit } from './code-hierarchy.util.js';
import { haversineKm, isGeoPoint, RAJIN, RAJIN_LINK_RADIUS_KM } from './geo.util.js';
import { ScoringError } from './scoring.errors.js';
import { capabilityMask, digitKeyId, keyIds, prefixIds } from './scoring-keys.util.js';
import { CAPACITY_USD_PER_EMPLOYEE, experienceCurve } from './scoring-curves.util.js';
import {
  CRITERION_IDS,
  SECTOR_IDS,
  type CompanyProfile,
  type CriterionId,
  type Opportunity,
  type SectorId,
  type SectorRubric,
} from './scoring.types.js';

const DEG = Math.PI / 180;

/** A company profile with everything scoring needs parsed once, for scoring against many opportunities. */
export interface PreparedCompany {
  readonly kind: 'prepared-company';
  readonly company: CompanyProfile;
  readonly id: string;
  readonly sectors: ReadonlySet<SectorId>;
  /** One bit per declared sector, by position in SECTOR_IDS. */
  readonly sectorMask: number;
  readonly capabilities: ReadonlySet<string>;
  /** The capabilities as a bit mask over their process-wide ids (see capabilityMask). */
  readonly capabilityMask: readonly number[];
  /** Normalised HS codes, deduplicated, in declaration order. */
  readonly hsCodes: readonly string[];
  /** Every chapter, heading and subheading key reached by the company's HS codes, as ascending digit-key ids. */
  readonly hsKeyIds: readonly number[];
  /** OKVED2 digit keys, deduplicated, in declaration order. */
  readonly okvedKeys: readonly string[];
  /** Every ancestor-or-self key of the company's OKVED2 codes, as ascending digit-key ids. */
  readonly okvedPrefixIds: readonly number[];
  /**
   * The company's best OKVED2 credit over each sector's activities, by position in SECTOR_IDS,
   * packed in one small integer: the id of the sector activities it was worked out against
   * (see SectorActivities) times 8 plus the credit's index in SECTOR_ACTIVITY_CREDIT_LEVELS; -1
   * until a pair of that sector needs it. Filled on first use (measureSectorActivities), so each
   * company is measured once against each sector's activities, and read in one load per pair.
   */
  readonly sectorActivityCredits: number[];
  readonly hasLocation: boolean;
  readonly latRad: number;
  readonly lonRad: number;
  readonly cosLat: number;
  /** The Russian Far East region the company's region field names, if any. */
  readonly farEast: RegionDefinition | undefined;
  readonly employees: number;
  readonly revenueRub: number;
  /** log10 of annual revenue in RUB; -Infinity when not stated. */
  readonly revenueRubLog10: number;
  /** log10 of the headcount capacity in USD (employees × CAPACITY_USD_PER_EMPLOYEE); -Infinity when not stated. */
  readonly staffCapacityUsdLog10: number;
  readonly exportYears: number;
  readonly exportValue: number;
  readonly acceptsRub: boolean;
}

/** An opportunity with everything scoring needs parsed once, for scoring against many companies. */
export interface PreparedOpportunity {
  readonly kind: 'prepared-opportunity';
  readonly opportunity: Opportunity;
  readonly id: string;
  readonly sector: SectorId;
  /** Position of the sector in SECTOR_IDS; -1 for a sector scoring does not know. */
  readonly sectorIndex: number;
  /** Required capabilities, deduplicated. */
  readonly requiredCapabilities: readonly string[];
  /** requiredCapabilities as a bit mask over their process-wide ids (see capabilityMask). */
  readonly capabilityMask: readonly number[];
  /** How many capabilities are required. */
  readonly capabilityCount: number;
  /** Required HS codes, normalised and deduplicated. */
  readonly hsRequired: readonly string[];
  /** Digit-key id of each entry of hsRequired. */
  readonly hsRequiredIds: readonly number[];
  /** The opportunity's own OKVED2 keys, normalised and deduplicated; empty when it names none. */
  readonly okvedRequired: readonly string[];
  /** Digit-key id of each entry of okvedRequired. */
  readonly okvedRequiredIds: readonly number[];
  /**
   * True when the opportunity names no OKVED2 codes, so the company is measured against the
   * activities of the sector its rubric publishes (any one suffices) rather than against
   * okvedRequired (all count).
   */
  readonly okvedFromSectorDefault: boolean;
  readonly siteKnown: boolean;
  readonly latRad: number;
  readonly lonRad: number;
  readonly cosLat: number;
  /** Within reach of the Khasan–Rajin rail link (site within 150 km of Rajin). */
  readonly servedByRajinLink: boolean;
  readonly sizeUsd: number;
  readonly sizeUsdLog10: number;
  readonly currencies: readonly string[];
  /** Whether the opportunity names any settlement currency. */
  readonly statesCurrency: boolean;
  readonly acceptsRub: boolean;
  readonly otherCurrencies: readonly string[];
  /** Whether the opportunity settles in some currency other than RUB. */
  readonly acceptsOtherCurrency: boolean;
}

/** A rubric checked once, with weights in millionths for exact integer rounding of contributions. */
export interface PreparedRubric {
  readonly kind: 'prepared-rubric';
  readonly rubric: SectorRubric;
  readonly sector: SectorId;
  /** Position of the sector in SECTOR_IDS; -1 for a sector scoring does not know. */
  readonly sectorIndex: number;
  readonly ids: readonly CriterionId[];
  readonly weights: readonly number[];
  /** Index of each criterion in CRITERION_IDS, aligned with ids. */
  readonly slots: Int8Array;
  readonly weightMicros: Float64Array;
  /** Weight in millionths of each criterion by its index in CRITERION_IDS, 0 for those the rubric leaves out. */
  readonly slotMicros: Float64Array;
  /** The most each criterion can add to a score, in hundredths, by its index in CRITERION_IDS. */
  readonly slotMaxHundredths: Float64Array;
  /** The sector's OKVED2 activities as the rubric publishes them (rubric.defaultOkved). */
  readonly sectorActivities: SectorActivities;
}

/**
 * The OKVED2 activities of a sector, as its rubric publishes them, parsed once. Equal lists are
 * one object with one id, so a rubric fetched again with the same list keeps every company's
 * cached credit against it.
 */
export interface SectorActivities {
  /** The same for equal lists, different for different ones, in this process. */
  readonly id: number;
  /** Normalised digit keys, deduplicated, in published order. */
  readonly keys: readonly string[];
  /**
   * The credit a company OKVED2 code earns by having each key as an ancestor-or-self, by digit-key
   * id: 1 for an activity itself, the credit of the level for a proper ancestor of one. A code's
   * credit against the activities (okvedCredit, best over them) is the best over its ancestors-or-self.
   */
  readonly creditByPrefixId: ReadonlyMap<number, number>;
}

/** A company given raw or prepared. */
export type CompanyInput = CompanyProfile | PreparedCompany;
/** An opportunity given raw or prepared. */
export type OpportunityInput = Opportunity | PreparedOpportunity;
/** A rubric given raw or prepared. */
export type RubricInput = SectorRubric | PreparedRubric;

/** Parses a company profile once for fast repeated scoring. */
export function prepareCompany(company: CompanyProfile): PreparedCompany {
  const hsCodes = unique(company.hsCodes.map(normaliseHs));
  const okvedKeys = unique(company.okved.map(normaliseOkved));
  const sectors = new Set(company.sectors);
  const location = isGeoPoint(company.location) ? company.location : undefined;
  const latRad = location ? location.lat * DEG : 0;
  const employees = finiteOrZero(company.employees);
  const revenueRub = finiteOrZero(company.annualRevenueRub);
  const exportYears = Number.isFinite(company.exportExperienceYears) ? company.exportExperienceYears : 0;
  // Fields read for every pair come first, so that they share the object's first cache lines.
  return {
    kind: 'prepared-company',
    sectorMask: SECTOR_IDS.reduce((mask, sector, i) => (sectors.has(sector) ? mask | (1 << i) : mask), 0),
    exportValue: experienceCurve(exportYears),
    acceptsRub: company.acceptsRubSettlement === true,
    capabilityMask: capabilityMask(company.capabilities),
    okvedPrefixIds: prefixIds(okvedKeys, 1),
    sectorActivityCredits: SECTOR_IDS.map(() => -1),
    hsKeyIds: prefixIds(hsCodes, 2),
    employees,
    revenueRub,
    revenueRubLog10: Math.log10(revenueRub),
    staffCapacityUsdLog10: Math.log10(employees * CAPACITY_USD_PER_EMPLOYEE),
    hasLocation: location !== undefined,
    latRad,
    lonRad: location ? location.lon * DEG : 0,
    cosLat: Math.cos(latRad),
    farEast: findRussianFarEastRegion(company.region),
    id: company.id,
    company,
    sectors,
    capabilities: new Set(company.capabilities),
    hsCodes,
    okvedKeys,
    exportYears,
  };
}

/** Parses an opportunity once for fast repeated scoring. */
export function prepareOpportunity(opportunity: Opportunity): PreparedOpportunity {
  const hsRequired = unique(opportunity.hsCodes.map(normaliseHs));
  const okvedRequired = unique((opportunity.okved ?? []).map(normaliseOkved));
  const okvedFromSectorDefault = okvedRequired.length === 0;
  const requiredCapabilities = unique(opportunity.requiredCapabilities);
  const site = opportunity.site;
  const siteKnown = isGeoPoint(site);
  const latRad = siteKnown ? site.lat * DEG : 0;
  const sizeUsd = finiteOrZero(opportunity.sizeUsd);
  const currencies = unique(opportunity.settlementCurrencies.map((c) => c.trim().toUpperCase() || undefined));
  const otherCurrencies = currencies.filter((c) => c !== 'RUB');
  // Fields read for every pair come first, so that they share the object's first cache lines.
  return {
    kind: 'prepared-opportunity',
    sectorIndex: SECTOR_IDS.indexOf(opportunity.sector),
    capabilityMask: capabilityMask(requiredCapabilities),
    capabilityCount: requiredCapabilities.length,
    statesCurrency: currencies.length > 0,
    acceptsRub: currencies.includes('RUB'),
    acceptsOtherCurrency: otherCurrencies.length > 0,
    okvedFromSectorDefault,
    okvedRequiredIds: keyIds(okvedRequired),
    hsRequiredIds: keyIds(hsRequired),
    sizeUsd,
    sizeUsdLog10: Math.log10(sizeUsd),
    siteKnown,
    latRad,
    lonRad: siteKnown ? site.lon * DEG : 0,
    cosLat: Math.cos(latRad),
    servedByRajinLink: siteKnown && haversineKm(site, RAJIN) <= RAJIN_LINK_RADIUS_KM,
    id: opportunity.id,
    sector: opportunity.sector,
    opportunity,
    requiredCapabilities,
    hsRequired,
    okvedRequired,
    currencies,
    otherCurrencies,
  };
}

/**
 * Every credit a company OKVED2 code can earn against an activity (see okvedCredit), in the order
 * sectorActivityCredits index them: an entry is `activities id × 8 + index`, so `entry >> 3` is the
 * id and `entry & 7` the index.
 */
export const SECTOR_ACTIVITY_CREDIT_LEVELS: readonly number[] = [
  0,
  OKVED_CREDIT.division,
  OKVED_CREDIT.group,
  OKVED_CREDIT.class,
  OKVED_CREDIT.subclass,
  OKVED_CREDIT.exact,
];

/**
 * Works out the company's best OKVED2 credit over a sector's activities (any one suffices; 0 for a
 * company declaring no OKVED2 code) and keeps it in sectorActivityCredits for the sector at
 * sectorIndex (when it is one of SECTOR_IDS).
 */
export function measureSectorActivities(pc: PreparedCompany, sectorIndex: number, activities: SectorActivities): number {
  let best = 0;
  for (const id of pc.okvedPrefixIds) best = Math.max(best, activities.creditByPrefixId.get(id) ?? 0);
  if (sectorIndex >= 0) pc.sectorActivityCredits[sectorIndex] = activities.id * 8 + SECTOR_ACTIVITY_CREDIT_LEVELS.indexOf(best);
  return best;
}

const sectorActivitiesByList = new Map<string, SectorActivities>();

/** The sector activities of a published list of OKVED2 codes; throws on a code that is not OKVED2. */
function sectorActivitiesOf(rubric: SectorRubric): SectorActivities {
  if (!Array.isArray(rubric.defaultOkved)) {
    throw new ScoringError('INVALID_RUBRIC', `${rubric.sector} rubric: defaultOkved must be a list of OKVED2 codes`);
  }
  const keys: string[] = [];
  for (const code of rubric.defaultOkved) {
    const key = typeof code === 'string' ? normaliseOkved(code) : undefined;
    if (key === undefined) {
      throw new ScoringError('INVALID_RUBRIC', `${rubric.sector} rubric: default OKVED2 code "${String(code)}" is not an OKVED2 code`);
    }
    if (!keys.includes(key)) keys.push(key);
  }
  const list = keys.join(',');
  let activities = sectorActivitiesByList.get(list);
  if (activities === undefined) {
    const creditByPrefixId = new Map<number, number>();
    const credit = (key: string, value: number) => {
      const id = digitKeyId(key);
      creditByPrefixId.set(id, Math.max(creditByPrefixId.get(id) ?? 0, value));
    };
    for (const key of keys) {
      credit(key, OKVED_CREDIT.exact);
      for (let length = 2; length < key.length; length++) credit(key.slice(0, length), okvedAncestorCredit(length));
    }
    activities = { id: sectorActivitiesByList.size, keys, creditByPrefixId };
    sectorActivitiesByList.set(list, activities);
  }
  return activities;
}

const activitiesInForce: (SectorActivities | undefined)[] = SECTOR_IDS.map(() => undefined);

/**
 * The activities of the rubric of each sector prepared (or passed prepared to the engine) last,
 * by position in SECTOR_IDS: what activity fit measures against when it is not handed the rubric
 * itself. The engine hands the criteria the pair only; every entry point of the engine prepares
 * its rubric (asPreparedRubric) just before scoring with it, so the activities found here are
 * those of the rubric the pair is being scored with. Read only: prepareRubric keeps it.
 */
export const sectorActivitiesInForce: readonly (SectorActivities | undefined)[] = activitiesInForce;

function putActivitiesInForce(pr: PreparedRubric): void {
  if (pr.sectorIndex >= 0) activitiesInForce[pr.sectorIndex] = pr.sectorActivities;
}

/**
 * The sector activities an opportunity naming no OKVED2 codes is measured against: those of the
 * rubric given, else those of the rubric of its sector in force (see sectorActivitiesInForce).
 */
export function sectorActivitiesFor(po: PreparedOpportunity, rubric?: PreparedRubric): SectorActivities | undefined {
  if (rubric !== undefined) return rubric.sectorActivities;
  return po.sectorIndex >= 0 ? activitiesInForce[po.sectorIndex] : undefined;
}

const WEIGHT_SUM_TOLERANCE = 1e-6;
const preparedRubrics = new WeakMap<SectorRubric, PreparedRubric>();

/**
 * Checks a rubric (known, distinct criteria; weights in [0, 1] summing to 1; default activities
 * that are OKVED2 codes) and prepares it; it becomes the rubric of its sector in force (see
 * sectorActivitiesInForce). Prepared rubrics are cached per rubric object, so passing the same raw
 * rubric again is cheap.
 */
export function prepareRubric(rubric: SectorRubric): PreparedRubric {
  const cached = preparedRubrics.get(rubric);
  if (cached) {
    putActivitiesInForce(cached);
    return cached;
  }
  const ids: CriterionId[] = [];
  const weights: number[] = [];
  let sum = 0;
  for (const c of rubric.criteria) {
    if (!CRITERION_IDS.includes(c.id)) {
      throw new ScoringError('INVALID_RUBRIC', `${rubric.sector} rubric: unknown criterion "${c.id}"`);
    }
    if (ids.includes(c.id)) {
      throw new ScoringError('INVALID_RUBRIC', `${rubric.sector} rubric: criterion "${c.id}" appears twice`);
    }
    if (!(c.weight >= 0 && c.weight <= 1)) {
      throw new ScoringError('INVALID_RUBRIC', `${rubric.sector} rubric: weight of "${c.id}" must be in [0, 1], got ${c.weight}`);
    }
    ids.push(c.id);
    weights.push(c.weight);
    sum += c.weight;
  }
  if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
    throw new ScoringError('INVALID_RUBRIC', `${rubric.sector} rubric: weights must sum to 1, got ${sum}`);
  }
  const slots = Int8Array.from(ids.map((id) => CRITERION_IDS.indexOf(id)));
  const weightMicros = Float64Array.from(weights.map((w) => Math.round(w * 1e6)));
  const slotMicros = new Float64Array(CRITERION_IDS.length);
  slots.forEach((slot, i) => (slotMicros[slot] = weightMicros[i]!));
  const prepared: PreparedRubric = {
    kind: 'prepared-rubric',
    rubric,
    sector: rubric.sector,
    sectorIndex: SECTOR_IDS.indexOf(rubric.sector),
    ids,
    weights,
    slots,
    weightMicros,
    slotMicros,
    slotMaxHundredths: slotMicros.map((micros) => Math.round((micros * 1e4) / 1e6)),
    sectorActivities: sectorActivitiesOf(rubric),
  };
  preparedRubrics.set(rubric, prepared);
  putActivitiesInForce(prepared);
  return prepared;
}

/** The prepared form of a company given raw or prepared. */
export function asPreparedCompany(company: CompanyInput): PreparedCompany {
  return isPreparedCompany(company) ? company : prepareCompany(company);
}

/** The prepared form of an opportunity given raw or prepared. */
export function asPreparedOpportunity(opportunity: OpportunityInput): PreparedOpportunity {
  return isPreparedOpportunity(opportunity) ? opportunity : prepareOpportunity(opportunity);
}

/** The prepared form of a rubric given raw or prepared, which becomes the rubric of its sector in force. */
export function asPreparedRubric(rubric: RubricInput): PreparedRubric {
  if ('kind' in rubric && rubric.kind === 'prepared-rubric') {
    putActivitiesInForce(rubric);
    return rubric;
  }
  return prepareRubric(rubric as SectorRubric);
}

/** Whether a company is given prepared. */
export function isPreparedCompany(c: CompanyInput): c is PreparedCompany {
  return 'kind' in c && c.kind === 'prepared-company';
}

/** Whether an opportunity is given prepared. */
export function isPreparedOpportunity(o: OpportunityInput): o is PreparedOpportunity {
  return 'kind' in o && o.kind === 'prepared-opportunity';
}

function unique(values: readonly (string | undefined)[]): string[] {
  const seen = new Set<string>();
  for (const v of values) if (v !== undefined && v !== '') seen.add(v);
  return [...seen];
}

function finiteOrZero(n: number): number {
  return Number.isFinite(n) && n > 0 ? n : 0;
}
