import { describe, expect, it } from '@jest/globals';
import { DEFAULT_MATCH_THRESHOLD } from './name-comparison.js';
import { lightTokens, NameIndex, type NameIndexEntry } from './name-index.js';

const ENTRIES: NameIndexEntry[] = [
  { id: 'KPi.001', type: 'individual', names: [{ value: 'YUN HO-JIN', kind: 'primary' }, { value: 'Yun Ho-chin', kind: 'alias', quality: 'Good' }] },
  { id: 'KPi.016', type: 'individual', names: [{ value: 'JANG BOM SU', kind: 'primary' }] },
  { id: 'KPi.006', type: 'individual', names: [{ value: 'PAEK CHANG-HO', kind: 'primary' }] },
  { id: 'KPi.099', type: 'individual', names: [{ value: 'KIM JONG UN', kind: 'primary' }, { value: '김정은', kind: 'original-script' }] },
  { id: 'RUi.001', type: 'individual', names: [{ value: 'Vladimir Vladimirovich PUTIN', kind: 'primary' }, { value: 'Владимир Путин', kind: 'original-script' }] },
  { id: 'KPe.027', type: 'entity', names: [{ value: 'MINISTRY OF ATOMIC ENERGY INDUSTRY', kind: 'primary' }] },
  { id: 'RUe.001', type: 'entity', names: [{ value: 'OOO Oboronnye Initsiativy', kind: 'primary' }] },
];

/** Unrelated filler names so that a scan would have to score many entries. */
function fillerEntries(count: number): NameIndexEntry[] {
  const syllables = ['bar', 'del', 'fin', 'gor', 'hal', 'mur', 'nov', 'pel', 'ros', 'tam', 'vek', 'zul'];
  const out: NameIndexEntry[] = [];
  for (let i = 0; i < count; i++) {
    const a = syllables[i % 12] + syllables[Math.floor(i / 12) % 12] + 'ov';
    const b = syllables[(i * 5) % 12] + syllables[(i * 7) % 12] + 'ich';
    out.push({ id: `X${i}`, type: i % 2 === 0 ? 'individual' : 'entity', names: [{ value: `${b} ${a}`, kind: 'primary' }] });
  }
  return out;
}

function buildIndex(): NameIndex {
  const index = new NameIndex();
  for (const e of [...ENTRIES, ...fillerEntries(600)]) index.add(e);
  return index;
}

describe('NameIndex.search', () => {
  const index = buildIndex();

  it.each([
    ['Yun Ho Jin', 'KPi.001'],
    ['Jang Pom Su', 'KPi.016'],
    ["Paek Ch'ang-Ho", 'KPi.006'],
    ['김정은', 'KPi.099'],
    ['Kim Jong-un', 'KPi.099'],
    ['Wladimir Putin', 'RUi.001'],
    ['Путин Владимир', 'RUi.001'],
    ['MAEI', 'KPe.027'],
    ['Oboronnye Initsiativy LLC', 'RUe.001'],
  ])('finds %s as %s first', (query, expected) => {
    const hits = index.search(query);
    expect(hits[0]?.entryId).toBe(expected);
    expect(hits[0]?.score).toBeGreaterThanOrEqual(DEFAULT_MATCH_THRESHOLD);
  });

  it('returns one hit per entry with its best name', () => {
    const hits = index.search('Yun Ho-chin');
    expect(hits.filter((h) => h.entryId === 'KPi.001')).toHaveLength(1);
    expect(hits[0]).toMatchObject({ entryId: 'KPi.001', matchedName: 'Yun Ho-chin', nameKind: 'alias', score: 1 });
  });

  it('finds nothing for an unrelated name', () => {
    expect(index.search('Angela Merkel')).toEqual([]);
  });

  it('filters by entry type', () => {
    expect(index.search('Wladimir Putin', { type: 'entity' })).toEqual([]);
    expect(index.search('Wladimir Putin', { type: 'individual' })[0]?.entryId).toBe('RUi.001');
  });

  it('honours threshold and limit', () => {
    expect(index.search('Yun Ho Jin', { threshold: 1.01 })).toEqual([]);
    expect(index.search('Kim', { threshold: 0, limit: 2 }).length).toBeLessThanOrEqual(2);
  });

  it('scores far fewer candidates than it holds names', () => {
    index.search('Jang Pom Su');
    const stats = index.lastSearchStats;
    expect(stats.namesIndexed).toBe(610);
    expect(stats.candidatesScored).toBeGreaterThan(0);
    expect(stats.candidatesScored).toBeLessThan(stats.namesIndexed / 20);
  });
});

