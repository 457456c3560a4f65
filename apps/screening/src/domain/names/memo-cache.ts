/**
 * Wraps a pure string function with a bounded cache: name tokens repeat heavily across a
 * list and its queries, and their keys are costly to rebuild.
 */
export function memoiseString<T>(fn: (input: string) => T, maxEntries = 100_000): (input: string) => T {
  const cache = new Map<string, T>();
  return (input: string): T => {
    const hit = cache.get(input);
    if (hit !== undefined) return hit;
    const value = fn(input);
    if (cache.size >= maxEntries) cache.clear();
    cache.set(input, value);
    return value;
  };
}
