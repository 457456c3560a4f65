import { isUtf8 } from 'node:buffer';
import { parse as parseContentType } from 'content-type';
import type { NextFunction, Request, Response } from 'express';
import { ErrorCode } from '#contracts';
import { DomainError } from '#platform';

/** A request body nesting deeper than this is refused before it is parsed. */
export const MAX_BODY_DEPTH = 32;

/** Content-Encodings the body parser decompresses. */
export const BODY_ENCODINGS = ['identity', 'gzip', 'deflate', 'br'] as const;

/** `application/json` and the structured `+json` types (`application/merge-patch+json`, ...). */
export function isJsonMediaType(type: string): boolean {
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

function hasContent(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Every request body is JSON in UTF-8: a body of any other content type, or without one, or in
 * another charset, is refused with 415 before it is read (it used to be parsed as JSON whatever
 * it claimed to be).
 */
export function requireJsonBody(request: Request, _response: Response, next: NextFunction): void {
  if (!hasContent(request)) return next();
  const header = request.headers['content-type'];
  const { type, parameters } = parseContentType(header ?? '');
  if (!isJsonMediaType(type.toLowerCase())) {
    const given = header ? `content-type ${type || header} is not accepted` : 'has no content-type';
    return next(unsupported(`${given}: send application/json`));
  }
  const charset = parameters.charset?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return next(unsupported(`charset ${parameters.charset} is not accepted: send UTF-8`));
  }
  next();
}

function unsupported(reason: string): DomainError {
  return new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Request body must be JSON in UTF-8', [{ field: 'body', reason }]);
}

/**
 * The deepest nesting of objects and arrays in a JSON text, counted over its bytes without
 * parsing it (so nothing recurses); brackets inside strings do not count. UTF-8 never puts an
 * ASCII byte inside a multi-byte character, so the structural bytes are unambiguous.
 */
export function jsonNestingExceeds(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (b === 0x5c) escaped = true;
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x7b || b === 0x5b) {
      depth += 1;
      if (depth > max) return true;
    } else if (b === 0x7d || b === 0x5d) depth -= 1;
  }
  return false;
}

/**
 * body-parser's `verify` hook, on the (decompressed) bytes before they are parsed: they must be
 * UTF-8 (the decoder would otherwise put U+FFFD for each bad byte and store it), and nest no
 * deeper than MAX_BODY_DEPTH.
 */
export function checkJsonBytes(_request: Request, _response: Response, body: Buffer): void {
  if (!isUtf8(body)) throw Object.assign(new Error('Request body is not UTF-8'), { type: 'entity.not.utf8' });
  if (jsonNestingExceeds(body, MAX_BODY_DEPTH)) {
    throw Object.assign(new Error(`Request body nests deeper than ${MAX_BODY_DEPTH} levels`), { type: 'entity.too.deep' });
  }
}
