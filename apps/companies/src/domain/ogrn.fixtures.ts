import { ogrnCheckDigit, ogrnipCheckDigit } from './ogrn.validator.js';

/**
 * A valid registration number made from its leading digits, for tests and benchmarks: 12 digits
 * give an OGRN (first digit 1 or 5), 14 digits an OGRNIP (first digit 3). Throws on other input.
 */
export function makeValidOgrn(seedDigits: string): string {
  if (/^[15]\d{11}$/.test(seedDigits)) {
    return `${seedDigits}${ogrnCheckDigit(seedDigits)}`;
  }
  if (/^3\d{13}$/.test(seedDigits)) {
    return `${seedDigits}${ogrnipCheckDigit(seedDigits)}`;
  }
  throw new Error(`makeValidOgrn: expected 12 digits starting 1 or 5, or 14 digits starting 3, got "${seedDigits}"`);
}

/**
 * `count` distinct valid numbers, deterministic: OGRNs (sign 1) or OGRNIPs (sign 3) registered
 * in year `yy` in a two-digit region (default 25, Primorsky Krai).
 */
export function makeValidOgrns(count: number, kind: 'organisation' | 'individual', region = '25', yy = '15'): string[] {
  const sign = kind === 'organisation' ? '1' : '3';
  const serialDigits = kind === 'organisation' ? 7 : 9;
  return Array.from({ length: count }, (_, i) => makeValidOgrn(`${sign}${yy}${region}${String(i + 1).padStart(serialDigits, '0')}`));
}
