import type { NameIndexEntry } from '../../apps/screening/src/domain/names/name-index.js';

function decodeXml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/giu, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/gu, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/gu, '"')
    .replace(/&apos;/gu, "'")
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&amp;/gu, '&')
    .trim();
}

function tagValues(block: string, tag: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'gu');
  for (const m of block.matchAll(re)) out.push(decodeXml(m[1]));
  return out.filter((v) => v.length > 0);
}

/**
 * Extracts index entries (primary name, aliases, original-script name) from the UN Security
 * Council consolidated list XML with plain pattern matching, enough for a benchmark.
 */
export function unListEntries(xml: string): NameIndexEntry[] {
  const entries: NameIndexEntry[] = [];
  for (const [type, tag, aliasTag] of [
    ['individual', 'INDIVIDUAL', 'INDIVIDUAL_ALIAS'],
    ['entity', 'ENTITY', 'ENTITY_ALIAS'],
  ] as const) {
    const re = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'gu');
    for (const m of xml.matchAll(re)) {
      const block = m[1];
      const id = tagValues(block, 'REFERENCE_NUMBER')[0] ?? tagValues(block, 'DATAID')[0] ?? String(entries.length);
      const primary = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME']
        .map((t) => tagValues(block, t)[0] ?? '')
        .filter((p) => p.length > 0)
        .join(' ');
      const names: NameIndexEntry['names'] = [];
      if (primary) names.push({ value: primary, kind: 'primary' });
      for (const original of tagValues(block, 'NAME_ORIGINAL_SCRIPT')) names.push({ value: original, kind: 'original-script' });
      const aliasRe = new RegExp(`<${aliasTag}>([\\s\\S]*?)</${aliasTag}>`, 'gu');
      for (const a of block.matchAll(aliasRe)) {
        const value = tagValues(a[1], 'ALIAS_NAME')[0];
        if (value) names.push({ value, kind: 'alias', quality: tagValues(a[1], 'QUALITY')[0] });
      }
      if (names.length > 0) entries.push({ id, type, names });
    }
  }
  return entries;
}
