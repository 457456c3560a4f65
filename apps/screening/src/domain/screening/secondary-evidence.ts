import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const countries = require('i18n-iso-countries') as {
  registerLocale(locale: unknown): void;
  getAlpha2Code(name: string, lang: string): string | undefined;
  isValid(code: string): boolean;
};
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));

/** What a query says of a person besides the name. Each part is optional; a missing part never demotes. */
export interface SecondaryEvidence {
  /** A year (`1964`) or a full date (`1964-07-17`). */
  dateOfBirth?: string;
  /** ISO 3166-1 alpha-2 (`KP`, `RU`). */
  nationality?: string;
}

/** What a listed individual's recorded details make of the query's: agree, contradict, or cannot tell. */
export type EvidenceFinding = 'match' | 'contradiction' | 'unknown';

/** The verdict of secondary evidence on one hit: the adjustment to the name's score and why. */
export interface EvidenceAssessment {
  dateOfBirth: EvidenceFinding;
  nationality: EvidenceFinding;
  /** Added to the name's score (negative: demoted). */
  adjustment: number;
  /** One line per finding that changed the score, for the hit's explanation. */
  notes: string[];
}

/** A listed date of birth: the years it allows and, when the list gives one, the exact day. */
export interface RecordedBirth {
  from: number;
  to: number;
  date?: string;
}

/** Demotion when every recorded date of birth contradicts the query's. */
export const DOB_CONTRADICTION = -0.25;
/** Demotion when every recorded nationality contradicts the query's. */
export const NATIONALITY_CONTRADICTION = -0.15;
/** Rise when a recorded date of birth is the query's day. */
export const DOB_DATE_MATCH = 0.1;
/** Rise when a recorded date of birth allows the query's year (no day to compare). */
export const DOB_YEAR_MATCH = 0.03;
/** Rise when a recorded nationality is the query's. */
export const NATIONALITY_MATCH = 0.03;
/** Years either side of a date the list marks as approximate. */
export const APPROXIMATE_YEARS = 2;

/** The UN list's names of countries that the ISO table spells otherwise. */
const UN_COUNTRY_NAMES: Record<string, string> = {
  "democratic people's republic of korea": 'KP',
  'united kingdom of great britain and northern ireland': 'GB',
  'viet nam': 'VN',
  'republic of moldova': 'MD',
  'bolivia (plurinational state of)': 'BO',
  'venezuela (bolivarian republic of)': 'VE',
  'iran (islamic republic of)': 'IR',
  'micronesia (federated states of)': 'FM',
};

/** The ISO 3166-1 alpha-2 code of a country as the list names it, or undefined when it names none (`na`, `former Soviet Union`). */
export function countryCode(name: string): string | undefined {
  const plain = name.trim().replace(/[\u2018\u2019]/gu, "'");
  const known = UN_COUNTRY_NAMES[plain.toLowerCase()];
  if (known) return known;
  if (plain.length < 3) return undefined;
  return countries.getAlpha2Code(plain, 'en') ?? countries.getAlpha2Code(plain.replace(/\s*\(.*\)\s*$/u, ''), 'en');
}

/** True for an assigned ISO 3166-1 alpha-2 code. */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/u.test(code) && countries.isValid(code);
}

const YEAR_MIN = 1850;
const YEAR_MAX = 2100;

function year(text: string): number | undefined {
  const y = Number(text);
  return y >= YEAR_MIN && y <= YEAR_MAX ? y : undefined;
}

/**
 * Reads a date of birth as the list parser writes it (`1964-07-17`, `1964`, `approx. 1960`,
 * `1950-1955`, `Nov. 1960`, each possibly followed by a note in parentheses). Undefined for what
 * it cannot read (an age, a Hijri date): such a record can never be said to contradict anything.
 */
export function parseRecordedBirth(text: string): RecordedBirth | undefined {
  if (/hijri|years? old/iu.test(text)) return undefined;
  const approximate = /^approx\.|approximately/iu.test(text);
  const widen = approximate ? APPROXIMATE_YEARS : 0;
  const body = text.replace(/^approx\.\s*/iu, '');
  const date = /^(\d{4})-(\d{2})-(\d{2})\b/u.exec(body);
  if (date) {
    const y = year(date[1]);
    if (y === undefined) return undefined;
    return approximate ? { from: y - widen, to: y + widen } : { from: y, to: y, date: date[0] };
  }
  const range = /^(\d{4})\s*-\s*(\d{4})\b/u.exec(body);
  if (range) {
    const [a, b] = [year(range[1]), year(range[2])];
    if (a === undefined || b === undefined) return undefined;
    return { from: Math.min(a, b) - widen, to: Math.max(a, b) + widen };
  }
  const years = [...body.matchAll(/\b(\d{4})\b/gu)].map((m) => year(m[1]));
  if (years.length !== 1 || years[0] === undefined) return undefined;
  return { from: years[0] - widen, to: years[0] + widen };
}

