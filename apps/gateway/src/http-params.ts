import { CURSOR_PATTERN, IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN, SECTOR_IDS, type SectorId } from '#contracts';
import { DomainError, invalidCursor } from '#platform';

const INTEGER = /^-?\d{1,16}$/;
const DECIMAL = /^-?\d{1,16}(\.\d{1,16})?$/;

/**
 * Reads an optional integer query parameter written in decimal digits (not `0x10`, `1e3` or `+5`,
 * which Number() would take), refusing anything else with the parameter's name.
 */
export function optionalInt(name: string, raw: unknown, min: number, max: number): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || !INTEGER.test(raw) || value < min || value > max) {
    throw DomainError.validation([{ field: name, reason: `must be an integer from ${min} to ${max}` }]);
  }
  return value;
}

/** Reads an optional decimal number (`42`, `37.5`) query parameter. */
export function optionalNumber(name: string, raw: unknown, min: number, max: number): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || !DECIMAL.test(raw) || value < min || value > max) {
    throw DomainError.validation([{ field: name, reason: `must be a number from ${min} to ${max}` }]);
  }
  return value;
}

export function optionalSector(raw: unknown): SectorId | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !SECTOR_IDS.includes(raw as SectorId)) {
    throw DomainError.validation([{ field: 'sector', reason: `must be one of: ${SECTOR_IDS.join(', ')}` }]);
  }
  return raw as SectorId;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path ids are UUIDs; anything else cannot name a stored thing. */
export function uuidParam(name: string, raw: string): string {
  if (!UUID.test(raw)) throw DomainError.validation([{ field: name, reason: 'must be a UUID' }]);
  return raw.toLowerCase();
}

export function optionalBoolean(name: string, raw: unknown): boolean | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw DomainError.validation([{ field: name, reason: 'must be true or false' }]);
}

const SHA256 = /^[0-9a-f]{64}$/i;

/** A SHA-256 in a path or query: 64 hexadecimal digits, answered in lower case. */
export function sha256Param(name: string, raw: string): string {
  if (!SHA256.test(raw)) throw DomainError.validation([{ field: name, reason: 'must be the 64 hexadecimal digits of a SHA-256' }]);
  return raw.toLowerCase();
}

/** The optional `Idempotency-Key` header: 1 to 255 visible ASCII characters, else 400 naming the header. */
export function optionalIdempotencyKey(raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(raw)) {
    throw DomainError.validation([{ field: IDEMPOTENCY_KEY_HEADER, reason: 'must be 1 to 255 visible ASCII characters' }]);
  }
  return raw;
}

/** The optional `after` of a keyset page: a list's `nextCursor`, passed back as it came. Its owner reads what it holds. */
export function optionalCursor(raw: unknown, name = 'after'): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !CURSOR_PATTERN.test(raw)) {
    throw invalidCursor(name);
  }
  return raw;
}
