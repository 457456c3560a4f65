import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { cleanInput, MAX_PAYLOAD_DEPTH } from './clean-input.js';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

describe('cleanInput', () => {
  it.each([
    ['  OOO Energetika  ', 'OOO Energetika'],
    ['   ', ''],
    ['\t\n OOO\tEnergetika \r\n', 'OOO\tEnergetika'],
    ['ＯＯＯ Ｅｎｅｒｇｅｔｉｋａ', 'OOO Energetika'],
    ['ﬁnance ２０２６', 'finance 2026'],
    ['\u3000Paek Chang Ho\u3000', 'Paek Chang Ho'],
    ['Ким Чен', 'Ким Чен'],
    ['김정은', '김정은'],
    ['e\u0301tude', 'étude'],
    ['emoji 🚜 is fine', 'emoji 🚜 is fine'],
  ])('trims and puts %j in NFKC as %j', (given, expected) => {
    expect(cleanInput({ name: given })).toEqual({ value: { name: expected }, errors: [] });
  });

  it.each([
    ['a\u0000b', 'contains a control character (U+0000)'],
    ['a\u0007b', 'contains a control character (U+0007)'],
    ['a\u001bb', 'contains a control character (U+001B)'],
    ['a\u007fb', 'contains a control character (U+007F)'],
    ['a\u0085b', 'contains a control character (U+0085)'],
    ['a\ud800b', 'contains an unpaired surrogate (U+D800), which is not Unicode text'],
    ['a\udc00', 'contains an unpaired surrogate (U+DC00), which is not Unicode text'],
    ['\u202eakitegrenE', 'contains an invisible or text-direction character (U+202E)'],
    ['a\u2066b\u2069', 'contains an invisible or text-direction character (U+2066)'],
    ['Korea\u200bMining', 'contains an invisible or text-direction character (U+200B)'],
    ['Korea\u200dMining', 'contains an invisible or text-direction character (U+200D)'],
    ['Korea\u00adMining', 'contains an invisible or text-direction character (U+00AD)'],
    ['\ufeffKorea', 'contains an invisible or text-direction character (U+FEFF)'],
    ['Korea\u3164Mining', 'contains an invisible or text-direction character (U+3164)'],
    ['KOMID\u{e0041}', 'contains an invisible or text-direction character (U+E0041)'],
  ])('refuses %j: %s', (given, reason) => {
    expect(cleanInput({ owners: [{ name: given }] }).errors).toEqual([{ field: 'owners.0.name', reason }]);
  });

  it.each(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'])(
    'refuses the key %s wherever it is, and leaves it off the copy',
    (key) => {
      const payload = JSON.parse(`{"profile": {"name": "x", "${key}": {"admin": true}}}`);
      const { value, errors } = cleanInput(payload);
      expect(errors).toEqual([{ field: `profile.${key}`, reason: 'is not an accepted field name' }]);
      expect(Object.hasOwn((value as { profile: object }).profile, key)).toBe(false);
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    },
  );

  it('refuses a key holding a refused character or a line break, showing it by its code point, and the empty key', () => {
    expect(cleanInput({ 'na\u0000me': 1 }).errors).toEqual([{ field: 'na<U+0000>me', reason: 'is not an accepted field name: it contains a control character (U+0000)' }]);
    expect(cleanInput({ a: { 'b\tc': 1 } }).errors).toEqual([{ field: 'a.b<U+0009>c', reason: 'is not an accepted field name: it contains a control character (U+0009)' }]);
    expect(cleanInput({ '': 1 }).errors).toEqual([{ field: '""', reason: 'is not an accepted field name: it is empty' }]);
    expect(cleanInput({ 'имя': ' x ' })).toEqual({ value: { 'имя': 'x' }, errors: [] });
  });

  it('checks query parameters and other strings under their own name', () => {
    expect(cleanInput('\u0000', 'kind', 'kind').errors).toEqual([{ field: 'kind', reason: 'contains a control character (U+0000)' }]);
    expect(cleanInput(' 5 ', 'limit')).toEqual({ value: '5', errors: [] });
    expect(cleanInput(['a', 'b\u0000'], 'kind').errors).toEqual([{ field: 'kind.1', reason: 'contains a control character (U+0000)' }]);
  });

  it(`refuses nesting deeper than ${MAX_PAYLOAD_DEPTH} levels without recursing further`, () => {
    expect(cleanInput(nested(MAX_PAYLOAD_DEPTH)).errors).toEqual([]);
    const errors = cleanInput(nested(100_000)).errors;
    expect(errors).toEqual([{ field: Array(MAX_PAYLOAD_DEPTH).fill('a').join('.'), reason: `nests deeper than ${MAX_PAYLOAD_DEPTH} levels` }]);
  });

  it('keeps numbers, booleans and null as they are, and does not change its input', () => {
    const input = { n: 1.5, b: false, z: null, list: [' x ', 2] };
    expect(cleanInput(input)).toEqual({ value: { n: 1.5, b: false, z: null, list: ['x', 2] }, errors: [] });
    expect(input.list[0]).toBe(' x ');
  });
});
