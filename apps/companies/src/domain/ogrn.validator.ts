import { type RegistrationNumberCheck, validateInn } from './inn.validator.js';

const DIGITS_ONLY = /^\d+$/;

/** The 13th (check) digit of an OGRN: the first twelve digits as a number, mod 11, mod 10. */
export function ogrnCheckDigit(firstTwelve: string): number {
  return Number((BigInt(firstTwelve.slice(0, 12)) % 11n) % 10n);
}

/** The 15th (check) digit of an OGRNIP: the first fourteen digits as a number, mod 13, mod 10. */
export function ogrnipCheckDigit(firstFourteen: string): number {
  return Number((BigInt(firstFourteen.slice(0, 14)) % 13n) % 10n);
}

/**
 * Checks a primary state registration number: an OGRN of an organisation (13 digits, first digit
 * 1 or 5) or an OGRNIP of an individual entrepreneur (15 digits, first digit 3), including its
 * check digit. The number must be given exactly, without spaces.
 */
export function validateOgrn(ogrn: string): RegistrationNumberCheck {
  if (typeof ogrn !== 'string' || !DIGITS_ONLY.test(ogrn)) {
    return { ok: false, reason: 'must contain digits only' };
  }
  if (ogrn.length === 13) {
    if (ogrn[0] !== '1' && ogrn[0] !== '5') {
      return { ok: false, reason: 'first digit of a 13-digit OGRN must be 1 or 5' };
    }
    const expected = ogrnCheckDigit(ogrn);
    return Number(ogrn[12]) === expected
      ? { ok: true, kind: 'organisation' }
      : { ok: false, reason: `check digit 13 should be ${expected}` };
  }
  if (ogrn.length === 15) {
    if (ogrn[0] !== '3') {
      return { ok: false, reason: 'first digit of a 15-digit OGRNIP must be 3' };
    }
    const expected = ogrnipCheckDigit(ogrn);
    return Number(ogrn[14]) === expected
      ? { ok: true, kind: 'individual' }
      : { ok: false, reason: `check digit 15 should be ${expected}` };
  }
  return { ok: false, reason: 'must be 13 (OGRN) or 15 (OGRNIP) digits' };
}

/**
 * Checks that an OGRN and an INN are both valid and name the same kind of taxpayer: a 13-digit
 * OGRN goes with a 10-digit INN, a 15-digit OGRNIP with a 12-digit INN. Region codes are not
 * compared: an INN issued before 2002 or by another office may legitimately differ.
 */
export function validateOgrnMatchesInn(ogrn: string, inn: string): RegistrationNumberCheck {
  const ogrnCheck = validateOgrn(ogrn);
  if (!ogrnCheck.ok) {
    return { ok: false, reason: `OGRN ${ogrnCheck.reason}` };
  }
  const innCheck = validateInn(inn);
  if (!innCheck.ok) {
    return { ok: false, reason: `INN ${innCheck.reason}` };
  }
  if (ogrnCheck.kind !== innCheck.kind) {
    return ogrnCheck.kind === 'organisation'
      ? { ok: false, reason: 'a 13-digit OGRN (organisation) requires a 10-digit INN, got 12 digits' }
      : { ok: false, reason: 'a 15-digit OGRNIP (individual entrepreneur) requires a 12-digit INN, got 10 digits' };
  }
  return { ok: true, kind: ogrnCheck.kind };
}
