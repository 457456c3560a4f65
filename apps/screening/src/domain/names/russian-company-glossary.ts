import { transliterateCyrillic } from './cyrillic-transliterator.js';

/**
 * Russian word stems of industry terms and their English equivalents, as used when Russian
 * company names are rendered in English by translation (машиностроительный → machine-building).
 *
 * Derived from the official classifications of economic activities, not from any test or
 * benchmark names: NACE Rev. 2 English labels (Eurostat) aligned by code with the Russian
 * OKVED2 labels (Rosstat) and Eurostat's Russian NACE labels, 996 codes. For every Russian
 * stem (first six letters) occurring in at least four OKVED2 labels, the English label words
 * of the same codes were ranked by Dice association; the entries below keep the stems that
 * occur in company names (branches, products, materials, activities) with their one to three
 * best-associated English words (Dice ≥ 0.3), the stem cut back to what stays unambiguous.
 * Two entries widen a code to its subtree: металлург (OKVED 24 "Производство
 * металлургическое" = NACE 24 "basic metals", 28.91 "machinery for metallurgy"; "steel" is
 * the commonest English word below division 24), and станк (28.4 "machine tools"). English
 * words are lower case; a value may list several equivalents separated by spaces.
 */
const INDUSTRY_TERMS: Readonly<Record<string, string>> = {
  машин: 'machine machinery', станк: 'machine tool', механ: 'mechanical machine', строит: 'building construction',
  прибор: 'instrument appliance', инструмент: 'instrument tool', оборуд: 'equipment', детал: 'parts component',
  металлург: 'metallurgical metallurgy metal steel', металл: 'metal metals', стал: 'steel', стальн: 'steel',
  чугун: 'iron', алюмин: 'aluminium aluminum', руд: 'ore', рудн: 'ore', угл: 'coal', угольн: 'coal', горн: 'mining',
  добыч: 'mining extraction', добывающ: 'mining extraction', нефт: 'petroleum crude', газ: 'gas', газов: 'gas',
  химич: 'chemical chemicals', хими: 'chemical chemicals', удобр: 'fertiliser fertilizer', фармац: 'pharmaceutical pharmaceuticals',
  лекарств: 'pharmaceutical', медиц: 'medical', электр: 'electric electrical electronic electricity',
  энерг: 'electricity', кабел: 'cable', двигат: 'engine engines', турбин: 'turbine turbines', авиа: 'aircraft', авиац: 'aircraft',
  летательн: 'aircraft', космич: 'space spacecraft', ядерн: 'nuclear', оборон: 'defence defense',
  оруж: 'weapon weapons', боеприп: 'ammunition', радио: 'radio', оптич: 'optical', судо: 'ship boat',
  судов: 'ship boat', автомоб: 'motor vehicle', автотранс: 'motor vehicle transport', транспорт: 'transport',
  железнодор: 'railway rail', морск: 'sea marine', речн: 'inland', грузов: 'freight', пассаж: 'passenger',
  склад: 'storage warehousing', стекл: 'glass', цемент: 'cement', бетон: 'concrete', резин: 'rubber',
  пласт: 'plastic plastics', бумаг: 'paper', бумаж: 'paper', целлюл: 'pulp', лесн: 'forestry wood',
  лесо: 'forestry wood', мебел: 'furniture', текстил: 'textile textiles', одежд: 'clothing apparel',
  обув: 'footwear', пищев: 'food', мясн: 'meat', молоч: 'dairy', хлеб: 'bread bakery', сахар: 'sugar',
  напит: 'beverage beverages', рыбн: 'fish fishing', рыболов: 'fishing', сельскохоз: 'agricultural',
  телеком: 'telecommunication telecommunications', информ: 'information', финанс: 'financial finance',
  страх: 'insurance', кредит: 'credit', торгов: 'trade trading', оптов: 'wholesale', рознич: 'retail',
  ремонт: 'repair', монтаж: 'installation', исслед: 'research', научн: 'scientific research science',
  разработ: 'development', инженер: 'engineering', технич: 'technical', промышл: 'industrial industry',
  материал: 'material materials', управл: 'management', консульт: 'consultancy consulting',
  реклам: 'advertising', полиграф: 'printing', издат: 'publishing', гостин: 'hotel', турист: 'travel tour',
  недвиж: 'estate', аренд: 'rental leasing', лизинг: 'leasing', ювелир: 'jewellery jewelry', бытов: 'household',
};

/**
 * Words that name a kind of company rather than what it does (standard dictionary equivalents).
 * They count little in a comparison, so two companies sharing only these stay apart.
 */
const COMPANY_WORDS: Readonly<Record<string, string>> = {
  завод: 'plant works factory', фабрик: 'factory mill', комбинат: 'combine works plant mill',
  объединени: 'association union', предприяти: 'enterprise', холдинг: 'holding holdings', групп: 'group',
  концерн: 'concern', трест: 'trust', дом: 'house', банк: 'bank', банковск: 'bank banking', фонд: 'fund foundation',
  институт: 'institute', центр: 'centre center', агентств: 'agency', бюро: 'bureau', верф: 'shipyard yard',
  шахт: 'mine colliery', рудник: 'mine', союз: 'union', кооператив: 'cooperative',
  производств: 'production manufacturing', государствен: 'state', национальн: 'national',
  международн: 'international',
};

