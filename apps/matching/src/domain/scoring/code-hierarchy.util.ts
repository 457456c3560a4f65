/** Credit for a company HS code against a required one, by the deepest level they share. */
export const HS_CREDIT = { subheading: 1, heading: 0.7, chapter: 0.4 } as const;

/** Credit for a company OKVED2 code against a required one, by the deepest level they share. */
export const OKVED_CREDIT = { exact: 1, subclass: 0.9, class: 0.8, group: 0.6, division: 0.4 } as const;

/**
 * An HS code as 2, 4 or 6 digits: punctuation and spaces are dropped, national extensions beyond
 * six digits are cut, an odd length falls back to the level above. Undefined when unusable.
 */
export function normaliseHs(code: string): string | undefined {
  const digits = code.replace(/[\s.\-]/g, '');
  if (!/^\d+$/.test(digits) || digits.length < 2) return undefined;
  const length = Math.min(6, digits.length - (digits.length % 2));
  return digits.slice(0, length);
}

/** The chapter, heading and subheading keys of a normalised HS code, as far as it reaches. */
export function hsPrefixes(code: string): string[] {
  const out: string[] = [];
  for (let n = 2; n <= code.length; n += 2) out.push(code.slice(0, n));
  return out;
}

/** Name of the level of an HS code of the given length. */
export function hsLevelName(code: string): 'chapter' | 'heading' | 'subheading' {
  return code.length >= 6 ? 'subheading' : code.length >= 4 ? 'heading' : 'chapter';
}

/**
 * Credit of one company HS code against one required code (both normalised). A company code
 * inside the required one (equal or more specific) meets it fully; otherwise the credit is that
 * of the deepest level both codes reach and share.
 */
export function hsCredit(companyCode: string, requiredCode: string): number {
  if (companyCode.startsWith(requiredCode)) return HS_CREDIT.subheading;
  const shared = sharedLength(companyCode, requiredCode, [4, 2]);
  return shared === 4 ? HS_CREDIT.heading : shared === 2 ? HS_CREDIT.chapter : 0;
}

const OKVED_PATTERN = /^(\d{2})(?:\.(\d{1,2}))?(?:\.(\d{1,2}))?$/;

/**
 * An OKVED2 code as its digit key ("29.10.2" → "29102"), so every ancestor is a prefix of the key.
 * Undefined when the code is not of the forms XX, XX.X, XX.XX, XX.XX.X, XX.XX.XX.
 */
export function normaliseOkved(code: string): string | undefined {
  const m = OKVED_PATTERN.exec(code.trim());
  if (!m) return undefined;
  const [, division, middle = '', tail = ''] = m;
  if (tail !== '' && middle.length !== 2) return undefined;
  return division + middle + tail;
}

/** The dotted form of an OKVED2 digit key ("29102" → "29.10.2"). */
export function formatOkved(key: string): string {
  if (key.length <= 2) return key;
  if (key.length <= 4) return `${key.slice(0, 2)}.${key.slice(2)}`;
  return `${key.slice(0, 2)}.${key.slice(2, 4)}.${key.slice(4)}`;
}

/** Every ancestor-or-self key of an OKVED2 digit key, shortest first ("0510" → 05, 051, 0510). */
export function okvedPrefixes(key: string): string[] {
  const out: string[] = [];
  for (let n = 2; n <= key.length; n++) out.push(key.slice(0, n));
  return out;
}

/** Credit for sharing an OKVED2 ancestor whose key has the given length. */
export function okvedAncestorCredit(length: number): number {
  if (length >= 5) return OKVED_CREDIT.subclass;
  if (length === 4) return OKVED_CREDIT.class;
  if (length === 3) return OKVED_CREDIT.group;
  if (length === 2) return OKVED_CREDIT.division;
  return 0;
}

/** Name of the OKVED2 level of a digit key of the given length, in NACE terms. */
export function okvedLevelName(length: number): string {
  if (length >= 6) return 'kind';
  if (length === 5) return 'subclass';
  if (length === 4) return 'class';
  if (length === 3) return 'group';
  return 'division';
}

/**
 * Credit of one company OKVED2 key against one required key. A company code inside the required
 * one meets it fully; otherwise the credit is that of the deepest shared ancestor.
 */
export function okvedCredit(companyKey: string, requiredKey: string): number {
  if (companyKey.startsWith(requiredKey)) return OKVED_CREDIT.exact;
  const max = Math.min(companyKey.length, requiredKey.length);
  let n = 0;
  while (n < max && companyKey.charCodeAt(n) === requiredKey.charCodeAt(n)) n++;
  return n >= 2 ? okvedAncestorCredit(n) : 0;
}

function sharedLength(a: string, b: string, levels: readonly number[]): number {
  for (const n of levels) {
    if (a.length >= n && b.length >= n && a.slice(0, n) === b.slice(0, n)) return n;
  }
  return 0;
}
