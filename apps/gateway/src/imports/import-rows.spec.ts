import { describe, expect, it } from '@jest/globals';
import { checkCsvHeader, JsonArraySplitter, MalformedBodyError, profileFromCsv } from './import-rows.js';

describe('profileFromCsv', () => {
  const header = ['name', 'employees', 'acceptsRubSettlement', 'sectors', 'okved', 'location.lat', 'location.lon', 'owners', 'ogrn'];

  it('reads numbers, booleans, lists, the two halves of location and JSON cells; an empty cell is an absent field', () => {
    const row = profileFromCsv(header, ['OOO Test', '850', 'true', 'mining; electricity', '', '43.1', '131.9', '[{"name":"A","sharePct":60}]', '']);
    expect(row).toEqual({
      value: {
        name: 'OOO Test',
        employees: 850,
        acceptsRubSettlement: true,
        sectors: ['mining', 'electricity'],
        okved: [],
        location: { lat: 43.1, lon: 131.9 },
        owners: [{ name: 'A', sharePct: 60 }],
      },
    });
  });

  it('passes a cell its column does not take on as text, for the profile validation to name', () => {
    const row = profileFromCsv(header, ['OOO Test', 'many', 'maybe', 'mining', '05', '', '', '', '']);
    expect(row.value).toMatchObject({ employees: 'many', acceptsRubSettlement: 'maybe' });
  });

  it('names a JSON cell that is not JSON, and a row of the wrong length', () => {
    expect(profileFromCsv(header, ['OOO Test', '1', 'true', 'mining', '', '', '', '[{', ''])).toEqual({
      errors: [{ field: 'owners', reason: 'must be a JSON array, such as [{"name": "Ivan Petrov"}]' }],
    });
    expect(profileFromCsv(['name', 'inn'], ['OOO Test'])).toEqual({ errors: [{ field: 'row', reason: 'has 1 cells; the header has 2' }] });
  });

  it('keeps an unknown column, so that the row is refused naming it', () => {
    expect(profileFromCsv(['name', 'colour'], ['OOO Test', 'red']).value).toEqual({ name: 'OOO Test', colour: 'red' });
  });
});

describe('checkCsvHeader', () => {
  it('trims the names and refuses a repeated or empty one', () => {
    expect(checkCsvHeader([' name', 'inn '])).toEqual(['name', 'inn']);
    expect(() => checkCsvHeader(['name', 'name'])).toThrow(MalformedBodyError);
    expect(() => checkCsvHeader(['name', ''])).toThrow('empty column name');
  });
});

describe('JsonArraySplitter', () => {
  const splitAll = (chunks: string[], maxChars = 1_000, maxDepth = 32) => {
    const splitter = new JsonArraySplitter(maxChars, maxDepth);
    const elements = chunks.flatMap((chunk) => splitter.feed(chunk));
    splitter.end();
    return elements;
  };

  it('splits an array into its elements, however the text is cut into chunks', () => {
    const text = ' [ {"a": "x]}\\"{"}, [1, [2]] ,"s\\"]", 12.5e3, true, null ] \n';
    const expected = ['{"a": "x]}\\"{"}', '[1, [2]]', '"s\\"]"', '12.5e3', 'true', 'null'];
    expect(splitAll([text])).toEqual(expected);
    for (let cut = 1; cut < text.length; cut++) expect(splitAll([text.slice(0, cut), text.slice(cut)])).toEqual(expected);
    expect(splitAll([...text])).toEqual(expected);
    expect(expected.map((e) => JSON.parse(e))).toHaveLength(6);
  });

  it('takes an empty array', () => {
    expect(splitAll(['[]'])).toEqual([]);
    expect(splitAll([' [ \n ] '])).toEqual([]);
  });

  it.each([
    ['{"a": 1}', 'must be a JSON array'],
    ['', 'the body is empty'],
    ['[{"a": 1}', 'ends inside its array'],
    ['[{"a": 1}] x', 'text after its array'],
    ['[{"a": 1} {"b": 2}]', 'a missing comma'],
    ['[, {"a": 1}]', 'a comma with no element before it'],
    ['[{"a": 1},, {"b": 2}]', 'a comma with no element before it'],
    ['[{"a": 1},]', 'a comma before the closing bracket'],
    ['[[[[[1]]]]]', 'nesting deeper than 3 levels'],
    ['[{"a": "' + 'x'.repeat(40) + '"}]', 'longer than 30 characters'],
  ])('refuses %j', (text, reason) => {
    expect(() => splitAll([text], 30, 3)).toThrow(reason);
  });

  it('holds no more than the element being read', () => {
    const splitter = new JsonArraySplitter(20, 32);
    splitter.feed('[');
    for (let i = 0; i < 10_000; i++) expect(splitter.feed(`{"i": ${i % 10}},`)).toHaveLength(1);
  });
});
