/** The most JSON a list reply carries: half the 1 MiB a NATS message holds, leaving room for its envelope. */
export const LIST_PAGE_MAX_BYTES = 512 * 1024;

/**
 * The leading items whose JSON fits `maxBytes` (with `frameBytes` for the rest of the reply). The
 * first item always comes, even alone over budget, so that a reader paging on always moves.
 */
export function fitToBytes<T>(items: readonly T[], maxBytes = LIST_PAGE_MAX_BYTES, frameBytes = 256): T[] {
  const out: T[] = [];
  let bytes = frameBytes;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item)) + 1;
    if (out.length && bytes + size > maxBytes) break;
    out.push(item);
    bytes += size;
  }
  return out;
}
