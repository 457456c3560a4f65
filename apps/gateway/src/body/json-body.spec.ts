import { describe, expect, it } from '@jest/globals';
import { isJsonMediaType, jsonNestingExceeds, MAX_BODY_DEPTH } from './json-body.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('jsonNestingExceeds', () => {
  it.each([
    ['{}', 1],
    ['[[[]]]', 3],
    ['{"a": [{"b": []}], "c": {}}', 4],
    ['{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}', 1],
    ['{"a": "\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}', 1],
    ['{"a": "\\\\", "b": [[]]}', 3],
    ['{"имя": "[[[[", "b": {"c": {}}}', 3],
  ])('%s nests %i deep', (text, depth) => {
    expect(jsonNestingExceeds(bytes(text), depth)).toBe(false);
    expect(jsonNestingExceeds(bytes(text), depth - 1)).toBe(true);
  });

  it(`lets ${MAX_BODY_DEPTH} levels through and stops at the first one past them`, () => {
    expect(jsonNestingExceeds(bytes('['.repeat(MAX_BODY_DEPTH) + ']'.repeat(MAX_BODY_DEPTH)), MAX_BODY_DEPTH)).toBe(false);
    expect(jsonNestingExceeds(bytes('['.repeat(MAX_BODY_DEPTH + 1) + ']'.repeat(MAX_BODY_DEPTH + 1)), MAX_BODY_DEPTH)).toBe(true);
    expect(jsonNestingExceeds(bytes('{"a":'.repeat(1_000_000)), MAX_BODY_DEPTH)).toBe(true);
  });
});

describe('isJsonMediaType', () => {
  it.each([
    ['application/json', true],
    ['application/merge-patch+json', true],
    ['application/vnd.tumen.v1+json', true],
    ['text/plain', false],
    ['text/json', false],
    ['application/x-www-form-urlencoded', false],
    ['application/jsonx', false],
    ['', false],
  ])('%s → %s', (type, expected) => {
    expect(isJsonMediaType(type)).toBe(expected);
  });
});