/** A query's date of birth: `YYYY` or `YYYY-MM-DD`. */
function queryBirth(text: string): { year: number; date?: string } | undefined {
  const m = /^(\d{4})(?:-(\d{2})-(\d{2}))?$/u.exec(text.trim());
  if (!m) return undefined;
  const y = Number(m[1]);
  return m[2] ? { year: y, date: text.trim() } : { year: y };
}

function birthFinding(recorded: readonly string[], query: string): { finding: EvidenceFinding; dayMatched: boolean } {
  const q = queryBirth(query);
  if (!q || recorded.length === 0) return { finding: 'unknown', dayMatched: false };
  const births = recorded.map(parseRecordedBirth);
  let dayMatched = false;
  let consistent = false;
  for (const b of births) {
    if (!b || q.year < b.from || q.year > b.to) continue;
    if (b.date && q.date && b.date !== q.date) continue;
    consistent = true;
    if (b.date && q.date) dayMatched = true;
  }
  if (consistent) return { finding: 'match', dayMatched };
  return { finding: births.every((b) => b !== undefined) ? 'contradiction' : 'unknown', dayMatched: false };
}

function nationalityFinding(recorded: readonly string[], query: string): EvidenceFinding {
  if (recorded.length === 0) return 'unknown';
  const codes = recorded.map(countryCode);
  if (codes.includes(query.toUpperCase())) return 'match';
  return codes.every((c) => c !== undefined) ? 'contradiction' : 'unknown';
}

/**
 * Weighs a query's date of birth and nationality against a listed individual's recorded ones. When
 * ALL recorded dates of birth contradict the query's (none allows its year, or its day where both
 * give a day), the hit is demoted by DOB_CONTRADICTION; when all recorded nationalities differ from
 * the query's, by NATIONALITY_CONTRADICTION. A recorded value that agrees raises the score a
 * little. A record the list does not give, or gives in a form that cannot be read, changes nothing:
 * missing data never demotes.
 */
export function assessEvidence(
  recorded: { datesOfBirth: readonly string[]; nationalities: readonly string[] },
  query: SecondaryEvidence,
): EvidenceAssessment {
  const notes: string[] = [];
  let adjustment = 0;
  let dateOfBirth: EvidenceFinding = 'unknown';
  let nationality: EvidenceFinding = 'unknown';
  if (query.dateOfBirth) {
    const b = birthFinding(recorded.datesOfBirth, query.dateOfBirth);
    dateOfBirth = b.finding;
    const listed = recorded.datesOfBirth.join('; ');
    if (b.finding === 'contradiction') {
      adjustment += DOB_CONTRADICTION;
      notes.push(`born ${query.dateOfBirth}, but every recorded date of birth differs (${listed}): ${DOB_CONTRADICTION}`);
    } else if (b.finding === 'match') {
      const rise = b.dayMatched ? DOB_DATE_MATCH : DOB_YEAR_MATCH;
      adjustment += rise;
      notes.push(`born ${query.dateOfBirth}, as recorded (${listed}): +${rise}`);
    }
  }
  if (query.nationality) {
    nationality = nationalityFinding(recorded.nationalities, query.nationality);
    const listed = recorded.nationalities.join('; ');
    if (nationality === 'contradiction') {
      adjustment += NATIONALITY_CONTRADICTION;
      notes.push(`nationality ${query.nationality.toUpperCase()}, but every recorded nationality differs (${listed}): ${NATIONALITY_CONTRADICTION}`);
    } else if (nationality === 'match') {
      adjustment += NATIONALITY_MATCH;
      notes.push(`nationality ${query.nationality.toUpperCase()}, as recorded (${listed}): +${NATIONALITY_MATCH}`);
    }
  }
  return { dateOfBirth, nationality, adjustment: Math.round(adjustment * 1000) / 1000, notes };
}
