import type { Request } from 'express';
import { ErrorCode, type ErrorEnvelope } from '#contracts';
import { MAX_BODY_DEPTH } from './json-body.js';

interface BodyParserFailure {
  type?: string;
  status?: number;
  code?: string;
  errno?: number;
  limit?: number;
  encoding?: string;
  charset?: string;
}

/**
 * The envelope of a body that could not be read: body-parser's failures (told apart by `type`, or
 * by zlib's `errno` and `code` when decompression failed), each a 4xx naming the field `body`. Null when the
 * failure is not the body's.
 */
export function bodyErrorEnvelope(exception: unknown, request: Request): ErrorEnvelope | null {
  const failure = exception as BodyParserFailure | undefined;
  if (typeof failure !== 'object' || failure === null) return null;
  const body = (code: ErrorCode, message: string, reason: string): ErrorEnvelope => ({ code, message, details: [{ field: 'body', reason }] });
  switch (failure.type) {
    case 'entity.parse.failed':
      return body(ErrorCode.VALIDATION_FAILED, 'Request body is not valid JSON', 'is not valid JSON');
    case 'entity.not.utf8':
      return body(ErrorCode.VALIDATION_FAILED, 'Request body is not UTF-8', 'is not valid UTF-8');
    case 'entity.too.deep':
      return body(ErrorCode.VALIDATION_FAILED, 'Request body nests too deep', `nests deeper than ${MAX_BODY_DEPTH} levels`);
    case 'entity.too.large':
      return body(ErrorCode.PAYLOAD_TOO_LARGE, 'Request body too large', `exceeds the limit of ${failure.limit} bytes`);
    case 'encoding.unsupported':
      return body(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        'Unsupported body encoding',
        `content-encoding ${failure.encoding ?? request.headers['content-encoding']} is not supported (use gzip, deflate or br)`,
      );
    case 'charset.unsupported':
      return body(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Unsupported body charset', `charset ${failure.charset} is not accepted: send UTF-8`);
    case 'request.size.invalid':
      return body(ErrorCode.VALIDATION_FAILED, 'Request body does not match its length', 'is not as long as its Content-Length says');
    case 'request.aborted':
      return body(ErrorCode.VALIDATION_FAILED, 'Request body was not sent in full', 'was aborted before it ended');
    default:
      break;
  }
  const encoding = String(request.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity' && typeof failure.errno === 'number' && typeof failure.code === 'string') {
    // zlib's own failure (Z_DATA_ERROR, Z_BUF_ERROR, ERR__ERROR_FORMAT_... for brotli), passed on by body-parser
    return body(ErrorCode.VALIDATION_FAILED, 'Request body could not be decompressed', `could not be decompressed as ${encoding}`);
  }
  return null;
}
