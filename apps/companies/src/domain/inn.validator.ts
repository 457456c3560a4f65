/** Whether a taxpayer number (INN) belongs to an organisation (10 digits) or an individual entrepreneur (12 digits). */
export type TaxpayerKind = 'organisation' | 'individual';

/** Outcome of checking a registration number: its kind when valid, otherwise a precise reason. */
export type RegistrationNumberCheck = { ok: true; kind: TaxpayerKind } | { ok: false; reason: string };

const ORGANISATION_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const INDIVIDUAL_WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const INDIVIDUAL_WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const DIGITS_ONLY = /^\d+$/;

function weightedCheckDigit(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i += 1) {
    sum += Number(digits[i]) * weights[i];
  }
  return (sum % 11) % 10;
}

/** The tenth (check) digit of an organisation's INN, from its first nine digits. */
export function organisationInnCheckDigit(firstNine: string): number {
  return weightedCheckDigit(firstNine, ORGANISATION_WEIGHTS);
}

/** The eleventh and twelfth (check) digits of an individual's INN, from its first ten digits. */
export function individualInnCheckDigits(firstTen: string): [number, number] {
  const eleventh = weightedCheckDigit(firstTen, INDIVIDUAL_WEIGHTS_11);
  return [eleventh, weightedCheckDigit(`${firstTen}${eleventh}`, INDIVIDUAL_WEIGHTS_12)];
}

/**
 * Checks a Russian taxpayer identification number (ИНН): 10 digits for an organisation with one
 * check digit, 12 digits for an individual entrepreneur with two. The number must be given
 * exactly, without spaces; the first two digits (the region of the tax office) cannot be 00.
 */
export function validateInn(inn: string): RegistrationNumberCheck {
  if (typeof inn !== 'string' || !DIGITS_ONLY.test(inn)) {
    return { ok: false, reason: 'must contain digits only' };
  }
  if (inn.length !== 10 && inn.length !== 12) {
    return { ok: false, reason: 'must be 10 or 12 digits' };
  }
  if (inn.startsWith('00')) {
    return { ok: false, reason: 'region code 00 does not exist' };
  }
  if (inn.length === 10) {
    const expected = organisationInnCheckDigit(inn);
    return Number(inn[9]) === expected
      ? { ok: true, kind: 'organisation' }
      : { ok: false, reason: `check digit 10 should be ${expected}` };
  }
  const expected11 = weightedCheckDigit(inn, INDIVIDUAL_WEIGHTS_11);
  if (Number(inn[10]) !== expected11) {
    return { ok: false, reason: `check digit 11 should be ${expected11}` };
  }
  const expected12 = weightedCheckDigit(inn, INDIVIDUAL_WEIGHTS_12);
  return Number(inn[11]) === expected12
    ? { ok: true, kind: 'individual' }
    : { ok: false, reason: `check digit 12 should be ${expected12}` };
}
