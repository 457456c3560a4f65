import { normaliseHs, normaliseOkved, okvedCredit } from './code-hierarchy.util.js';
import { findFarEastRegion, type FarEastRegion } from './far-east-regions.const.js';
import { haversineKm, isGeoPoint, RAJIN, RAJIN_LINK_RADIUS_KM } from './geo.util.js';
import { ScoringError } from './scoring.errors.js';
import { capabilityMask, keyIds, prefixIds } from './scoring-keys.util.js';
import { CAPACITY_USD_PER_EMPLOYEE, experienceCurve } from './scoring-curves.util.js';
import { SECTOR_DEFAULT_OKVED } from './sector-activity-defaults.const.js';
import {
  CRITERION_IDS,
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
  /** Activity fit against each sector's default OKVED2 list (best credit over the list), by position in SECTOR_IDS. */
  readonly sectorDefaultActivity: readonly number[];
  readonly hasLocation: boolean;
  readonly latRad: number;
  readonly lonRad: number;
  readonly cosLat: number;
  readonly farEast: FarEastRegion | undefined;
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
  /** OKVED2 keys the company is measured against: the opportunity's own, or the sector defaults. */
  readonly okvedRequired: readonly string[];
  /** Digit-key id of each entry of okvedRequired. */
  readonly okvedRequiredIds: readonly number[];
  /** True when okvedRequired are the sector defaults (any one suffices) rather than the opportunity's own (all count). */
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
  readonly ids: readonly CriterionId[];
  readonly weights: readonly number[];
  /** Index of each criterion in CRITERION_IDS, aligned with ids. */
  readonly slots: Int8Array;
  readonly weightMicros: Float64Array;
  /** Weight in millionths of each criterion by its index in CRITERION_IDS, 0 for those the rubric leaves out. */
  readonly slotMicros: Float64Array;
  /** The most each criterion can add to a score, in hundredths, by its index in CRITERION_IDS. */
  readonly slotMaxHundredths: Float64Array;
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
    sectorDefaultActivity: SECTOR_IDS.map((sector) => bestOkvedCredit(okvedKeys, SECTOR_DEFAULT_OKVED_KEYS[sector])),
    hsKeyIds: prefixIds(hsCodes, 2),
    employees,
    revenueRub,
    revenueRubLog10: Math.log10(revenueRub),
    staffCapacityUsdLog10: Math.log10(employees * CAPACITY_USD_PER_EMPLOYEE),
    hasLocation: location !== undefined,
    latRad,
    lonRad: location ? location.lon * DEG : 0,
    cosLat: Math.cos(latRad),
    farEast: findFarEastRegion(company.region),
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
  const ownOkved = unique((opportunity.okved ?? []).map(normaliseOkved));
  const okvedFromSectorDefault = ownOkved.length === 0;
  const okvedRequired = okvedFromSectorDefault ? (SECTOR_DEFAULT_OKVED_KEYS[opportunity.sector] ?? []) : ownOkved;
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

/** Every sector, in the order of the per-sector lists and masks of prepared objects. */
export const SECTOR_IDS: readonly SectorId[] = ['mining', 'automobile', 'electricity'];

const SECTOR_DEFAULT_OKVED_KEYS: Readonly<Record<SectorId, readonly string[]>> = {
  mining: unique(SECTOR_DEFAULT_OKVED.mining.map(normaliseOkved)),
  automobile: unique(SECTOR_DEFAULT_OKVED.automobile.map(normaliseOkved)),
  electricity: unique(SECTOR_DEFAULT_OKVED.electricity.map(normaliseOkved)),
};

function bestOkvedCredit(companyKeys: readonly string[], relevantKeys: readonly string[]): number {
  let best = 0;
  for (const c of companyKeys) for (const r of relevantKeys) best = Math.max(best, okvedCredit(c, r));
  return best;
}

const WEIGHT_SUM_TOLERANCE = 1e-6;
const preparedRubrics = new WeakMap<SectorRubric, PreparedRubric>();

/**
 * Checks a rubric (known, distinct criteria; weights in [0, 1] summing to 1) and prepares it.
 * Prepared rubrics are cached per rubric object, so passing the same raw rubric again is cheap.
 */
export function prepareRubric(rubric: SectorRubric): PreparedRubric {
  const cached = preparedRubrics.get(rubric);
  if (cached) return cached;
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
    ids,
    weights,
    slots,
    weightMicros,
    slotMicros,
    slotMaxHundredths: slotMicros.map((micros) => Math.round((micros * 1e4) / 1e6)),
  };
  preparedRubrics.set(rubric, prepared);
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

/** The prepared form of a rubric given raw or prepared. */
export function asPreparedRubric(rubric: RubricInput): PreparedRubric {
  return 'kind' in rubric && rubric.kind === 'prepared-rubric' ? rubric : prepareRubric(rubric as SectorRubric);
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
