const HS_FORMAT = /^(\d{2})(\d{2}){0,2}$/;
const RESERVED_CHAPTER = 77;
const LAST_CHAPTER = 97;

/** Removes dots and spaces from a declared HS code, e.g. "8429.52" becomes "842952". */
export function normaliseHsCode(code: string): string {
  return code.replace(/[.\s]/g, '');
}

/** True for a 2-, 4- or 6-digit HS code in an existing chapter (01–97, chapter 77 is reserved). */
export function isClassifiableHsCode(code: string): boolean {
  const match = HS_FORMAT.exec(code);
  if (!match) return false;
  const chapter = Number(match[1]);
  return chapter >= 1 && chapter <= LAST_CHAPTER && chapter !== RESERVED_CHAPTER;
}

/** True when a rule's chapter, heading or subheading covers a declared code (e.g. 84 covers 8429 and 842952). */
export function hsCodeCovers(ruleCode: string, declaredCode: string): boolean {
  return declaredCode.startsWith(ruleCode);
}

/** True when a declared code is broader than a rule's code, so the rule may apply to part of the goods (e.g. 26 against 2601). */
export function hsCodeOverlapsPartly(ruleCode: string, declaredCode: string): boolean {
  return ruleCode.length > declaredCode.length && ruleCode.startsWith(declaredCode);
}
