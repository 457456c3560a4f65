import { DomainError } from '../errors/domain-error.js';

/**
 * Keyset pages. A cursor is the sort key of the last row a page gave (`created_at` as PostgreSQL
 * prints it, then the id), written as base64url JSON: opaque to callers, and exact, so the next
 * page starts strictly after that row whatever was inserted or deleted meanwhile. The query that
 * reads the next page compares the key as a row, `(created_at, id) > ($1::timestamptz, $2::uuid)`,
 * which the list's composite index serves; there is no OFFSET to scan.
 */
export type CursorKey = readonly (string | number)[];

const MAX_CURSOR_LENGTH = 512;

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * Reads a cursor given as `after`, expecting `arity` string or number parts; anything else is a
 * 400 naming the field, never a query with a broken key.
 */
export function decodeCursor(raw: string | undefined | null, arity: number, field = 'after'): CursorKey | null {
  if (raw === undefined || raw === null || raw === '') return null;
  const invalid = () => DomainError.validation([{ field, reason: 'is not a cursor this list gave (pass nextCursor as it came)' }]);
  if (raw.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(raw)) throw invalid();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(key) || key.length !== arity || !key.every((k) => typeof k === 'string' || (typeof k === 'number' && Number.isFinite(k)))) throw invalid();
  return key as CursorKey;
}

/**
 * Cuts a page from rows read with `limit + 1`: the extra row only says that more follow. The cursor
 * is the key of the last row kept.
 */
export function cursorPage<R, T>(rows: readonly R[], limit: number, keyOf: (row: R) => CursorKey, view: (row: R) => T): { items: T[]; nextCursor: string | null } {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  return { items: kept.map(view), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
