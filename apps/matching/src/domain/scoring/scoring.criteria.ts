import {
  formatOkved,
  HS_CREDIT,
  hsCredit,
  hsLevelName,
  okvedAncestorCredit,
  okvedCredit,
  okvedLevelName,
} from './code-hierarchy.util.js';
import { haversineRadKm } from './geo.util.js';
import { countOf, formatKm, formatList, formatShare, formatUsd } from './reason-format.util.js';
import {
  CAPACITY_USD_PER_EMPLOYEE,
  distanceDecay,
  EXPERIENCE_FULL_YEARS,
  SCALE_BAND,
  scaleBandFitLog10,
} from './scoring-curves.util.js';
import {
  asPreparedCompany,
  asPreparedOpportunity,
  asPreparedRubric,
  measureSectorActivities,
  SECTOR_ACTIVITY_CREDIT_LEVELS,
  sectorActivitiesFor,
  sectorActivitiesInForce,
  type CompanyInput,
  type OpportunityInput,
  type PreparedCompany,
  type PreparedOpportunity,
  type PreparedRubric,
  type RubricInput,
} from './scoring.prepare.js';
import { hasId, keyLength, keyPrefixId, sharedCount } from './scoring-keys.util.js';
import type { CriterionResult, ScoringOptions } from './scoring.types.js';

/** Value given when the opportunity states nothing to judge a criterion by. */
export const NEUTRAL_VALUE = 0.5;
/** Proximity when the company's or the site's location is unknown. */
export const UNKNOWN_LOCATION_VALUE = 0.3;
/** Proximity bonus for a company in Primorye or a neighbouring region when the site is on the Khasan–Rajin link. */
export const RAJIN_LINK_BONUS = 0.15;
/** Default exchange rate, roubles per US dollar. */
export const DEFAULT_RUB_PER_USD = 90;
/** Share of scale fit taken by revenue when both revenue and headcount are known. */
export const REVENUE_SHARE_OF_SCALE = 0.8;
/** Settlement values: RUB on both sides, another currency available, RUB only but refused. */
export const SETTLEMENT_VALUE = { rub: 1, otherCurrency: 0.6, rubRefused: 0.2 } as const;

// Fast values: no strings, no allocations; the explained functions below reuse them.

/** Share of required capabilities the company has. */
export function capabilityValue(pc: PreparedCompany, po: PreparedOpportunity): number {
  const n = po.capabilityCount;
  if (n === 0) return NEUTRAL_VALUE;
  return sharedCount(pc.capabilityMask, po.capabilityMask) / n;
}

/** Mean over the required HS codes of the best hierarchical credit the company earns. */
export function productValue(pc: PreparedCompany, po: PreparedOpportunity): number {
  return productCredit(pc.hsKeyIds, po.hsRequiredIds, 0, po.hsRequiredIds.length);
}

/**
 * Product fit from digit-key ids: the mean over `n` required codes (from `at` in `required`) of the
 * best hierarchical credit the company's keys earn. Ranking calls it on its columns too.
 */
export function productCredit(keys: readonly number[], required: ArrayLike<number>, at: number, n: number): number {
  if (n === 0) return NEUTRAL_VALUE;
  let sum = 0;
  for (let i = at; i < at + n; i++) {
    const code = required[i]!;
    const length = keyLength(code);
    if (hasId(keys, code)) sum += HS_CREDIT.subheading;
    else if (length === 6 && hasId(keys, keyPrefixId(code, 4))) sum += HS_CREDIT.heading;
    else if (length >= 4 && hasId(keys, keyPrefixId(code, 2))) sum += HS_CREDIT.chapter;
  }
  return sum / n;
}

/**
 * Hierarchical OKVED2 credit: mean over the opportunity's codes or, when it names none, the best
 * over the activities the sector's rubric publishes (that of `rubric`, else of the sector's rubric
 * in force: see sectorActivitiesInForce), worked out once per company and kept on it.
 */
export function activityValue(pc: PreparedCompany, po: PreparedOpportunity, rubric?: PreparedRubric): number {
  if (po.okvedFromSectorDefault) {
    // Written out here rather than through helpers: this runs for most pairs a ranking scores,
    // and the calls cost more than the lookups.
    const s = po.sectorIndex;
    const activities = rubric === undefined ? sectorActivitiesInForce[s] : rubric.sectorActivities;
    if (activities === undefined || activities.keys.length === 0) return NEUTRAL_VALUE;
    const packed = s >= 0 ? pc.sectorActivityCredits[s]! : -1;
    return packed >> 3 === activities.id ? SECTOR_ACTIVITY_CREDIT_LEVELS[packed & 7]! : measureSectorActivities(pc, s, activities);
  }
  return ownActivityCredit(pc.okvedPrefixIds, po.okvedRequiredIds, 0, po.okvedRequiredIds.length);
}

