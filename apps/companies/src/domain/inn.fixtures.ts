import { individualInnCheckDigits, organisationInnCheckDigit, type TaxpayerKind } from './inn.validator.js';

/**
 * A valid INN made from its leading digits, for tests and benchmarks: 9 digits give an
 * organisation's INN, 10 digits an individual's. Throws on any other input, including a
 * seed starting with region 00.
 */
export function makeValidInn(seedDigits: string): string {
  if (seedDigits.startsWith('00')) {
    throw new Error(`makeValidInn: region 00 does not exist, got "${seedDigits}"`);
  }
  if (/^\d{9}$/.test(seedDigits)) {
    return `${seedDigits}${organisationInnCheckDigit(seedDigits)}`;
  }
  if (/^\d{10}$/.test(seedDigits)) {
    return `${seedDigits}${individualInnCheckDigits(seedDigits).join('')}`;
  }
  throw new Error(`makeValidInn: expected 9 or 10 digits, got "${seedDigits}"`);
}

/** `count` distinct valid INNs of one kind, deterministic, under a two-digit region prefix (default 25, Primorsky Krai). */
export function makeValidInns(count: number, kind: TaxpayerKind, region = '25'): string[] {
  const serialDigits = kind === 'organisation' ? 7 : 8;
  return Array.from({ length: count }, (_, i) => makeValidInn(`${region}${String(i + 1).padStart(serialDigits, '0')}`));
}
