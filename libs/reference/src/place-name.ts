const APOSTROPHES = /['’ʼ‘`´ʹ]/g;
const COMBINING_MARKS = /\p{M}/gu;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/**
 * Folds a place name to a comparison key: case, ё/е, diacritics (ŏ, ŭ, ë), apostrophes of
 * McCune–Reischauer romanisation and punctuation are ignored, so "Kimch’aek", "KIMCHAEK" and
 * "kimchaek" agree, as do "Артём" and "артем".
 */
export function placeNameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/ё/g, 'е')
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(APOSTROPHES, '')
    .replace(SEPARATORS, ' ')
    .trim();
}