/**
 * Activity fit against an opportunity's own OKVED2 codes, from digit-key ids: the mean over `n`
 * required codes (from `at` in `required`) of the deepest level the company shares. Ranking calls
 * it on its columns too.
 */
export function ownActivityCredit(keys: readonly number[], required: ArrayLike<number>, at: number, n: number): number {
  if (n === 0) return NEUTRAL_VALUE;
  if (keys.length === 0) return 0;
  let sum = 0;
  for (let i = at; i < at + n; i++) {
    const key = required[i]!;
    if (hasId(keys, key)) {
      sum += 1;
      continue;
    }
    for (let length = keyLength(key) - 1; length >= 2; length--) {
      if (hasId(keys, keyPrefixId(key, length))) {
        sum += okvedAncestorCredit(length);
        break;
      }
    }
  }
  return sum / n;
}

/**
 * Fit of the deal size to the company's revenue (mainly) and headcount, from logarithms kept on
 * the prepared objects: log10(deal / revenue in USD) = log10 deal − log10 revenue in RUB + log10 rate.
 */
export function scaleValue(pc: PreparedCompany, po: PreparedOpportunity, log10RubPerUsd: number): number {
  if (!(po.sizeUsd > 0)) return NEUTRAL_VALUE;
  const hasRevenue = pc.revenueRub > 0;
  const hasStaff = pc.employees > 0;
  const staffFit = hasStaff ? scaleBandFitLog10(po.sizeUsdLog10 - pc.staffCapacityUsdLog10) : 0;
  if (!hasRevenue) return staffFit;
  const revenueFit = scaleBandFitLog10(po.sizeUsdLog10 - pc.revenueRubLog10 + log10RubPerUsd);
  return hasStaff ? REVENUE_SHARE_OF_SCALE * revenueFit + (1 - REVENUE_SHARE_OF_SCALE) * staffFit : revenueFit;
}

/** Distance decay from the company to the site, with the Khasan–Rajin bonus. */
export function proximityValue(pc: PreparedCompany, po: PreparedOpportunity): number {
  if (!pc.hasLocation || !po.siteKnown) return UNKNOWN_LOCATION_VALUE;
  const base = distanceDecay(haversineRadKm(pc.latRad, pc.lonRad, pc.cosLat, po.latRad, po.lonRad, po.cosLat));
  return hasRajinBonus(pc, po) ? Math.min(1, base + RAJIN_LINK_BONUS) : base;
}

/** Whether rouble settlement works for both sides, or another currency leaves a way to deal. */
export function settlementValue(pc: PreparedCompany, po: PreparedOpportunity): number {
  if (!po.statesCurrency) return NEUTRAL_VALUE;
  if (pc.acceptsRub && po.acceptsRub) return SETTLEMENT_VALUE.rub;
  if (po.acceptsOtherCurrency) return SETTLEMENT_VALUE.otherCurrency;
  return SETTLEMENT_VALUE.rubRefused;
}

// Explained criteria: each returns the same value as its fast counterpart, with the reason.

/** Capability coverage: share of the opportunity's required capabilities the company has. */
export function capabilityCoverage(company: CompanyInput, opportunity: OpportunityInput): CriterionResult {
  const pc = asPreparedCompany(company);
  const po = asPreparedOpportunity(opportunity);
  const value = capabilityValue(pc, po);
  const required = po.requiredCapabilities;
  if (required.length === 0) return { value, reason: 'the opportunity lists no required capabilities' };
  const covered = required.filter((c) => pc.capabilities.has(c));
  const missing = required.filter((c) => !pc.capabilities.has(c));
  const head = `covers ${covered.length} of ${required.length} required capabilities`;
  const reason =
    covered.length === 0
      ? `${head}; missing ${formatList(missing)}`
      : missing.length === 0
        ? `${head}: ${formatList(covered)}`
        : `${head}: ${formatList(covered)}; missing ${formatList(missing)}`;
  return { value, reason };
}

