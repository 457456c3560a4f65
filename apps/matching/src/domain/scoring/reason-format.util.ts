const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g;

/** A whole number with comma thousands separators: 1240 → "1,240". */
export function formatInteger(n: number): string {
  return String(Math.round(n)).replace(THOUSANDS, ',');
}

/** A distance in whole kilometres: "1,240 km". */
export function formatKm(km: number): string {
  return `${formatInteger(km)} km`;
}

/** A US-dollar amount in compact form: "USD 850k", "USD 2.5M", "USD 1.2B". */
export function formatUsd(usd: number): string {
  return `USD ${compact(usd)}`;
}

/** A ratio as a share of a whole: 0.1 → "10%", 0.0004 → "0.04%", 4 → "4.0×". */
export function formatShare(ratio: number): string {
  if (ratio >= 1) return `${trim(ratio.toFixed(ratio >= 10 ? 0 : 1))}×`;
  const pct = ratio * 100;
  const digits = pct >= 10 ? 0 : pct >= 1 ? 1 : 2;
  return `${trim(pct.toFixed(digits))}%`;
}

/** A list of names, cut after `max` with a count of the rest: "a, b, c and 2 more". */
export function formatList(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** A plural noun with its count: (1, 'year') → "1 year", (3, 'year') → "3 years". */
export function countOf(n: number, noun: string): string {
  return `${formatNumber(n)} ${n === 1 ? noun : `${noun}s`}`;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? formatInteger(n) : trim(n.toFixed(1));
}

function compact(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 9.995e8) return `${trim((n / 1e9).toFixed(1))}B`;
  if (abs >= 9.995e5) return `${trim((n / 1e6).toFixed(1))}M`;
  if (abs >= 1e3) return `${trim((n / 1e3).toFixed(0))}k`;
  return formatInteger(n);
}

function trim(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}
