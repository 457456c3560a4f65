/**
 * Integer forms of the strings scoring compares, so that a pair is scored with integer lookups
 * instead of string hashing: capability names get small process-wide ids (one bit each in a
 * company's mask), and HS and OKVED2 digit keys become integers that keep their length.
 */

const capabilityIds = new Map<string, number>();

/** The id of a capability name in this process, handed out in order of first use. */
export function capabilityId(name: string): number {
  let id = capabilityIds.get(name);
  if (id === undefined) {
    id = capabilityIds.size;
    capabilityIds.set(name, id);
  }
  return id;
}

/** Bits used in each word of a capability mask, few enough for every word to be a small integer. */
const MASK_BITS = 30;

/** The capabilities as a bit mask over their ids, in words of MASK_BITS bits, just long enough for the highest id. */
export function capabilityMask(names: Iterable<string>): number[] {
  const mask: number[] = [];
  for (const name of names) {
    const id = capabilityId(name);
    const word = Math.floor(id / MASK_BITS);
    while (mask.length <= word) mask.push(0);
    mask[word]! |= 1 << id % MASK_BITS;
  }
  return mask;
}

/** How many capabilities two masks share. */
export function sharedCount(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let count = 0;
  for (let i = 0; i < n; i++) count += bitCount(a[i]! & b[i]!);
  return count;
}

/** How many bits of a 32-bit word are set. */
export function bitCount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * A digit key (two to six digits, as HS and OKVED2 keys are) as an integer that keeps its length,
 * leading zeros included: "0510" → 10510. Dropping the last digit of a key is dividing its id by 10.
 */
export function digitKeyId(key: string): number {
  return Number(`1${key}`);
}

/** The digit-key ids of the keys, in order. */
export function keyIds(keys: readonly string[]): number[] {
  const ids: number[] = [];
  for (const key of keys) ids.push(digitKeyId(key));
  return ids;
}

/** How many digits the key behind a digit-key id has. */
export function keyLength(id: number): number {
  return id >= 1e6 ? 6 : id >= 1e5 ? 5 : id >= 1e4 ? 4 : id >= 1e3 ? 3 : 2;
}

const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];

/** The id of the first `length` digits of the key behind a digit-key id. */
export function keyPrefixId(id: number, length: number): number {
  return Math.floor(id / POWERS_OF_TEN[keyLength(id) - length]!);
}

/**
 * Ascending, distinct ids of the keys and of their prefixes every `step` digits down to two digits
 * ("842952" with step 2: 842952, 8429, 84), for hasId.
 */
export function prefixIds(keys: readonly string[], step: number): number[] {
  const ids: number[] = [];
  for (const key of keys) {
    const id = digitKeyId(key);
    for (let length = key.length; length >= 2; length -= step) ids.push(keyPrefixId(id, length));
  }
  ids.sort((a, b) => a - b);
  let n = 0;
  for (let i = 0; i < ids.length; i++) if (n === 0 || ids[i] !== ids[n - 1]) ids[n++] = ids[i]!;
  ids.length = n;
  return ids;
}

const LINEAR_SEARCH_MAX = 8;

/** Whether an ascending list of ids holds the id. */
export function hasId(sorted: readonly number[], id: number): boolean {
  const n = sorted.length;
  if (n <= LINEAR_SEARCH_MAX) {
    for (let i = 0; i < n; i++) {
      const v = sorted[i]!;
      if (v >= id) return v === id;
    }
    return false;
  }
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo < n && sorted[lo] === id;
}
