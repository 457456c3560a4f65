import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

/** The fuzz suite's seeded generator: the same run every time for one seed. */
export { SeededRandom as Random } from '#testing';
import type { SeededRandom as Random } from '#testing';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One request to send: what it is (for the report), and everything needed to send it. */
export interface FuzzRequest {
  kind: string;
  method: string;
  path: string;
  key?: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const CONTROL = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f', '\u0085', '\u009f'];
const INVISIBLE = ['\u202e', '\u202d', '\u2066', '\u2069', '\u200b', '\u200c', '\u200d', '\u200e', '\u2060', '\ufeff', '\u00ad', '\u3164', '\u{e0041}'];
const SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff'];
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];

/** Every path to a value inside `value` (`[]` is the value itself), objects and arrays included. */
function paths(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...at, i]))];
  if (value && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
  return here;
}

function get(value: Json, path: (string | number)[]): Json {
  return path.reduce<Json>((v, k) => (v as Record<string, Json>)[k as string], value);
}

function set(value: Json, path: (string | number)[], next: Json): Json {
  if (!path.length) return next;
  const copy = structuredClone(value) as Record<string, Json>;
  let parent: Record<string, Json> = copy;
  for (const k of path.slice(0, -1)) parent = parent[k as string] as Record<string, Json>;
  parent[path[path.length - 1] as string] = next;
  return copy;
}

/** A value of a JSON type other than `value`'s (never null, which an optional field accepts). */
function otherType(random: Random, value: Json): Json {
  const choices: Json[] = [random.int(-5, 5), 'a string', true, { x: 1 }, [1, 'two']];
  const type = (v: Json) => (Array.isArray(v) ? 'array' : typeof v);
  return random.pick(choices.filter((c) => type(c) !== type(value)));
}

/** Stands in a body for a nesting too deep for JSON.stringify; replaced by its text once the body is written. */
const DEEP = '\u0000deep\u0000';

/** JSON text nesting `depth` levels, written without recursion. */
function nestedText(random: Random, depth: number): string {
  const kinds = Array.from({ length: depth }, () => random.chance(0.5));
  const leaf = random.pick(['1', '"x"', '[]', '{}']);
  return kinds.map((array) => (array ? '[' : '{"a":')).join('') + leaf + kinds.reverse().map((array) => (array ? ']' : '}')).join('');
}

function insertInto(random: Random, text: string, inserted: string): string {
  const at = random.int(0, text.length);
  return text.slice(0, at) + inserted + text.slice(at);
}

/**
 * A body made invalid in one way. `strings` are the paths of the string fields that may be
 * changed, `nonEmpty` those whose trimmed value must not be empty (so whitespace alone is refused),
 * `objects` the paths of nested objects. Every mutation makes the body one that must be refused.
 */
export function mutateBody(
  random: Random,
  base: Record<string, Json>,
  shape: { strings: (string | number)[][]; nonEmpty: (string | number)[][]; objects: (string | number)[][]; required: string[] },
): { kind: string; text: string } {
  const { kind, body, deep } = mutation(random, base, shape);
  const text = JSON.stringify(body);
  return { kind, text: deep ? text.replace(JSON.stringify(DEEP), deep) : text };
}

