import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDprkReference, parseConsolidatedList } from './consolidated-list.parser.js';
import { ListFormatError } from './list-format.error.js';
import { summariseList } from './sanctions-list.summary.js';

const LIST_DIR =
  process.env['UN_CONSOLIDATED_LIST_DIR'] ?? path.resolve(process.cwd(), '../shared/data/un-sc-consolidated-list');
const fullXml = readFileSync(path.join(LIST_DIR, 'consolidated.xml'), 'utf8');
const dprkOnlyXml = readFileSync(path.join(LIST_DIR, 'consolidated-dprk-only.xml'), 'utf8');
const full = parseConsolidatedList(fullXml);

function occurrences(source: string, pattern: RegExp): number {
  return source.match(pattern)?.length ?? 0;
}

function entry(referenceNumber: string) {
  const found = full.entries.find((candidate) => candidate.referenceNumber === referenceNumber);
  if (!found) throw new Error(`${referenceNumber} not in the list`);
  return found;
}

function fixture(body: string, root = '<CONSOLIDATED_LIST dateGenerated="2026-01-02T03:04:05.000Z">'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n${body}\n</CONSOLIDATED_LIST>`;
}

function failureOf(xml: string): ListFormatError {
  try {
    parseConsolidatedList(xml);
  } catch (error) {
    if (error instanceof ListFormatError) return error;
    throw error;
  }
  throw new Error('expected a ListFormatError');
}

describe('parseConsolidatedList on the real consolidated list', () => {
  it('keeps the list date as its version', () => {
    expect(full.version).toBe('2026-02-27T00:00:09.554Z');
    expect(full.generatedAt).toBe('2026-02-27T00:00:09.554Z');
  });

  it('keeps every individual and entity of every regime', () => {
    expect(full.entries).toHaveLength(occurrences(fullXml, /<INDIVIDUAL>/g) + occurrences(fullXml, /<ENTITY>/g));
    expect(full.entries.filter((e) => e.type === 'individual')).toHaveLength(730);
    expect(full.entries.filter((e) => e.type === 'entity')).toHaveLength(273);
    expect(new Set(full.entries.map((e) => e.regime)).size).toBe(14);
  });

  it('counts DPRK individuals and entities as a raw count of reference numbers does', () => {
    const summary = summariseList(full);
    expect(summary.byRegime['DPRK']).toEqual({
      individual: occurrences(fullXml, /<REFERENCE_NUMBER>KPi\./g),
      entity: occurrences(fullXml, /<REFERENCE_NUMBER>KPe\./g),
    });
    expect(summary.byRegime['DPRK']).toEqual({ individual: 80, entity: 75 });
    expect(summary.total).toBe(1003);
  });

  it('trims reference numbers that carry a trailing space', () => {
    expect(full.entries.filter((e) => e.referenceNumber !== e.referenceNumber.trim())).toEqual([]);
    expect(entry('KPe.023').names[0]).toEqual({ value: 'DAEDONG CREDIT BANK (DCB)', kind: 'primary' });
    expect(entry('KPe.042').regime).toBe('DPRK');
  });

  it('recognises DPRK references exactly for the DPRK regime', () => {
    const mismatched = full.entries.filter((e) => isDprkReference(e.referenceNumber) !== (e.regime === 'DPRK'));
    expect(mismatched).toEqual([]);
  });

  it('maps an individual with a date range, nationality, address and multi-line comment', () => {
    expect(entry('KPi.066')).toEqual({
      referenceNumber: 'KPi.066',
      dataId: '6908643',
      type: 'individual',
      regime: 'DPRK',
      names: [
        { value: 'KIM JONG SIK', kind: 'primary' },
        { value: 'Kim Cho’ng-sik', kind: 'alias', quality: 'Good' },
      ],
      nameParts: ['KIM', 'JONG SIK'],
      datesOfBirth: ['1967-1969'],
      placesOfBirth: [],
      addresses: ["Democratic People's Republic of Korea"],
      nationalities: ["Democratic People's Republic of Korea"],
      listedOn: '2017-12-22',
      comments: 'Gender: male',
    });
    expect(entry('KPi.004').comments).toBe(
      'Former director, Yongbyon Nuclear Research Center, oversaw three core\nfacilities that assist in the production of weapons-grade plutonium: the Fuel\nFabrication Facility, the Nuclear Reactor, and the Reprocessing Plant.',
    );
    expect(entry('KPi.004').datesOfBirth).toEqual(['1940-02-26']);
  });

  it('keeps a.k.a. and f.k.a. aliases of an entity and skips empty alias elements', () => {
    expect(entry('KPe.002').names).toEqual([
      { value: 'KOREA RYONBONG GENERAL CORPORATION', kind: 'primary' },
      { value: 'KOREA YONBONG GENERAL CORPORATION', kind: 'alias', quality: 'a.k.a.' },
      { value: 'LYONGAKSAN GENERAL TRADING CORPORATION', kind: 'alias', quality: 'f.k.a.' },
    ]);
    expect(entry('KPi.004').names).toEqual([{ value: 'RI HONG-SOP', kind: 'primary' }]);
  });

  it('keeps Good and Low aliases and the original-script name of the same entry', () => {
    const libyan = entry('LYi.024');
    expect(libyan.names.map((name) => [name.kind, name.quality ?? null, name.value])).toEqual([
      ['primary', null, 'Mus’ab Mustafa Abu al Qassim Omar'],
      ['alias', 'Good', 'Mus’ab Abu Qarin'],
      ['alias', 'Low', 'ABU-AL QASSIM OMAR Musab Boukrin'],
      ['alias', 'Low', 'The Doctor'],
      ['alias', 'Low', 'Al-Grein'],
      ['original-script', null, 'مصعب مصطفى ابو القاسم عمر'],
    ]);
    expect(libyan.originalScriptName).toBe('مصعب مصطفى ابو القاسم عمر');
    expect(libyan.nameParts).toEqual(['Mus’ab', 'Mustafa', 'Abu al Qassim', 'Omar']);
    expect(libyan.placesOfBirth).toEqual(['Sabratha, Libya']);
  });

  it('parses the DPRK-only derivative to the same DPRK entries', () => {
    const dprkOnly = parseConsolidatedList(dprkOnlyXml);
    expect(dprkOnly.version).toBe(full.version);
    expect(dprkOnly.entries).toEqual(full.entries.filter((e) => e.regime === 'DPRK'));
  });

  it.each([0.1, 0.333, 0.6, 0.999])('rejects the list truncated to %p of its length', (fraction) => {
    const error = failureOf(fullXml.slice(0, Math.floor(fullXml.length * fraction)));
    expect(error.message).toMatch(/Unexpected end of document/);
  });

  it('rejects the list without its last character', () => {
    expect(failureOf(fullXml.slice(0, -1)).message).toMatch(/inside tag <\/CONSOLIDATED_LIST>/);
  });

  it('rejects a mismatched tag and names its line', () => {
    const at = fullXml.indexOf('</SECOND_NAME>');
    const broken = `${fullXml.slice(0, at)}</THIRD_NAME>${fullXml.slice(at + '</SECOND_NAME>'.length)}`;
    const error = failureOf(broken);
    expect(error.message).toMatch(/Mismatched closing tag <\/THIRD_NAME>: expected <\/SECOND_NAME>/);
    expect(error.line).toBe(fullXml.slice(0, at).split('\n').length);
  });
});

describe('parseConsolidatedList on small documents', () => {
  it('decodes entities in names and builds every kind of name', () => {
    const list = parseConsolidatedList(
      fixture(`<INDIVIDUALS><INDIVIDUAL>
  <DATAID>1</DATAID><FIRST_NAME>O&apos;BRIEN</FIRST_NAME><SECOND_NAME></SECOND_NAME><THIRD_NAME>  A  &amp;  B </THIRD_NAME>
  <UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER> KPi.999 </REFERENCE_NUMBER>
  <NAME_ORIGINAL_SCRIPT>&#xAE40; &#51221;&#51008;</NAME_ORIGINAL_SCRIPT>
  <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Ri &quot;X&quot;</ALIAS_NAME></INDIVIDUAL_ALIAS>
  <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME><![CDATA[R&D]]></ALIAS_NAME></INDIVIDUAL_ALIAS>
  <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME>No Quality</ALIAS_NAME></INDIVIDUAL_ALIAS>
  <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
  <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1960</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
  <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><NOTE>Nov. 1973</NOTE></INDIVIDUAL_DATE_OF_BIRTH>
  <INDIVIDUAL_PLACE_OF_BIRTH><COUNTRY/></INDIVIDUAL_PLACE_OF_BIRTH>
  <INDIVIDUAL_ADDRESS><STREET>1 Main St</STREET><CITY>Rason</CITY><NOTE>as of 2020</NOTE></INDIVIDUAL_ADDRESS>
  <NATIONALITY><VALUE>X</VALUE><VALUE/></NATIONALITY>
</INDIVIDUAL></INDIVIDUALS><ENTITIES/>`),
    );
    expect(list.entries).toEqual([
      {
        referenceNumber: 'KPi.999',
        dataId: '1',
        type: 'individual',
        regime: 'DPRK',
        names: [
          { value: "O'BRIEN A & B", kind: 'primary' },
          { value: 'Ri "X"', kind: 'alias', quality: 'Good' },
          { value: 'R&D', kind: 'alias', quality: 'Low' },
          { value: 'No Quality', kind: 'alias' },
          { value: '김 정은', kind: 'original-script' },
        ],
        nameParts: ["O'BRIEN", 'A & B'],
        originalScriptName: '김 정은',
        datesOfBirth: ['approx. 1960', 'Nov. 1973'],
        placesOfBirth: [],
        addresses: ['1 Main St, Rason (as of 2020)'],
        nationalities: ['X'],
      },
    ]);
  });

  it.each([
    ['a wrong root element', '<?xml version="1.0"?><LIST dateGenerated="2026-01-01"/>', /Root element is <LIST>/],
    ['a root without dateGenerated', fixture('<ENTITIES/>', '<CONSOLIDATED_LIST>'), /no dateGenerated/],
    ['an unparseable dateGenerated', fixture('<ENTITIES/>', '<CONSOLIDATED_LIST dateGenerated="soon">'), /not a date/],
    ['a list without sections', fixture(''), /neither <INDIVIDUALS> nor <ENTITIES>/],
    ['a list without entries', fixture('<INDIVIDUALS/><ENTITIES/>'), /no entries/],
    [
      'a stray element in a section',
      fixture('<ENTITIES><INDIVIDUAL/></ENTITIES>'),
      /Unexpected <INDIVIDUAL> inside <ENTITIES>/,
    ],
    [
      'an entry without a reference number',
      fixture('<ENTITIES><ENTITY><DATAID>1</DATAID><FIRST_NAME>X</FIRST_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE></ENTITY></ENTITIES>'),
      /<ENTITY> has no REFERENCE_NUMBER \(line 3\)/,
    ],
    [
      'an entry without a name',
      fixture('<ENTITIES><ENTITY><DATAID>1</DATAID><FIRST_NAME/></ENTITY></ENTITIES>'),
      /<ENTITY> has no name/,
    ],
  ])('rejects %s', (_case, xml, message) => {
    expect(failureOf(xml).message).toMatch(message);
  });
});

describe('isDprkReference', () => {
  it.each([
    ['KPi.001', true],
    ['KPe.075', true],
    ['KPe.023 ', true],
    ['QDi.001', false],
    ['IRe.001', false],
    ['kpi.001', false],
    ['KP.001', false],
  ])('%p → %p', (reference, expected) => {
    expect(isDprkReference(reference)).toBe(expected);
  });
});
