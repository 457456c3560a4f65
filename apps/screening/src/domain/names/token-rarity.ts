import { COMMON_NAME_TOKENS, isPatronymic } from './common-name-tokens.js';
import { isKoreanLikeToken, koreanKey } from './korean-romanisation.js';
import type { AnalysedToken } from './name-comparison.js';
import { transliterationSkeleton } from './phonetic-key.js';

/** A token in the names of at least this many list entries ... */
export const LIST_COMMON_MIN_ENTRIES = 5;
/** ... whose entries come from at least this many origins (nationalities, else regimes) is common on the list. */
export const LIST_COMMON_MIN_ORIGINS = 3;
/** Tokens of this many letters or fewer carry too little to identify anyone alone (O, U, Ri, Yi, Li). */
export const SHORT_TOKEN_LENGTH = 2;

/** Why a token counts as common. */
export type CommonReason = 'particle' | 'short' | 'given name or surname' | 'patronymic' | 'common on the list' | 'common word';

/** One entry as rarity sees it: its type, where its names come from, and the tokens of its names. */
export interface RarityEntry {
  type?: 'individual' | 'entity';
  /** The population the entry's names come from: its first nationality, else its regime. */
  origin?: string;
  names: readonly (readonly AnalysedToken[])[];
}

const TABLE_SKELETONS: ReadonlySet<string> = new Set([...COMMON_NAME_TOKENS].map((t) => transliterationSkeleton(t)));
const TABLE_KOREAN_KEYS: ReadonlySet<string> = new Set(
  [...COMMON_NAME_TOKENS].filter((t) => isKoreanLikeToken(t)).map((t) => koreanKey(t)),
);

function listKey(type: string, token: AnalysedToken): string {
  return `${type}|${token.skeleton}`;
}

/**
 * Which name tokens are too common to identify anyone on their own. A token is common when it is a
 * particle (al, bin, de), has two letters or fewer, is an organisation word the scorer already
 * weighs down (trading, group, bank), is in the frequency table of given names and surnames
 * (`common-name-tokens.ts`: by its spelling, its transliteration skeleton or its Korean key) or is
 * a Russian patronymic (individuals only), or is common on the list itself: in the names of at
 * least LIST_COMMON_MIN_ENTRIES entries of the same type that come from at least
 * LIST_COMMON_MIN_ORIGINS origins. The spread over origins keeps a family name that many
 * relatives share on the list (Tikriti, Haqqani) rare, and finds names common in several
 * populations (Muhammad, Abdul, Ibrahim) without listing them.
 */
export class TokenRarity {
  private constructor(private readonly listCommon: ReadonlySet<string>) {}

  /** Counts the list's own name tokens (low-quality aliases left out). */
  static fromEntries(entries: Iterable<RarityEntry>): TokenRarity {
    const seen = new Map<string, { entries: number; origins: Set<string> }>();
    for (const entry of entries) {
      const type = entry.type ?? 'individual';
      const keys = new Set<string>();
      for (const tokens of entry.names) for (const t of tokens) if (t.role === 'content') keys.add(listKey(type, t));
      for (const key of keys) {
        const tally = seen.get(key) ?? { entries: 0, origins: new Set<string>() };
        tally.entries += 1;
        tally.origins.add(entry.origin ?? '');
        seen.set(key, tally);
      }
    }
    const common = new Set<string>();
    for (const [key, tally] of seen) {
      if (tally.entries >= LIST_COMMON_MIN_ENTRIES && tally.origins.size >= LIST_COMMON_MIN_ORIGINS) common.add(key);
    }
    return new TokenRarity(common);
  }

  /** A rarity that knows no list: only the table, the patronymics and the forms. */
  static withoutList(): TokenRarity {
    return new TokenRarity(new Set());
  }

  /** Number of tokens the list itself makes common. */
  get commonOnList(): number {
    return this.listCommon.size;
  }

  /** Why the token is common in a name of an entry of that type, or null when it is not. */
  commonReason(token: AnalysedToken, type: 'individual' | 'entity' | undefined): CommonReason | null {
    if (token.role === 'particle') return 'particle';
    if (token.role !== 'content') return null;
    if (token.script !== 'hangul' && token.script !== 'han' && token.text.length <= SHORT_TOKEN_LENGTH) return 'short';
    if (token.weight < 1) return 'common word';
    if (this.listCommon.has(listKey(type ?? 'individual', token))) return 'common on the list';
    if (type === 'entity') return null;
    if (COMMON_NAME_TOKENS.has(token.text) || TABLE_SKELETONS.has(token.skeleton)) return 'given name or surname';
    if (token.korean && TABLE_KOREAN_KEYS.has(token.koreanKey)) return 'given name or surname';
    if (isPatronymic(token.text)) return 'patronymic';
    return null;
  }
}
