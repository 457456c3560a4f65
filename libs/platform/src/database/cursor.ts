import { CURSOR_PATTERN, type CursorPage } from '#contracts';
import { DomainError } from '../errors/domain-error.js';

/**
 * Keyset pages. A cursor is the sort key of the last row a page gave (`created_at` as PostgreSQL
 * prints it, then the id), written as base64url JSON: opaque to callers, and exact, so the next
 * page starts strictly after that row whatever was inserted or deleted meanwhile. The query that
 * reads the next page compares the key as a row, `(created_at, id) > ($1::timestamptz, $2::uuid)`,
 * which the list's composite index serves; there is no OFFSET to scan.
 */
export type CursorKey = readonly (string | number)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The 400 for an `after` that no list gave. */
export function invalidCursor(field = 'after'): DomainError {
  return DomainError.validation([{ field, reason: 'is not a cursor this list gave (pass nextCursor as it came)' }]);
}

/**
 * What each part of a cursor must be, checked before it reaches a query: a timestamp as PostgreSQL
 * prints it, a UUID, a non-negative integer, or a string. A forged cursor is a 400, never a
 * database error.
 */
export type CursorPart = 'timestamp' | 'uuid' | 'integer' | 'string';

/** The key of lists in creation order: `created_at` as PostgreSQL prints it, then the id. */
export const CREATED_KEY: readonly CursorPart[] = ['timestamp', 'uuid'];

const PART_CHECKS: Record<CursorPart, (value: unknown) => boolean> = {
  timestamp: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test(v) && !Number.isNaN(Date.parse(v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'))),
  uuid: (v) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  integer: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
  string: (v) => typeof v === 'string' && v.length <= 512,
};

/** Reads a cursor given as `after` whose parts are `parts`; anything else is a 400 naming the field. */
export function decodeCursor(raw: string | undefined | null, parts: readonly CursorPart[], field = 'after'): CursorKey | null {
  if (raw === undefined || raw === null || raw === '') return null;
  if (!CURSOR_PATTERN.test(raw)) throw invalidCursor(field);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor(field);
  }
  if (!Array.isArray(key) || key.length !== parts.length || !parts.every((part, i) => PART_CHECKS[part](key[i]))) throw invalidCursor(field);
  return key as CursorKey;
}

/**
 * Cuts a page from rows read with `limit + 1`: the extra row only says that more follow. `fit` may
 * keep fewer (a reply's byte budget); the cursor is then the key of the last row kept, so the next
 * page starts right after it.
 */
export function cursorPage<R, T>(
  rows: readonly R[],
  limit: number,
  keyOf: (row: R) => CursorKey,
  view: (row: R) => T,
  fit: (items: T[]) => T[] = (items) => items,
): CursorPage<T> {
  const items = fit(rows.slice(0, limit).map(view));
  const last = items.length ? rows[items.length - 1] : undefined;
  return { items, nextCursor: rows.length > items.length && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
