import { describe, expect, it } from '@jest/globals';
import { isPatronymic } from './common-name-tokens.js';
import { analyseName, type AnalysedToken } from './name-comparison.js';
import { LIST_COMMON_MIN_ENTRIES, TokenRarity } from './token-rarity.js';

function token(name: string): AnalysedToken {
  return analyseName(name).tokens[0];
}

describe('TokenRarity.commonReason (no list)', () => {
  const rarity = TokenRarity.withoutList();

  it.each([
    ['John', 'individual', 'given name or surname'],
    ['Mohammed', 'individual', 'given name or surname'],
    ['Muhamad', 'individual', 'given name or surname'],
    ['Kim', 'individual', 'given name or surname'],
    ['Ри', 'individual', 'short'],
    ['Chul', 'individual', 'given name or surname'],
    ['Иван', 'individual', 'given name or surname'],
    ['Ivanovich', 'individual', 'patronymic'],
    ['Сергеевна', 'individual', 'patronymic'],
    ['al', 'individual', 'particle'],
    ['O', 'individual', null],
    ['Zhukovsky', 'individual', null],
    ['Tikriti', 'individual', null],
    ['Kim', 'entity', null],
    ['Trading', 'entity', 'common word'],
    ['Komid', 'entity', null],
  ] as const)('%s in an %s name: %s', (text, type, expected) => {
    expect(rarity.commonReason(token(text), type)).toBe(expected);
  });
});

describe('TokenRarity.fromEntries', () => {
  const names = (value: string) => [analyseName(value).tokens];

  it('makes a token common that many entries of several origins share', () => {
    const entries = ['A', 'B', 'C', 'A', 'B'].map((origin, i) => ({ type: 'individual' as const, origin, names: names(`Qadiri Person${i}`) }));
    const rarity = TokenRarity.fromEntries(entries);
    expect(rarity.commonReason(token('Qadiri'), 'individual')).toBe('common on the list');
    expect(rarity.commonReason(token('Qadiri'), 'entity')).toBeNull();
  });

  it('keeps a family name rare that many relatives of one origin share', () => {
    const entries = Array.from({ length: LIST_COMMON_MIN_ENTRIES + 5 }, (_, i) => ({ type: 'individual' as const, origin: 'Iraq', names: names(`Qadiri Person${i}`) }));
    expect(TokenRarity.fromEntries(entries).commonReason(token('Qadiri'), 'individual')).toBeNull();
  });

  it('needs LIST_COMMON_MIN_ENTRIES entries', () => {
    const entries = ['A', 'B', 'C', 'D'].map((origin, i) => ({ type: 'individual' as const, origin, names: names(`Qadiri Person${i}`) }));
    expect(TokenRarity.fromEntries(entries).commonReason(token('Qadiri'), 'individual')).toBeNull();
  });
});

describe('isPatronymic', () => {
  it.each([
    ['ivanovich', true],
    ['sergeevich', true],
    ['petrovna', true],
    ['andriyovych', true],
    ['ilinichna', true],
    ['ivanov', false],
    ['abramovich', true],
    ['zhukovsky', false],
  ])('%s: %s', (text, expected) => {
    expect(isPatronymic(text)).toBe(expected);
  });
});