/** Product fit: hierarchical HS credit (subheading 1, heading 0.7, chapter 0.4), mean over required codes. */
export function productFit(company: CompanyInput, opportunity: OpportunityInput): CriterionResult {
  const pc = asPreparedCompany(company);
  const po = asPreparedOpportunity(opportunity);
  const value = productValue(pc, po);
  const required = po.hsRequired;
  if (required.length === 0) return { value, reason: 'the opportunity lists no HS codes' };
  if (pc.hsCodes.length === 0) {
    return { value, reason: `the company declares no HS codes; required: ${formatList(required)}` };
  }
  const parts = required.map((r) => {
    const { code, credit } = bestMatch(pc.hsCodes, r, hsCredit);
    if (credit === 1) return `HS ${code} matches required ${hsLevelName(r)} ${r}`;
    if (credit === HS_CREDIT.heading) return `HS ${code} shares heading ${r.slice(0, 4)} with required ${r}`;
    if (credit > 0) return `HS ${code} shares chapter ${r.slice(0, 2)} with required ${r}`;
    return `nothing matches required HS ${r}`;
  });
  return { value, reason: withMeanPrefix(value, required.length, parts) };
}

/**
 * Activity fit: hierarchical OKVED2 credit against the opportunity's codes or, lacking them, the
 * activities its sector's rubric publishes (`rubric`'s, else those of the sector's rubric in force).
 */
export function activityFit(company: CompanyInput, opportunity: OpportunityInput, rubric?: RubricInput): CriterionResult {
  const pc = asPreparedCompany(company);
  const po = asPreparedOpportunity(opportunity);
  const pr = rubric === undefined ? undefined : asPreparedRubric(rubric);
  const value = activityValue(pc, po, pr);
  const required = po.okvedFromSectorDefault ? (sectorActivitiesFor(po, pr)?.keys ?? []) : po.okvedRequired;
  if (required.length === 0) return { value, reason: 'no OKVED2 activities to compare with' };
  const shown = required.map(formatOkved);
  if (pc.okvedKeys.length === 0) {
    return { value, reason: `the company declares no OKVED2 codes; relevant: ${formatList(shown)}` };
  }
  if (po.okvedFromSectorDefault) {
    let best = { code: '', credit: 0, required: '' };
    for (const r of required) {
      const m = bestMatch(pc.okvedKeys, r, okvedCredit);
      if (m.credit > best.credit) best = { ...m, required: r };
    }
    const prefix = `no OKVED2 codes on the opportunity, so ${po.sector} defaults (${formatList(shown, SECTOR_ACTIVITIES_SHOWN)}) apply`;
    return {
      value,
      reason:
        best.credit === 0
          ? `${prefix}: none of the company's codes is close`
          : `${prefix}: ${describeOkved(best.code, best.required, best.credit, `${po.sector}-relevant`)}`,
    };
  }
  const parts = required.map((r) => {
    const m = bestMatch(pc.okvedKeys, r, okvedCredit);
    return m.credit === 0 ? `nothing matches required OKVED2 ${formatOkved(r)}` : describeOkved(m.code, r, m.credit, 'required');
  });
  return { value, reason: withMeanPrefix(value, required.length, parts) };
}

/** Scale fit: deal size against annual revenue (converted at options.rubPerUsd) and headcount. */
export function scaleFit(
  company: CompanyInput,
  opportunity: OpportunityInput,
  options: ScoringOptions = {},
): CriterionResult {
  const pc = asPreparedCompany(company);
  const po = asPreparedOpportunity(opportunity);
  const rate = options.rubPerUsd ?? DEFAULT_RUB_PER_USD;
  const value = scaleValue(pc, po, Math.log10(rate));
  if (!(po.sizeUsd > 0)) return { value, reason: 'the opportunity states no deal size' };
  const deal = `deal ${formatUsd(po.sizeUsd)}`;
  const staff = pc.employees > 0 ? countOf(pc.employees, 'employee') : '';
  const revenueUsd = pc.revenueRub / rate;
  if (revenueUsd > 0) {
    const ratio = po.sizeUsd / revenueUsd;
    const verdict =
      ratio > SCALE_BAND.high
        ? 'too large for the company'
        : ratio < SCALE_BAND.low
          ? 'small for the company'
          : `within the ${SCALE_BAND.low * 100}–${SCALE_BAND.high * 100}% range`;
    const share = ratio >= 1 ? `${formatShare(ratio)} annual revenue` : `${formatShare(ratio)} of annual revenue`;
    return {
      value,
      reason: `${deal} is ${share} (≈ ${formatUsd(revenueUsd)} at ${rate} RUB/USD), ${verdict}${staff ? `; ${staff}` : ''}`,
    };
  }
  if (pc.employees > 0) {
    const capacity = pc.employees * CAPACITY_USD_PER_EMPLOYEE;
    return {
      value,
      reason: `revenue not stated; ${deal} against ${staff} (≈ ${formatUsd(capacity)} a year at ${formatUsd(CAPACITY_USD_PER_EMPLOYEE)} per employee)`,
    };
  }
  return { value, reason: `${deal}, but the company states neither revenue nor headcount` };
}

