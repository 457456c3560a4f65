import { describe, expect, it } from '@jest/globals';
import { hsCodeCovers, hsCodeOverlapsPartly, isClassifiableHsCode, normaliseHsCode } from './hs-code.util.js';

describe('HS codes', () => {
  it.each([
    ['8429.52', '842952'],
    ['2616 90', '261690'],
    ['84', '84'],
  ])('normalises %p to %p', (raw, expected) => {
    expect(normaliseHsCode(raw)).toBe(expected);
  });

  it.each([
    ['01', true],
    ['84', true],
    ['8429', true],
    ['842952', true],
    ['97', true],
    ['00', false],
    ['77', false],
    ['98', false],
    ['8', false],
    ['842', false],
    ['84295', false],
    ['84295200', false],
    ['ab', false],
    ['', false],
  ])('%p classifiable: %p', (code, expected) => {
    expect(isClassifiableHsCode(code)).toBe(expected);
  });

  it.each([
    ['84', '8429', true, false],
    ['84', '842952', true, false],
    ['2601', '260111', true, false],
    ['2601', '2601', true, false],
    ['2601', '26', false, true],
    ['261690', '2616', false, true],
    ['84', '85', false, false],
    ['2701', '2702', false, false],
  ])('rule %p against declared %p: covers %p, partly %p', (rule, declared, covers, partly) => {
    expect(hsCodeCovers(rule, declared)).toBe(covers);
    expect(hsCodeOverlapsPartly(rule, declared)).toBe(partly);
  });
});
