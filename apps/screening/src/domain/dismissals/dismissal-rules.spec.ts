import { describe, expect, it } from '@jest/globals';
import type { ListEntry } from '../list/index.js';
import type { PartyHit } from '../screening/match-verdict.js';
import { entryDigest, siftHits, type DismissalRule, type ScreenedParty } from './dismissal-rules.js';

const NOW = new Date('2026-06-01T00:00:00Z');

const entry: ListEntry = {
  referenceNumber: 'QDi.006',
  dataId: '111923',
  type: 'individual',
  regime: 'Al-Qaida',
  names: [{ value: 'AIMAN MUHAMMED RABI AL-ZAWAHIRI', kind: 'primary' }],
  nameParts: ['AIMAN', 'MUHAMMED', 'RABI', 'AL-ZAWAHIRI'],
  datesOfBirth: ['1951-06-19'],
  placesOfBirth: ['Giza'],
  addresses: [],
  nationalities: ['Egypt'],
  comments: 'Leader of Al-Qaida',
};

const hit = (over: Partial<PartyHit> = {}): PartyHit => ({
  party: 'director',
  name: 'Aiman Zavahiri',
  referenceNumber: 'QDi.006',
  listedName: 'Al Zawahiri Ayman',
  nameKind: 'alias',
  type: 'individual',
  regime: 'Al-Qaida',
  score: 0.878,
  strength: 'possible',
  explanation: 'aiman→ayman (fuzzy 0.83); zavahiri→zawahiri (fuzzy 0.88)',
  ...over,
});

const dismissal = (over: Partial<DismissalRule> = {}): DismissalRule => ({
  id: 'd1',
  party: 'director',
  name: 'Aiman Zavahiri',
  dateOfBirth: null,
  nationality: null,
  referenceNumber: 'QDi.006',
  entryDigest: entryDigest(entry),
  expiresAt: new Date('2026-12-01T00:00:00Z'),
  ...over,
});

const director: ScreenedParty = { party: 'director', name: 'Aiman Zavahiri', dateOfBirth: null, nationality: null };
const digestOf = (ref: string) => (ref === 'QDi.006' ? entryDigest(entry) : undefined);

describe('entryDigest', () => {
  it('is the same for the same content whatever its DATAID or key order, and differs when the entry changes', () => {
    const reordered = Object.fromEntries(Object.entries(entry).reverse()) as unknown as ListEntry;
    expect(entryDigest({ ...reordered, dataId: '999' })).toBe(entryDigest(entry));
    expect(entryDigest({ ...entry, comments: 'Leader of Al-Qaida. Amended.' })).not.toBe(entryDigest(entry));
    expect(entryDigest({ ...entry, nationalities: ['Egypt', 'Pakistan'] })).not.toBe(entryDigest(entry));
    expect(entryDigest(entry)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('siftHits', () => {
  const cases: { name: string; hits: PartyHit[]; dismissals: DismissalRule[]; parties: ScreenedParty[]; digest?: (ref: string) => string | undefined; kept: number; dismissed: number; voided: string[] }[] = [
    { name: 'sets aside the possible hit an active dismissal names', hits: [hit()], dismissals: [dismissal()], parties: [director], kept: 0, dismissed: 1, voided: [] },
    { name: 'keeps every hit without dismissals', hits: [hit()], dismissals: [], parties: [director], kept: 1, dismissed: 0, voided: [] },
    { name: 'never sets aside a designated hit', hits: [hit({ strength: 'designated', score: 0.95 })], dismissals: [dismissal()], parties: [director], kept: 1, dismissed: 0, voided: [] },
    { name: 'keeps a hit of another party role', hits: [hit({ party: 'owner' })], dismissals: [dismissal()], parties: [director, { party: 'owner', name: 'Aiman Zavahiri' }], kept: 1, dismissed: 0, voided: [] },
    { name: 'keeps a hit on another entry', hits: [hit({ referenceNumber: 'QDi.007' })], dismissals: [dismissal()], parties: [director], kept: 1, dismissed: 0, voided: [] },
    { name: 'applies nothing once expired (the sweep ends it), and voids nothing', hits: [hit()], dismissals: [dismissal({ expiresAt: NOW })], parties: [director], kept: 1, dismissed: 0, voided: [] },
    { name: 'voids it when the listed entry changed', hits: [hit()], dismissals: [dismissal({ entryDigest: 'a'.repeat(64) })], parties: [director], kept: 1, dismissed: 0, voided: ['listed entry QDi.006 changed in the list in force'] },
    { name: 'voids it when the entry left the list', hits: [], dismissals: [dismissal()], parties: [director], digest: () => undefined, kept: 0, dismissed: 0, voided: ['listed entry QDi.006 is not on the list in force'] },
    { name: "voids it when the party's name changed", hits: [hit({ name: 'Aiman Zavahiry' })], dismissals: [dismissal()], parties: [{ ...director, name: 'Aiman Zavahiry' }], kept: 1, dismissed: 0, voided: ["the director's name, date of birth or nationality changed"] },
    { name: 'voids it when a date of birth appears', hits: [hit()], dismissals: [dismissal()], parties: [{ ...director, dateOfBirth: '1975' }], kept: 1, dismissed: 0, voided: ["the director's name, date of birth or nationality changed"] },
    { name: 'voids it when the nationality changed', hits: [hit()], dismissals: [dismissal({ nationality: 'RU' })], parties: [{ ...director, nationality: 'EG' }], kept: 1, dismissed: 0, voided: ["the director's name, date of birth or nationality changed"] },
    { name: 'holds while date of birth and nationality are as recorded', hits: [hit()], dismissals: [dismissal({ dateOfBirth: '1975-04-02', nationality: 'RU' })], parties: [{ ...director, dateOfBirth: '1975-04-02', nationality: 'RU' }], kept: 0, dismissed: 1, voided: [] },
  ];

  it.each(cases)('$name', ({ hits, dismissals, parties, digest, kept, dismissed, voided }) => {
    const sifted = siftHits(hits, dismissals, parties, digest ?? digestOf, NOW);
    expect(sifted.kept).toHaveLength(kept);
    expect(sifted.dismissed).toHaveLength(dismissed);
    expect(sifted.voided.map((v) => v.reason)).toEqual(voided);
    expect(sifted.reasons).toHaveLength(dismissed);
  });

  it('says that an officer dismissed the hit, and until when, and carries the dismissal id', () => {
    const sifted = siftHits([hit()], [dismissal()], [director], digestOf, NOW);
    expect(sifted.dismissed[0]).toMatchObject({ referenceNumber: 'QDi.006', dismissalId: 'd1' });
    expect(sifted.reasons[0]).toBe(
      'director "Aiman Zavahiri" possible hit on QDi.006 (Al Zawahiri Ayman, score 0.878) dismissed as not a match by a compliance officer (dismissal d1, until 2026-12-01T00:00:00.000Z)',
    );
  });
});
