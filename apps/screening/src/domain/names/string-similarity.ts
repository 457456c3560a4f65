let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

function ensureRows(size: number): void {
  if (rowA.length >= size) return;
  rowA = new Int32Array(size * 2);
  rowB = new Int32Array(size * 2);
  rowC = new Int32Array(size * 2);
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions) between two
 * strings, compared code unit by code unit. Used for typo tolerance in name tokens.
 */
export function editDistance(a: string, b: string): number {
  return boundedEditDistance(a, b, Math.max(a.length, b.length));
}

/**
 * The optimal-string-alignment distance when it is at most `limit`; otherwise some value
 * greater than `limit`, found without finishing the table (no path can come back under the
 * limit once two consecutive rows exceed it).
 */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  if (Math.abs(n - m) > limit) return limit + 1;
  if (n <= 32) {
    const d = bitParallelDistance(a, b);
    if (d >= 0) return d;
  }
  ensureRows(m + 1);
  let prevPrev = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= m; j++) prev[j] = j;
  let prevMinimum = 0;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMinimum = i;
    const ca = a.charCodeAt(i - 1);
    const caPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      if (ins < v) v = ins;
      const sub = prev[j - 1] + cost;
      if (sub < v) v = sub;
      if (j > 1 && ca === b.charCodeAt(j - 2) && caPrev === cb) {
        const tr = prevPrev[j - 2] + 1;
        if (tr < v) v = tr;
      }
      cur[j] = v;
      if (v < rowMinimum) rowMinimum = v;
    }
    if (rowMinimum > limit && prevMinimum > limit) return limit + 1;
    prevMinimum = rowMinimum;
    const t = prevPrev;
    prevPrev = prev;
    prev = cur;
    cur = t;
  }
  return prev[m];
}

const PATTERN_MASKS = new Int32Array(128);

/**
 * Hyyrö's bit-parallel optimal-string-alignment distance for a pattern of at most 32 ASCII
 * code units: one pass over `text` with word operations instead of a table. Returns −1 when a
 * string holds a code unit outside ASCII, for the table to handle.
 */
function bitParallelDistance(pattern: string, text: string): number {
  const m = pattern.length;
  for (let i = 0; i < m; i++) {
    const c = pattern.charCodeAt(i);
    if (c >= 128) {
      clearMasks(pattern, i);
      return -1;
    }
    PATTERN_MASKS[c] |= 1 << i;
  }
  const last = 1 << (m - 1);
  let vp = m === 32 ? -1 : (1 << m) - 1;
  let vn = 0;
  let d0 = 0;
  let previousMask = 0;
  let score = m;
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c >= 128) {
      clearMasks(pattern, m);
      return -1;
    }
    const pm = PATTERN_MASKS[c];
    const transposition = ((~d0 & pm) << 1) & previousMask;
    d0 = ((((pm & vp) + vp) | 0) ^ vp) | pm | vn | transposition;
    let hp = vn | ~(d0 | vp);
    let hn = d0 & vp;
    if (hp & last) score += 1;
    else if (hn & last) score -= 1;
    hp = (hp << 1) | 1;
    hn <<= 1;
    vp = hn | ~(d0 | hp);
    vn = d0 & hp;
    previousMask = pm;
  }
  clearMasks(pattern, m);
  return score;
}

function clearMasks(pattern: string, count: number): void {
  for (let i = 0; i < count; i++) {
    const c = pattern.charCodeAt(i);
    if (c < 128) PATTERN_MASKS[c] = 0;
  }
}

/** Edit-distance similarity in [0, 1]: 1 − distance / length of the longer string. */
export function editSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  return 1 - editDistance(a, b) / longest;
}

/**
 * Edit similarity when it can reach `minimum`, otherwise 0, stopping the distance as soon as
 * it is too large (the length difference alone may already bound it).
 */
export function editSimilarityAtLeast(a: string, b: string, minimum: number): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  if (1 - Math.abs(a.length - b.length) / longest < minimum) return 0;
  const limit = Math.max(0, Math.floor((1 - minimum) * longest)) + 1;
  const s = 1 - boundedEditDistance(a, b, limit) / longest;
  return s >= minimum ? s : 0;
}