function mutation(
  random: Random,
  base: Record<string, Json>,
  shape: { strings: (string | number)[][]; nonEmpty: (string | number)[][]; objects: (string | number)[][]; required: string[] },
): { kind: string; body: Json; deep?: string } {
  const all = paths(base).filter((p) => p.length > 0);
  const kind = random.pick([
    'wrong type',
    'NUL in a string',
    'control character',
    'unpaired surrogate',
    'invisible character',
    'huge string',
    'prototype key',
    'array for an object',
    'deep nesting',
    'unknown key',
    'whitespace only',
    'missing field',
    'bad number',
  ] as const);
  switch (kind) {
    case 'wrong type': {
      const path = random.pick(all);
      return { kind, body: set(base, path, otherType(random, get(base, path))) };
    }
    case 'NUL in a string':
    case 'control character':
    case 'unpaired surrogate':
    case 'invisible character': {
      const path = random.pick(shape.strings);
      const pool = kind === 'NUL in a string' ? ['\u0000'] : kind === 'control character' ? CONTROL : kind === 'unpaired surrogate' ? SURROGATES : INVISIBLE;
      return { kind, body: set(base, path, insertInto(random, String(get(base, path)), random.pick(pool))) };
    }
    case 'huge string': {
      const path = random.pick(shape.strings);
      const length = random.chance(0.1) ? random.int(300_000, 400_000) : random.int(6_000, 40_000);
      return { kind, body: set(base, path, random.pick(['x', 'я', '가', ' a']).repeat(length)) };
    }
    case 'prototype key': {
      const objects = [[], ...shape.objects];
      const path = random.pick(objects);
      const target = structuredClone(get(base, path)) as Record<string, Json>;
      Object.defineProperty(target, random.pick(PROTOTYPE_KEYS), { value: random.pick<Json>([{ admin: true }, 1, 'x', []]), enumerable: true });
      return { kind, body: set(base, path, target) };
    }
    case 'array for an object': {
      const path = random.pick(shape.objects.length ? shape.objects : [[]]);
      const current = get(base, path);
      return { kind, body: set(base, path, random.pick<Json>([[], [[]], [current], [null]])) };
    }
    case 'deep nesting': {
      const path = random.pick(all);
      return { kind, body: set(base, path, DEEP), deep: nestedText(random, random.chance(0.3) ? random.int(2, 30) : random.int(33, 6000)) };
    }
    case 'unknown key': {
      const path = random.pick([[], ...shape.objects]);
      const target = { ...(get(base, path) as Record<string, Json>), [random.pick(['favouriteColour', 'admin', 'partnerId', 'id', 'x'])]: 'y' };
      return { kind, body: set(base, path, target) };
    }
    case 'whitespace only': {
      if (!shape.nonEmpty.length) return { kind, body: { ...base, [random.pick(['', ' ', '\t'])]: ' ' } };
      const path = random.pick(shape.nonEmpty);
      return { kind, body: set(base, path, random.pick(['', ' ', '   ', '\t', ' \n ', '\u3000', '\u00a0\u00a0'])) };
    }
    case 'missing field': {
      if (!shape.required.length) return { kind, body: { ...base, unexpected: true } };
      const { [random.pick(shape.required)]: _gone, ...rest } = base;
      return { kind, body: rest };
    }
    case 'bad number': {
      // Out of range for every number of every body (coordinates, shares, sizes, counts).
      const wrong = random.pick([1e300, -1e300, 1e17, -1e17]);
      const numeric = all.filter((p) => typeof get(base, p) === 'number');
      return { kind, body: numeric.length ? set(base, random.pick(numeric), wrong) : { ...base, unexpected: wrong } };
    }
  }
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/** A body the gateway cannot read: malformed, not JSON, not UTF-8, badly compressed, or sent as another type. */
export function unreadableBody(random: Random, valid: Json, neverParsable = false): { kind: string; headers: Record<string, string>; body: Buffer } {
  const text = JSON.stringify(valid);
  const jsonType = { 'content-type': 'application/json' };
  const parsable = neverParsable ? [] : (['top-level scalar', 'large number literal'] as const);
  const kind = random.pick([
    ...parsable,
    'truncated JSON',
    'garbage',
    'not UTF-8',
    'content type',
    'charset',
    'bad gzip',
    'bad deflate',
    'bad brotli',
    'unknown encoding',
    'deep raw nesting',
  ] as const);
  switch (kind) {
    case 'truncated JSON':
      return { kind, headers: jsonType, body: Buffer.from(text.slice(0, random.int(1, text.length - 1))) };
    case 'garbage':
      return { kind, headers: jsonType, body: Buffer.from(random.pick(['{"a": }', '{,}', "{'name': 'x'}", '{"a": NaN}', '{"a": undefined}', 'nul', '{"a":1}}', '[1,]', '\u0000'])) };
    case 'not UTF-8':
      return { kind, headers: jsonType, body: Buffer.concat([Buffer.from(text.slice(0, 10)), Buffer.from(random.pick([[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]])), Buffer.from(text.slice(10))]) };
    case 'top-level scalar':
      return { kind, headers: jsonType, body: Buffer.from(random.pick(['"just a string"', '42', 'null', 'true', '[]', '[{}]', '[[1]]'])) };
    case 'content type': {
      const type = random.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/json', 'application/xml', 'application/octet-stream', '']);
      return { kind, headers: type ? { 'content-type': type } : {}, body: json(valid) };
    }
    case 'charset':
      return { kind, headers: { 'content-type': `application/json; charset=${random.pick(['utf-16', 'utf-16le', 'latin1', 'iso-8859-1', 'koi8-r', 'nonsense'])}` }, body: json(valid) };
    case 'bad gzip': {
      const zipped = gzipSync(text);
      return { kind, headers: { ...jsonType, 'content-encoding': 'gzip' }, body: random.chance(0.5) ? zipped.subarray(0, random.int(1, zipped.length - 2)) : Buffer.from(text) };
    }
    case 'bad deflate': {
      const deflated = deflateSync(text);
      return { kind, headers: { ...jsonType, 'content-encoding': 'deflate' }, body: random.chance(0.5) ? Buffer.concat([Buffer.from([0x00, 0x01]), deflated]) : Buffer.from(text) };
    }
    case 'bad brotli': {
      const compressed = brotliCompressSync(text);
      return { kind, headers: { ...jsonType, 'content-encoding': 'br' }, body: random.chance(0.5) ? compressed.subarray(0, Math.max(1, compressed.length - random.int(1, 5))) : Buffer.from([0xff, 0xff, 0xff, 0x00]) };
    }
    case 'unknown encoding':
      return { kind, headers: { ...jsonType, 'content-encoding': random.pick(['compress', 'zstd', 'x-gzip2', 'gzip, gzip', 'identity, br']) }, body: json(valid) };
    case 'deep raw nesting': {
      const depth = random.int(33, 20_000);
      return { kind, headers: jsonType, body: Buffer.from(`{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`) };
    }
    case 'large number literal':
      return { kind, headers: jsonType, body: Buffer.from(`{"a": 1${'0'.repeat(random.int(400, 5000))}, "b": ${'9'.repeat(1000)}e99999}`) };
  }
}

/** A query parameter value that the parameter must refuse. */
export function badQueryValue(random: Random, param: 'int' | 'number' | 'boolean' | 'sector' | 'status' | 'text'): string {
  // (A lone surrogate cannot be percent-encoded: %ED%A0%80 is decoded as U+FFFD, a valid character,
  // which is refused only where the parameter has a format.)
  const common = ['%00', '%00abc', '5%00', '%E2%80%AE5', '%EF%BB%BF5', '%07', 'x'.repeat(random.int(101, 3000))];
  const formatted = ['%ED%A0%80', '5%E2%80%8B'];
  const own: Record<typeof param, string[]> = {
    int: [...formatted, 'abc', '-1', '1.5', '1e3x', '99999999999999999999', 'NaN', 'Infinity', '0x10', '1e2', '%2B5', '05.0'],
    number: [...formatted, 'abc', '-1', '101', 'NaN', 'Infinity', '1e400', '--5'],
    boolean: [...formatted, 'yes', '1', 'TRUE', 'null', 'truee'],
    sector: [...formatted, 'fishing', 'MINING', 'mining,automobile', 'electricity%00'],
    status: [...formatted, 'open', 'PENDING', 'gran%0Ated'],
    text: [],
  };
  return random.pick([...own[param], ...common]);
}

/** A path id that cannot name anything: not a UUID, badly encoded, or holding refused characters. */
export function badId(random: Random): string {
  return random.pick([
    'not-a-uuid',
    '%00',
    '%zz',
    '%E2%80%AE',
    '12345678-1234-1234-1234-1234567890ab%00',
    '12345678-1234-1234-1234-1234567890abc',
    "1' OR '1'='1",
    '..%2F..%2Fetc',
    'x'.repeat(random.int(40, 2000)),
    encodeURIComponent('가나다'),
    '%ED%A0%80',
  ]);
}

/** A random UUID that names nothing stored. */
export function unknownId(random: Random): string {
  const hex = () => random.int(0, 15).toString(16);
  const part = (n: number) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-8${part(3)}-${part(12)}`;
}