describe('NameIndex search structures', () => {
  it('gives the same hits whether prepared up front or at the first search', () => {
    const lazy = buildIndex();
    const eager = buildIndex();
    eager.prepare();
    for (const q of ['Yun Ho Jin', 'Putin Wladimir', 'Kim Jong Il', 'Oboronnye Initsiativy', 'Barmurov Pelros']) {
      expect(eager.search(q)).toEqual(lazy.search(q));
    }
  });

  it('finds entries added after a search', () => {
    const index = buildIndex();
    expect(index.search('Olaf Scholz')).toEqual([]);
    index.add({ id: 'DE.001', type: 'individual', names: [{ value: 'Olaf SCHOLZ', kind: 'primary' }] });
    expect(index.search('Olaf Scholze')[0]?.entryId).toBe('DE.001');
  });

  it('matches query tokens that are not in the vocabulary', () => {
    const hits = buildIndex().search('Wladimyr Putyn');
    expect(hits[0]?.entryId).toBe('RUi.001');
  });

  it('still finds a name through its heavy token when the light ones are common', () => {
    const index = new NameIndex();
    index.add({ id: 'E1', type: 'entity', names: [{ value: 'Bank of the East Land', kind: 'primary' }] });
    for (let i = 0; i < 50; i++) index.add({ id: `F${i}`, type: 'entity', names: [{ value: `Office ${i} of the Filler ${i}`, kind: 'primary' }] });
    expect(index.search('East Land Bank of the').map((h) => h.entryId)).toEqual(['E1']);
  });
});

describe('lightTokens', () => {
  it.each([
    ['particles of a long name', [1, 0.25, 1, 0.25, 0.25], 0, 2.75, 0.6, [false, true, false, true, false]],
    ['two equal tokens', [1, 1], 0, 2, 0.6, [false, false]],
    ['one word among many', [1, 1, 1, 1, 1, 1], 0, 6, 0.6, [true, false, false, false, false, false]],
    ['threshold at or below one half', [1, 0.25], 0, 1.25, 0.5, [false, false]],
    ['unseen initials count towards coverage', [1, 0.25, 0.25], 0.5, 2, 0.6, [false, false, false]],
  ])('%s', (_label, weights, unseen, total, minimum, expected) => {
    expect(lightTokens(weights as number[], unseen as number, total as number, minimum as number)).toEqual(expected);
  });
});

