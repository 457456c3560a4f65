/** Romanisation systems for Cyrillic supported by {@link transliterateCyrillic}. */
export type CyrillicSystem = 'icao' | 'bgn-pcgn' | 'german' | 'iso9-ascii';

type LetterTable = Record<string, string>;

const COMMON: LetterTable = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
  // Ukrainian, Belarusian, Serbian, Macedonian, Kazakh and Mongolian letters.
  і: 'i', ї: 'i', є: 'ie', ґ: 'g', ў: 'u', ђ: 'dj', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', џ: 'dz',
  ѓ: 'gj', ќ: 'kj', ѕ: 'dz', ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h',
};

const SYSTEMS: Record<CyrillicSystem, LetterTable> = {
  icao: { ...COMMON },
  'bgn-pcgn': {
    ...COMMON, й: 'y', ю: 'yu', я: 'ya', ё: 'yo', є: 'ye', ї: 'yi',
  },
  german: {
    ...COMMON, в: 'w', ж: 'sch', з: 's', й: 'j', х: 'ch', ц: 'z', ч: 'tsch', ш: 'sch',
    щ: 'schtsch', ю: 'ju', я: 'ja', ё: 'jo', є: 'je', ї: 'ji', ы: 'y',
  },
  'iso9-ascii': {
    ...COMMON, ж: 'z', й: 'j', х: 'h', ц: 'c', ч: 'c', ш: 's', щ: 'sc', ю: 'ju', я: 'ja', ы: 'y',
  },
};

const VOWELS = new Set(['а', 'е', 'ё', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я', 'і', 'ї', 'є', 'ъ', 'ь', 'й']);
const CYRILLIC = /[\u0400-\u04ff\u0500-\u052f]/u;

/** True when the text contains at least one Cyrillic letter. */
export function hasCyrillic(text: string): boolean {
  return CYRILLIC.test(text);
}

function isUkrainian(lower: string): boolean {
  return /[іїєґ]/u.test(lower);
}

/**
 * Romanises Cyrillic text letter by letter with one system; non-Cyrillic characters pass
 * through. Output is lower case. BGN/PCGN and German write Е as ye/je at the start of a word
 * and after a vowel, and Ukrainian Г as h.
 */
export function transliterateCyrillic(text: string, system: CyrillicSystem = 'bgn-pcgn'): string {
  const table = SYSTEMS[system];
  const lower = text.toLowerCase();
  const ukrainian = isUkrainian(lower);
  let out = '';
  let prev = '';
  for (const ch of lower) {
    let latin = table[ch];
    if (latin === undefined) {
      out += ch;
      prev = ch;
      continue;
    }
    if (ch === 'г' && ukrainian) latin = 'h';
    if (ch === 'е' && (system === 'bgn-pcgn' || system === 'german')) {
      const wordStart = prev === '' || !/\p{L}/u.test(prev);
      if (wordStart || VOWELS.has(prev)) latin = system === 'german' ? 'je' : 'ye';
    }
    if (ch === 'и' && ukrainian) latin = 'y';
    out += latin;
    prev = ch;
  }
  return out;
}

/** The distinct romanisations of a Cyrillic text under every supported system. */
export function cyrillicVariants(text: string): string[] {
  const systems: CyrillicSystem[] = ['bgn-pcgn', 'icao', 'german', 'iso9-ascii'];
  return [...new Set(systems.map((s) => transliterateCyrillic(text, s)))];
}
