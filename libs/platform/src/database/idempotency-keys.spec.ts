import { describe, expect, it } from '@jest/globals';
import { canonicalJson, requestHash } from './idempotency-keys.js';

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ z: { y: [3, { d: null, c: 'x' }] }, a: true }, '{"a":true,"z":{"y":[3,{"c":"x","d":null}]}}'],
    [{ a: undefined, b: 1 }, '{"b":1}'],
    [[undefined, 1], '[null,1]'],
    ['ключ', '"ключ"'],
    [{ 'é': 1, e: 2, E: 3 }, '{"E":3,"e":2,"é":1}'],
  ])('%j → %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
    expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });
});

describe('requestHash', () => {
  it('is the SHA-256 of the canonical JSON: the order of keys does not matter, their values do', () => {
    // sha256('{"matchId":"m"}')
    expect(requestHash({ matchId: 'm' })).toBe('940dec05d195d29872d561f53af7e1416ba15e9a369392dded4caff6a00ca8b4');
    expect(requestHash({ a: 1, b: [1, 2] })).toBe(requestHash({ b: [1, 2], a: 1 }));
    expect(requestHash({ a: 1, b: [1, 2] })).not.toBe(requestHash({ a: 1, b: [2, 1] }));
  });
});