/** Proximity: great-circle distance to the site, 1 up to 300 km, about 0 from 6,000 km; Khasan–Rajin bonus. */
export function proximity(company: CompanyInput, opportunity: OpportunityInput): CriterionResult {
  const pc = asPreparedCompany(company);
  const po = asPreparedOpportunity(opportunity);
  const value = proximityValue(pc, po);
  if (!pc.hasLocation) return { value, reason: 'location unknown' };
  if (!po.siteKnown) return { value, reason: 'site location unknown' };
  const km = haversineRadKm(pc.latRad, pc.lonRad, pc.cosLat, po.latRad, po.lonRad, po.cosLat);
  const base = `${formatKm(km)} from ${po.opportunity.site.name} (company in ${pc.company.city})`;
  if (pc.farEast && po.servedByRajinLink) {
    return {
      value,
      reason: hasRajinBonus(pc, po)
        ? `${base}; ${pc.farEast.name} reaches the site by rail over the Khasan–Rajin link (+${RAJIN_LINK_BONUS}${value === 1 ? ', capped at 1' : ''})`
        : `${base}; company in the Russian Far East (${pc.farEast.name}), site served by the Khasan–Rajin rail link`,
    };
  }
  return { value, reason: base };
}

/** Settlement: rouble settlement on both sides, or another currency the opportunity accepts. */
export function settlement(company: CompanyInput, opportunity: OpportunityInput): CriterionResult {
  const pc = asPreparedCompany(company);
  const po = asPreparedOpportunity(opportunity);
  const value = settlementValue(pc, po);
  if (po.currencies.length === 0) return { value, reason: 'the opportunity states no settlement currency' };
  if (value === SETTLEMENT_VALUE.rub) return { value, reason: 'both sides settle in RUB' };
  const others = po.otherCurrencies.join(', ');
  if (value === SETTLEMENT_VALUE.otherCurrency) {
    return {
      value,
      reason: po.acceptsRub
        ? `the company does not accept RUB, but the opportunity also settles in ${others}`
        : `the opportunity settles in ${others}, not RUB; the company can still deal in ${po.otherCurrencies.length > 1 ? 'those' : 'it'}`,
    };
  }
  return { value, reason: 'the opportunity settles in RUB only and the company does not accept RUB' };
}

/** Export experience: saturating in years, 0 → 0, 3 → 0.6, 10 and more → 1. */
export function exportExperience(company: CompanyInput): CriterionResult {
  const pc = asPreparedCompany(company);
  const value = pc.exportValue;
  if (!(pc.exportYears > 0)) return { value, reason: 'no export experience' };
  const years = `${countOf(pc.exportYears, 'year')} of export experience`;
  return { value, reason: pc.exportYears >= EXPERIENCE_FULL_YEARS ? `${years} (full credit from ${EXPERIENCE_FULL_YEARS})` : years };
}

function hasRajinBonus(pc: PreparedCompany, po: PreparedOpportunity): boolean {
  return po.servedByRajinLink && pc.farEast?.nearRajinLink === true;
}

function bestMatch(
  codes: readonly string[],
  required: string,
  credit: (code: string, required: string) => number,
): { code: string; credit: number } {
  let best = { code: '', credit: 0 };
  for (const code of codes) {
    const c = credit(code, required);
    if (c > best.credit) best = { code, credit: c };
  }
  return best;
}

function describeOkved(companyKey: string, requiredKey: string, credit: number, role: string): string {
  const company = formatOkved(companyKey);
  const required = formatOkved(requiredKey);
  if (credit === 1) {
    return companyKey === requiredKey
      ? `OKVED2 ${company} matches ${role} ${required}`
      : `OKVED2 ${company} falls within ${role} ${okvedLevelName(requiredKey.length)} ${required}`;
  }
  let shared = 0;
  while (shared < companyKey.length && companyKey[shared] === requiredKey[shared]) shared++;
  return `OKVED2 ${company} shares ${okvedLevelName(shared)} ${formatOkved(requiredKey.slice(0, shared))} with ${role} ${required}`;
}

const MAX_PARTS = 4;
/** Sector activities named in a reason before "and N more": every one of the lists published today. */
const SECTOR_ACTIVITIES_SHOWN = 10;

function withMeanPrefix(value: number, count: number, parts: readonly string[]): string {
  const shown = parts.slice(0, MAX_PARTS).join('; ');
  const body = parts.length > MAX_PARTS ? `${shown}; and ${parts.length - MAX_PARTS} more` : shown;
  return count === 1 ? body : `mean credit ${value.toFixed(2)} over ${count} codes: ${body}`;
}
