/** Distances up to this many kilometres count as next door. */
export const PROXIMITY_FULL_KM = 300;
/** Distances from this many kilometres on count as nothing. */
export const PROXIMITY_ZERO_KM = 6000;

/**
 * Proximity of a distance: 1 up to 300 km, then a raised-cosine fall on a logarithmic distance
 * scale to 0 at 6,000 km (about 0.65 at 1,000 km, 0.2 at 2,500 km). Smooth and non-increasing.
 */
export function distanceDecay(km: number): number {
  if (!(km > PROXIMITY_FULL_KM)) return 1;
  if (km >= PROXIMITY_ZERO_KM) return 0;
  const t = Math.log(km / PROXIMITY_FULL_KM) / Math.log(PROXIMITY_ZERO_KM / PROXIMITY_FULL_KM);
  return 0.5 * (1 + Math.cos(Math.PI * t));
}

/** Years of export experience from which the criterion is fully met. */
export const EXPERIENCE_FULL_YEARS = 10;
const EXPERIENCE_RATE = 0.275;
const EXPERIENCE_NORM = 1 - Math.exp(-EXPERIENCE_RATE * EXPERIENCE_FULL_YEARS);

/**
 * Saturating value of export experience: 0 at 0 years, 0.60 at 3, 0.85 at 5, 1 from 10 years on.
 * Concave and non-decreasing (a normalised 1 − e^(−0.275·years)).
 */
export function experienceCurve(years: number): number {
  if (!(years > 0)) return 0;
  if (years >= EXPERIENCE_FULL_YEARS) return 1;
  return (1 - Math.exp(-EXPERIENCE_RATE * years)) / EXPERIENCE_NORM;
}

/** Annual turnover a company can carry per employee, in USD, for the headcount side of scale fit. */
export const CAPACITY_USD_PER_EMPLOYEE = 100_000;

/** Deal sizes between these shares of a company's annual capacity fit it best. */
export const SCALE_BAND = { low: 0.05, high: 1 } as const;
const LOG_BAND_LOW = Math.log10(SCALE_BAND.low);
/** Spread, in decades, of the fall above the band (deal too large) and below it (deal small). */
const SCALE_SPREAD_ABOVE = 0.8;
const SCALE_SPREAD_BELOW = 1.5;

/**
 * Fit of a deal to a capacity given as the ratio deal / capacity: 1 inside the 5–100 % band,
 * a Gaussian fall in log10(ratio) outside it, steep above (a deal of 3× capacity ≈ 0.70,
 * 10× ≈ 0.21) and gentle below (0.5 % ≈ 0.64, 0.05 % ≈ 0.17).
 */
export function scaleBandFit(ratio: number): number {
  return ratio > 0 ? scaleBandFitLog10(Math.log10(ratio)) : 0;
}

/** scaleBandFit of a ratio given as its base-10 logarithm, for callers that keep logarithms. */
export function scaleBandFitLog10(l: number): number {
  if (Number.isNaN(l)) return 0;
  if (l > 0) {
    const d = l / SCALE_SPREAD_ABOVE;
    return Math.exp(-d * d);
  }
  if (l < LOG_BAND_LOW) {
    const d = (LOG_BAND_LOW - l) / SCALE_SPREAD_BELOW;
    return Math.exp(-d * d);
  }
  return 1;
}