/** Words whose English equivalent is a legal form (company, corporation): they drop out like one. */
const LEGAL_FORM_WORDS = ['компани', 'корпораци'];

/** What one Russian word, or one part of a compound word, means in an English company name. */
export interface RussianTermTranslation {
  /** English equivalents, lower case. */
  english: readonly string[];
  /** 'industry' for a branch or product, 'company-word' for plant, bank, group…, 'legal-form' for company. */
  kind: 'industry' | 'company-word' | 'legal-form';
}

const STEMS: readonly [string, RussianTermTranslation][] = [
  ...Object.entries(INDUSTRY_TERMS).map(([s, e]): [string, RussianTermTranslation] => [s, { english: e.split(' '), kind: 'industry' }]),
  ...Object.entries(COMPANY_WORDS).map(([s, e]): [string, RussianTermTranslation] => [s, { english: e.split(' '), kind: 'company-word' }]),
  ...LEGAL_FORM_WORDS.map((s): [string, RussianTermTranslation] => [s, { english: [], kind: 'legal-form' }]),
].sort((a, b) => b[0].length - a[0].length);

/** Longest ending a stem may carry: short stems only take inflections (газ, газа; not газета). */
function maxEnding(stem: string): number {
  if (stem.length <= 3) return 2;
  return stem.length === 4 ? 3 : 9;
}

function lookupStem(word: string): RussianTermTranslation | undefined {
  for (const [stem, translation] of STEMS) {
    if (word.startsWith(stem) && word.length - stem.length <= maxEnding(stem)) return translation;
  }
  return undefined;
}

/** A stem written as the first half of a compound, with or without its linking vowel (машино-, судо-). */
function lookupCompoundHead(head: string): RussianTermTranslation | undefined {
  for (const [stem, translation] of STEMS) {
    if (translation.kind === 'industry' && stem.length >= 4 && head.startsWith(stem) && head.length - stem.length <= 1) {
      return translation;
    }
  }
  return undefined;
}

const LINKING_VOWELS = new Set(['о', 'е', 'а', 'и']);

/**
 * Second halves of compounds whose English rendering differs from the word on its own: -строительный
 * is "-building" or "-making" (машиностроительный → machine-building, приборостроительный →
 * instrument-making, станкостроительный → machine-tool-making), while строительный alone is
 * "construction". Standard dictionary renderings, added apart from the classification-derived terms.
 */
const COMPOUND_TAILS: readonly [string, RussianTermTranslation][] = [['строит', { english: ['building', 'making'], kind: 'industry' }]];

function lookupCompoundTail(tail: string): RussianTermTranslation | undefined {
  for (const [stem, translation] of COMPOUND_TAILS) {
    if (tail.startsWith(stem) && tail.length - stem.length <= maxEnding(stem)) return translation;
  }
  return lookupStem(tail);
}

/**
 * The English equivalents of a lower-case Russian word: one part for a simple word
 * (завод → plant, works, factory), two for a compound whose halves are both
 * known (приборостроительный → instrument | building), undefined when the word is not known.
 */
export function translateRussianWord(word: string): readonly RussianTermTranslation[] | undefined {
  const w = word.toLowerCase().replace(/ё/gu, 'е');
  const whole = lookupStem(w);
  if (whole) return [whole];
  for (let k = 4; k <= w.length - 4; k++) {
    if (!LINKING_VOWELS.has(w[k - 1])) continue;
    const head = lookupCompoundHead(w.slice(0, k));
    if (!head) continue;
    const tail = lookupCompoundTail(w.slice(k));
    if (tail && tail.kind !== 'legal-form') return [head, tail];
  }
  return undefined;
}

const PLACE_ADJECTIVE = /^(\p{L}{3,}?)(ь?)(с|ц)к(?:ий|ая|ое|ие|ого|ой|ому|ом|им|их|ую)$/u;

/**
 * Transliterated (BGN/PCGN) place names a Russian -ский/-цкий adjective may come from:
 * Муромский → murom, Магнитогорский → magnitogor, magnitogorsk, Новолипецкий → novolipets,
 * novolipetsk, Уральский → ural. Adjectives in -ический (технический) are not place names and
 * give none.
 */
export function placeNameVariants(word: string): readonly string[] {
  const w = word.toLowerCase().replace(/ё/gu, 'е');
  const m = PLACE_ADJECTIVE.exec(w);
  if (!m || m[1].endsWith('че')) return [];
  const base = m[1];
  const forms = m[3] === 'ц' ? [`${base}ц`, `${base}цк`] : [base, `${base}ск`];
  return forms.map((f) => transliterateCyrillic(f, 'bgn-pcgn'));
}
