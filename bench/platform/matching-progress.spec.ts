import { describe, expect, it } from '@jest/globals';
import { statusReachedHeads } from './matching-progress.js';

const heads = { companies: 5_000, sectors: { mining: 1_498, automobile: 1_499, electricity: 1_500 } };
const atHeads = { companies: 5_000, 'sectors.mining': 1_498, 'sectors.automobile': 1_499, 'sectors.electricity': 1_500 };
const nothingPending = { 'matching-opportunities-r0': 0, 'matching-opportunities-r1': 0, 'matching-companies-p0': 0, 'matching-companies-p1': 0 };

describe('statusReachedHeads', () => {
  it('holds when every cursor is at its head and no consumer of any replica has anything pending', () => {
    expect(statusReachedHeads({ cursors: atHeads, pending: nothingPending }, heads)).toBe(true);
  });

  it('holds past the heads', () => {
    expect(statusReachedHeads({ cursors: { ...atHeads, companies: 5_100, 'sectors.mining': 1_600 }, pending: nothingPending }, heads)).toBe(true);
  });

  it.each([
    ['companies', { ...atHeads, companies: 4_999 }],
    ['a sector (the lowest any replica applied)', { ...atHeads, 'sectors.automobile': 1_200 }],
    ['a sector no replica applied yet', { companies: 5_000, 'sectors.mining': 1_498, 'sectors.electricity': 1_500 }],
  ])('fails while %s is behind', (_what, cursors) => {
    expect(statusReachedHeads({ cursors, pending: nothingPending }, heads)).toBe(false);
  });

  it('fails while a replica has company events pending, though the highest companies cursor is at the head', () => {
    expect(statusReachedHeads({ cursors: atHeads, pending: { ...nothingPending, 'matching-companies-p1': 3 } }, heads)).toBe(false);
  });

  it('fails while a replica has opportunity events pending, though its cursor started from the shared table at the head', () => {
    expect(statusReachedHeads({ cursors: atHeads, pending: { ...nothingPending, 'matching-opportunities-r1': 1 } }, heads)).toBe(false);
  });

  it('fails while a replica is still loading (it says nothing of its consumers yet)', () => {
    const replicas = [0, 1].map((replica) => ({ replica, replicas: 2, ready: replica === 0, partitions: [], companies: 0, matches: 0, rssBytes: 0 }));
    expect(statusReachedHeads({ cursors: atHeads, pending: nothingPending, replicas }, heads)).toBe(false);
    expect(statusReachedHeads({ cursors: atHeads, pending: nothingPending, replicas: replicas.map((r) => ({ ...r, ready: true })) }, heads)).toBe(true);
  });

  it('holds for outboxes with nothing in them', () => {
    expect(statusReachedHeads({ cursors: {}, pending: {} }, { companies: 0, sectors: {} })).toBe(true);
  });
});