describe('NameIndex weak aliases and common tokens', () => {
  const index = new NameIndex();
  for (const e of [
    {
      id: 'QDi.900',
      type: 'individual',
      names: [
        { value: 'Joseph Kony Obwoya', kind: 'primary' },
        { value: 'John', kind: 'alias', quality: 'Low' },
        { value: 'Josef Kony', kind: 'alias', quality: 'Low' },
      ],
    },
    { id: 'KPi.900', type: 'individual', names: [{ value: 'KIM CHOL', kind: 'primary' }] },
    { id: 'QDi.901', type: 'individual', names: [{ value: 'Ahmad Hasan', kind: 'alias', quality: 'Good' }, { value: 'Ahmad Hasan Zulqarnain', kind: 'primary' }] },
    { id: 'RUi.900', type: 'individual', names: [{ value: 'Sergei Ivanovich Zhukovsky', kind: 'primary' }] },
    { id: 'RUi.901', type: 'individual', names: [{ value: 'Sergei Ivanovich Petrov', kind: 'primary' }] },
    ...fillerEntries(200),
  ] satisfies NameIndexEntry[]) {
    index.add(e);
  }

  it('never makes a hit of a weak alias that is only part of the name', () => {
    expect(index.search('John Smith')).toEqual([]);
    expect(index.search('John Kowalski')).toEqual([]);
  });

  it('takes a weak alias queried exactly, marked as such', () => {
    const [hit] = index.search('John');
    expect(hit).toMatchObject({ entryId: 'QDi.900', matchedName: 'John', weakAlias: true, score: 1 });
    expect(hit.notes).toEqual(['the name is exactly the low-quality alias "John" and no other name of the entry matches']);
  });

  it('lets a weak alias support what another name of the entry makes', () => {
    const [hit] = index.search('Joseph Kony');
    expect(hit).toMatchObject({ entryId: 'QDi.900', matchedName: 'Joseph Kony Obwoya', nameKind: 'primary' });
    expect(hit.weakAlias).toBeUndefined();
    expect(hit.notes).toEqual(['the low-quality alias "Josef Kony" agrees (0.96)']);
  });

  it('holds a partial match on common tokens only below the threshold', () => {
    expect(index.search('Kim Chol Su').map((h) => h.entryId)).toEqual([]);
    expect(index.search('Kim Chol Su', { threshold: 0.5 })[0]).toMatchObject({ entryId: 'KPi.900', score: 0.6 });
    expect(index.search('Kim Chol Su', { threshold: 0.5 })[0].notes?.[0]).toBe(
      'rests only on common tokens: kim (given name or surname), chol (given name or surname); held at 0.6 from 0.83',
    );
    expect(index.search('Ivan Ivanovich Petrov').map((h) => h.entryId)).toEqual([]);
    expect(index.search('Sergei Petrov').map((h) => h.entryId)).toEqual([]);
  });

  it('keeps a match when a rarer token agrees', () => {
    expect(index.search('Sergei Zhukovsky')[0]).toMatchObject({ entryId: 'RUi.900' });
    expect(index.search('Sergei Zhukovsky')[0].notes).toBeUndefined();
    expect(index.search('Ahmad Zulqarnain')[0]).toMatchObject({ entryId: 'QDi.901' });
  });

  it('keeps a complete match, every token of both names paired, however common the tokens', () => {
    expect(index.search('Kim Chol')[0]).toMatchObject({ entryId: 'KPi.900', score: 1 });
    expect(index.search('Kim Cheol')[0]).toMatchObject({ entryId: 'KPi.900' });
    expect(index.search('Ahmad Hasan')[0]).toMatchObject({ entryId: 'QDi.901', score: 1 });
    expect(index.search('Ahmed Hassan')[0]).toMatchObject({ entryId: 'QDi.901', matchedName: 'Ahmad Hasan' });
    expect(index.search('Ahmed Hassan')[0].score).toBeLessThan(0.9);
    expect(index.search('Serguei Ivanovitch Petrov')[0]).toMatchObject({ entryId: 'RUi.901' });
  });

  it('takes every name alone and every token alike when told not to weigh names', () => {
    const plain = new NameIndex({ weighNames: false });
    plain.add({ id: 'QDi.900', type: 'individual', names: [{ value: 'Joseph Kony Obwoya', kind: 'primary' }, { value: 'John', kind: 'alias', quality: 'Low' }] });
    plain.add({ id: 'KPi.900', type: 'individual', names: [{ value: 'KIM CHOL', kind: 'primary' }] });
    expect(plain.search('John Smith')[0]).toMatchObject({ entryId: 'QDi.900', matchedName: 'John', score: 0.75 });
    expect(plain.search('Kim Chol Su')[0]).toMatchObject({ entryId: 'KPi.900', score: 0.8333 });
  });
});
