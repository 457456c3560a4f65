import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../errors/domain-error.js';
import { cursorPage, decodeCursor, encodeCursor } from './cursor.js';

describe('keyset cursors', () => {
  it('round-trips a key exactly, microseconds and all', () => {
    const key = ['2026-12-02 12:55:45.123456+00', '6f1c2d3e-0000-4000-8000-000000000001'];
    expect(decodeCursor(encodeCursor(key), 2)).toEqual(key);
  });

  it('answers null when no cursor is given', () => {
    expect(decodeCursor(undefined, 2)).toBeNull();
    expect(decodeCursor('', 2)).toBeNull();
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('{"a":').toString('base64url')],
    ['the wrong arity', encodeCursor(['only-one'])],
    ['an object', Buffer.from('{"a":1}').toString('base64url')],
    ['a nested value', Buffer.from('[["x"],"y"]').toString('base64url')],
    ['too long', 'A'.repeat(600)],
  ])('refuses a cursor that is %s, naming the field', (_what, raw) => {
    try {
      decodeCursor(raw, 2, 'after');
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).details).toEqual([expect.objectContaining({ field: 'after' })]);
    }
  });

  it('gives a next cursor only when a row beyond the limit was read', () => {
    const rows = [1, 2, 3].map((n) => ({ at: `t${n}`, id: `id${n}` }));
    const full = cursorPage(rows, 2, (r) => [r.at, r.id], (r) => r.id);
    expect(full.items).toEqual(['id1', 'id2']);
    expect(decodeCursor(full.nextCursor, 2)).toEqual(['t2', 'id2']);
    const last = cursorPage(rows.slice(0, 2), 2, (r) => [r.at, r.id], (r) => r.id);
    expect(last).toEqual({ items: ['id1', 'id2'], nextCursor: null });
  });
});
