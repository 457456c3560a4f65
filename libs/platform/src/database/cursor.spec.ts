import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../errors/domain-error.js';
import { CREATED_KEY, cursorPage, decodeCursor, encodeCursor } from './cursor.js';

describe('keyset cursors', () => {
  it('round-trips a key exactly, microseconds and all', () => {
    const key = ['2026-12-02 12:55:45.123456+00', '6f1c2d3e-0000-4000-8000-000000000001'];
    expect(decodeCursor(encodeCursor(key), CREATED_KEY)).toEqual(key);
    expect(decodeCursor(encodeCursor([42, '']), ['integer', 'string'])).toEqual([42, '']);
  });

  it('answers null when no cursor is given', () => {
    expect(decodeCursor(undefined, CREATED_KEY)).toBeNull();
    expect(decodeCursor('', CREATED_KEY)).toBeNull();
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('{"a":').toString('base64url')],
    ['the wrong arity', encodeCursor(['only-one'])],
    ['not a timestamp first', encodeCursor(['yesterday', '6f1c2d3e-0000-4000-8000-000000000001'])],
    ['not a UUID second', encodeCursor(['2026-12-02 12:55:45.123456+00', "1' OR '1'='1"])],
    ['a negative number', encodeCursor([-1, '6f1c2d3e-0000-4000-8000-000000000001'])],
    ['an object', Buffer.from('{"a":1}').toString('base64url')],
    ['a nested value', Buffer.from('[["x"],"y"]').toString('base64url')],
    ['too long', 'A'.repeat(600)],
  ])('refuses a cursor that is %s, naming the field', (_what, raw) => {
    try {
      decodeCursor(raw, CREATED_KEY, 'after');
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).details).toEqual([expect.objectContaining({ field: 'after' })]);
    }
  });

  it('gives a next cursor only when a row beyond the limit was read', () => {
    const rows = [1, 2, 3].map((n) => ({ at: n, id: `id${n}` }));
    const full = cursorPage(rows, 2, (r) => [r.at, r.id], (r) => r.id);
    expect(full.items).toEqual(['id1', 'id2']);
    expect(decodeCursor(full.nextCursor, ['integer', 'string'])).toEqual([2, 'id2']);
    const last = cursorPage(rows.slice(0, 2), 2, (r) => [r.at, r.id], (r) => r.id);
    expect(last).toEqual({ items: ['id1', 'id2'], nextCursor: null });
  });
});

describe('a page cut short by its byte budget', () => {
  it('goes on right after the last row kept', () => {
    const rows = [1, 2, 3, 4].map((n) => ({ at: n, id: `id${n}` }));
    const page = cursorPage(rows, 3, (r) => [r.at, r.id], (r) => r.id, (items) => items.slice(0, 1));
    expect(page.items).toEqual(['id1']);
    expect(decodeCursor(page.nextCursor, ['integer', 'string'])).toEqual([1, 'id1']);
  });
});

describe('a timestamp part', () => {
  it('refuses a date that does not exist, which PostgreSQL would reject', () => {
    expect(() => decodeCursor(encodeCursor(['2026-13-45 99:00:00+00', '6f1c2d3e-0000-4000-8000-000000000001']), CREATED_KEY)).toThrow(DomainError);
  });
});
