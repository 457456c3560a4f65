import type { CompanyProfileDto, FieldError, SectorId } from '#contracts';
import { isKnownHsChapter, isKnownOkvedDivision } from '#reference';
import { validateInn } from '../domain/inn.validator.js';
import { validateOgrn, validateOgrnMatchesInn } from '../domain/ogrn.validator.js';

/**
 * The checks of a profile that go beyond its shape: official check digits, codes that exist,
 * capabilities from the vocabularies of the sectors it declares, ownership that adds up.
 */
export function checkProfile(profile: CompanyProfileDto, vocabularies: Map<SectorId, Set<string>>): FieldError[] {
  const errors: FieldError[] = [];
  const inn = validateInn(profile.inn);
  if (!inn.ok) errors.push({ field: 'inn', reason: inn.reason });
  if (profile.ogrn !== undefined) {
    const ogrn = validateOgrn(profile.ogrn);
    if (!ogrn.ok) errors.push({ field: 'ogrn', reason: ogrn.reason });
    else if (inn.ok) {
      const pair = validateOgrnMatchesInn(profile.ogrn, profile.inn);
      if (!pair.ok) errors.push({ field: 'ogrn', reason: pair.reason });
    }
  }
  profile.okved.forEach((code, i) => {
    if (!isKnownOkvedDivision(code.slice(0, 2))) errors.push({ field: `okved.${i}`, reason: `OKVED2 division ${code.slice(0, 2)} does not exist` });
  });
  profile.hsCodes.forEach((code, i) => {
    if (!isKnownHsChapter(code.slice(0, 2))) errors.push({ field: `hsCodes.${i}`, reason: `HS chapter ${code.slice(0, 2)} does not exist` });
  });
  const known = new Set([...vocabularies.values()].flatMap((v) => [...v]));
  profile.capabilities.forEach((capability, i) => {
    if (!known.has(capability)) {
      errors.push({
        field: `capabilities.${i}`,
        reason: `unknown capability "${capability}" for sectors ${profile.sectors.join(', ')} (see GET /v1/sectors)`,
      });
    }
  });
  const shares = (profile.owners ?? []).reduce((sum, o) => sum + o.sharePct, 0);
  if (shares > 100.0001) errors.push({ field: 'owners', reason: `ownership shares add up to ${shares}%, more than 100%` });
  return errors;
}
