import { createHash } from 'node:crypto';

/** One `<INDIVIDUAL>` or `<ENTITY>` block of a consolidated list file, verbatim, with what a test picks it by. */
export interface ListBlock {
  xml: string;
  kind: 'INDIVIDUAL' | 'ENTITY';
  referenceNumber: string;
  regime: string;
}

/** The entry blocks of an official consolidated list file, in file order. */
export function listBlocks(xml: string): ListBlock[] {
  const blocks: ListBlock[] = [];
  for (const match of xml.matchAll(/<(INDIVIDUAL|ENTITY)>[\s\S]*?<\/\1>/g)) {
    blocks.push({
      xml: match[0],
      kind: match[1] as ListBlock['kind'],
      referenceNumber: /<REFERENCE_NUMBER>([^<]*)<\/REFERENCE_NUMBER>/.exec(match[0])?.[1]?.trim() ?? '',
      regime: /<UN_LIST_TYPE>([^<]*)<\/UN_LIST_TYPE>/.exec(match[0])?.[1]?.trim() ?? '',
    });
  }
  return blocks;
}

/**
 * A well-formed list file derived from a real one: the same root element (so the same
 * `dateGenerated`, unless one is given) holding only the blocks `keep` accepts.
 */
export function derivedListFile(xml: string, keep: (block: ListBlock, index: number) => boolean, dateGenerated?: string): string {
  const root = /<CONSOLIDATED_LIST\b[^>]*>/.exec(xml);
  if (!root) throw new Error('not a consolidated list file');
  const head = xml.slice(0, root.index + root[0].length);
  const kept = listBlocks(xml).filter(keep);
  const section = (kind: ListBlock['kind']) => kept.filter((b) => b.kind === kind).map((b) => `    ${b.xml}\n`).join('');
  const file = `${head}\n  <INDIVIDUALS>\n${section('INDIVIDUAL')}  </INDIVIDUALS>\n  <ENTITIES>\n${section('ENTITY')}  </ENTITIES>\n</CONSOLIDATED_LIST>`;
  return dateGenerated ? file.replace(/dateGenerated="[^"]*"/, `dateGenerated="${dateGenerated}"`) : file;
}

/** A gutted list: the first `count` entries that are not of the DPRK regime, under the same `dateGenerated`. */
export function guttedListFile(xml: string, count = 100): string {
  let taken = 0;
  return derivedListFile(xml, (b) => b.regime !== 'DPRK' && !b.referenceNumber.startsWith('KP') && taken++ < count);
}

export function sha256Of(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
