import {
  fakerAR,
  fakerDE,
  fakerEN_GB,
  fakerEN_US,
  fakerES,
  fakerFR,
  fakerIT,
  fakerJA,
  fakerKO,
  fakerRU,
  fakerTR,
  fakerUK,
  fakerZH_CN,
  type Faker,
} from '@faker-js/faker';
import { romaniseHangul, splitHangulPersonalName } from '../../apps/screening/src/domain/names/hangul-romaniser.js';
import { normaliseName } from '../../apps/screening/src/domain/names/name-normaliser.js';

/** One name of the negative set: a common name of some population, checked not to be a listed name. */
export interface NegativeName {
  name: string;
  /** The population (faker locale) it was drawn from, e.g. `ru`, `ko (romanised)`. */
  population: string;
  /** ISO 3166-1 alpha-2 of that population, when the locale names a country. */
  nationality?: string;
  /** A year of birth from 1950 to 2000, drawn with the name. */
  dateOfBirth: string;
}

interface Population {
  label: string;
  faker: Faker;
  nationality?: string;
  /** How a name is written: given, patronymic, family (Russian order) or a Korean name in Hangul. */
  form: 'western' | 'patronymic' | 'hangul' | 'hangul-romanised' | 'east-asian';
}

/**
 * The populations of the negative set: the person-name tables of @faker-js/faker (its locale
 * definitions list each culture's common given names and surnames), Russian and Korean among them.
 * The version of faker is pinned by package-lock.json, and every draw is seeded, so the set is
 * the same on every run.
 */
const POPULATIONS: Population[] = [
  { label: 'ru', faker: fakerRU, nationality: 'RU', form: 'patronymic' },
  { label: 'ru (given family)', faker: fakerRU, nationality: 'RU', form: 'western' },
  { label: 'uk', faker: fakerUK, nationality: 'UA', form: 'patronymic' },
  { label: 'ko', faker: fakerKO, nationality: 'KR', form: 'hangul' },
  { label: 'ko (romanised)', faker: fakerKO, nationality: 'KR', form: 'hangul-romanised' },
  { label: 'zh_CN', faker: fakerZH_CN, nationality: 'CN', form: 'east-asian' },
  { label: 'ja', faker: fakerJA, nationality: 'JP', form: 'east-asian' },
  { label: 'en_US', faker: fakerEN_US, nationality: 'US', form: 'western' },
  { label: 'en_GB', faker: fakerEN_GB, nationality: 'GB', form: 'western' },
  { label: 'de', faker: fakerDE, nationality: 'DE', form: 'western' },
  { label: 'fr', faker: fakerFR, nationality: 'FR', form: 'western' },
  { label: 'es', faker: fakerES, nationality: 'ES', form: 'western' },
  { label: 'it', faker: fakerIT, nationality: 'IT', form: 'western' },
  { label: 'tr', faker: fakerTR, nationality: 'TR', form: 'western' },
  { label: 'ar', faker: fakerAR, form: 'western' },
];

/** Names drawn from each population. */
export const NAMES_PER_POPULATION = 400;
/** The seed of every draw. */
export const NEGATIVE_SEED = 1718;

function titleCase(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function romanisedKorean(hangulName: string): string {
  return hangulName
    .split(/\s+/u)
    .flatMap((w) => splitHangulPersonalName(w))
    .map((part, i) => (i === 0 ? titleCase(romaniseHangul(part, 'mr').replace(/'/gu, '')) : [...part].map((s) => romaniseHangul(s, 'mr').replace(/'/gu, '')).join('-')))
    .map((part, i) => (i === 0 ? part : titleCase(part)))
    .join(' ');
}

function draw(p: Population): string {
  const f = p.faker;
  const sex = f.person.sexType();
  switch (p.form) {
    case 'patronymic':
      return `${f.person.firstName(sex)} ${f.person.middleName(sex)} ${f.person.lastName(sex)}`;
    case 'hangul':
      return `${f.person.lastName()}${f.person.firstName()}`;
    case 'hangul-romanised':
      return romanisedKorean(`${f.person.lastName()}${f.person.firstName()}`);
    case 'east-asian':
      return `${f.person.lastName()} ${f.person.firstName()}`;
    default:
      return `${f.person.firstName(sex)} ${f.person.lastName(sex)}`;
  }
}

/**
 * Draws the negative set: NAMES_PER_POPULATION distinct names per population, seeded, each with a
 * year of birth. A name whose normalised form is that of a listed name is left out (and counted),
 * so no name of the set is listed.
 */
export function negativeNames(listedNames: Iterable<string>): { names: NegativeName[]; leftOut: string[] } {
  const listed = new Set<string>();
  for (const n of listedNames) listed.add(normaliseName(n));
  const names: NegativeName[] = [];
  const leftOut: string[] = [];
  POPULATIONS.forEach((p, k) => {
    p.faker.seed(NEGATIVE_SEED + k);
    const seen = new Set<string>();
    for (let attempts = 0; seen.size < NAMES_PER_POPULATION && attempts < NAMES_PER_POPULATION * 20; attempts++) {
      const name = draw(p).replace(/\s+/gu, ' ').trim();
      const year = p.faker.number.int({ min: 1950, max: 2000 });
      if (seen.has(name)) continue;
      seen.add(name);
      if (listed.has(normaliseName(name))) {
        leftOut.push(name);
        continue;
      }
      names.push({ name, population: p.label, ...(p.nationality ? { nationality: p.nationality } : {}), dateOfBirth: String(year) });
    }
  });
  return { names, leftOut };
}
