import type { IncomingMessage } from 'node:http';
import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { parse as parseContentType } from 'content-type';
import { parse as parseCsv } from 'csv-parse';
import { ErrorCode } from '#contracts';
import { DomainError } from '#platform';
import { isJsonMediaType, MAX_BODY_DEPTH } from '../body/json-body.js';
import { checkCsvHeader, JsonArraySplitter, MalformedBodyError, profileFromCsv, type ParsedRow } from './import-rows.js';

/** The import route, whose body is read here, row by row, and not by the gateway's JSON body parser (case and a trailing slash as Express routes them). */
const IMPORT_ROUTE = /^\/v1\/companies\/import\/?(\?|$)/i;

export function isImportRequest(request: IncomingMessage): boolean {
  return request.method === 'POST' && IMPORT_ROUTE.test(request.url ?? '');
}

export type ImportFormat = 'csv' | 'json';

/** CSV (`text/csv`) or a JSON array (`application/json` or a `+json` type), in UTF-8; anything else is 415. */
export function importFormatOf(request: IncomingMessage): ImportFormat {
  const header = request.headers['content-type'];
  let type = '';
  let charset: string | undefined;
  try {
    const parsed = parseContentType(header ?? '');
    type = parsed.type.toLowerCase();
    charset = parsed.parameters.charset?.toLowerCase();
  } catch {
    throw unsupported(header ? `content-type ${header} is not accepted` : 'has no content-type');
  }
  if (type !== 'text/csv' && !isJsonMediaType(type)) throw unsupported(`content-type ${type} is not accepted: send text/csv or application/json`);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw unsupported(`charset ${charset} is not accepted: send UTF-8`);
  return type === 'text/csv' ? 'csv' : 'json';
}

/** What decompresses the body by its Content-Encoding (gzip, deflate, br or none; else 415). */
function decompression(request: IncomingMessage): Transform[] {
  const encoding = String(request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  switch (encoding) {
    case 'identity':
    case '':
      return [];
    case 'gzip':
      return [createGunzip()];
    case 'deflate':
      return [createInflate()];
    case 'br':
      return [createBrotliDecompress()];
    default:
      throw new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Unsupported body encoding', [
        { field: 'body', reason: `content-encoding ${encoding} is not supported (use gzip, deflate or br)` },
      ]);
  }
}

/**
 * The rows of an import body as they are read: only the row being read (at most `maxRowChars`)
 * and the stream's buffers are held. A body that is not CSV with a header row, or not one JSON
 * array, or not UTF-8, ends the iteration with a MalformedBodyError.
 */
export async function* importRows(request: IncomingMessage, format: ImportFormat, maxRowChars: number): AsyncGenerator<ParsedRow> {
  const stages = decompression(request);
  if (format === 'csv') {
    const parser = parseCsv({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: maxRowChars });
    const records = fromRequest(request, [...stages, utf8Checked(), parser]) as AsyncIterable<string[]>;
    let header: string[] | undefined;
    try {
      for await (const record of records) {
        if (!header) header = checkCsvHeader(record);
        else yield profileFromCsv(header, record);
      }
    } catch (error) {
      throw error instanceof MalformedBodyError ? error : new MalformedBodyError(`the body is not CSV: ${(error as Error).message}`);
    }
    if (!header) throw new MalformedBodyError('the body is empty: send a header row, then one row per company');
    return;
  }
  // A row nests as deep as a body of POST /v1/companies may.
  const splitter = new JsonArraySplitter(maxRowChars, MAX_BODY_DEPTH);
  const text = fromRequest(request, [...stages, utf8Text()]) as AsyncIterable<string>;
  let row = 0;
  try {
    for await (const chunk of text) {
      for (const element of splitter.feed(chunk)) {
        row += 1;
        let value: unknown;
        try {
          value = JSON.parse(element);
        } catch (error) {
          throw new MalformedBodyError(`element ${row} is not valid JSON: ${(error as Error).message}`);
        }
        yield { value };
      }
    }
  } catch (error) {
    // A decompression failure (bad gzip, deflate or br data) is the body's too.
    throw error instanceof MalformedBodyError ? error : new MalformedBodyError(`the body cannot be read: ${(error as Error).message}`);
  }
  splitter.end();
}

/**
 * The request piped through `stages`; their last is read. The request itself is not in the
 * pipeline: when the reader stops early (too many rows, a malformed body) the stages are destroyed
 * but the request is not, and the rest of it is read and dropped, so that the client still
 * receives its answer rather than a reset connection. An upload cut off fails the stages.
 */
function fromRequest(request: IncomingMessage, stages: Transform[]): Readable {
  const head = stages[0]!;
  const tail = stages.length > 1 ? (pipeline(stages, () => undefined) as unknown as Readable) : head;
  const cutOff = () => {
    if (!request.complete) head.destroy(new MalformedBodyError('the upload was cut off before its end'));
  };
  request.once('close', cutOff);
  request.pipe(head);
  head.once('close', () => {
    request.off('close', cutOff);
    request.unpipe(head);
    if (!request.complete) request.resume();
  });
  return tail;
}

/** Passes the bytes on, refusing any that are not UTF-8 (csv-parse would decode them to U+FFFD and store it). */
function utf8Checked(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      try {
        decoder.decode(chunk, { stream: true });
        callback(null, chunk);
      } catch {
        callback(new MalformedBodyError('the body is not UTF-8'));
      }
    },
    flush(callback: TransformCallback) {
      try {
        decoder.decode();
        callback();
      } catch {
        callback(new MalformedBodyError('the body is not UTF-8'));
      }
    },
  });
}

/** Decodes UTF-8 chunks into text (a BOM dropped), refusing bytes that are not UTF-8. */
function utf8Text(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      try {
        callback(null, decoder.decode(chunk, { stream: true }));
      } catch {
        callback(new MalformedBodyError('the body is not UTF-8'));
      }
    },
    flush(callback: TransformCallback) {
      try {
        const rest = decoder.decode();
        callback(null, rest === '' ? undefined : rest);
      } catch {
        callback(new MalformedBodyError('the body is not UTF-8'));
      }
    },
  });
}

function unsupported(reason: string): DomainError {
  return new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'An import is CSV or a JSON array, in UTF-8', [{ field: 'body', reason }]);
}
