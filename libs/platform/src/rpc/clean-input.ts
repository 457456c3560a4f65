import { codePoint, FORBIDDEN_KEYS, forbiddenCharacterIn, type FieldError } from '#contracts';

/** Deeper than this, a payload is refused before anything recurses into it (the gateway allows bodies 32 deep). */
export const MAX_PAYLOAD_DEPTH = 64;

/** Printable ASCII only: nothing to refuse and nothing NFKC would change, so only trimming is left. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export interface CleanedInput<T = unknown> {
  value: T;
  errors: FieldError[];
}

/**
 * The rules every string, key and nesting of every payload obeys, whatever the class that then
 * validates it: strings are refused if they hold control, invisible or unpaired-surrogate
 * characters, and are otherwise trimmed and put in Unicode NFKC (so what is stored, compared and
 * screened is one form: full-width letters, ligatures and compatibility variants become plain
 * ones, and whitespace alone is empty); keys are refused if they name a member of the object
 * prototype (`__proto__`, `constructor`, `toString`, ...) or hold a refused character; nesting
 * deeper than MAX_PAYLOAD_DEPTH is refused. Returns a cleaned copy and every refusal, each naming
 * its field as a dotted path under `root`.
 */
export function cleanInput<T = unknown>(value: T, root = '', whole = 'payload'): CleanedInput<T> {
  const errors: FieldError[] = [];
  const cleaned = clean(value, root, 0, { errors, whole });
  return { value: cleaned as T, errors };
}

interface Walk {
  errors: FieldError[];
  /** The field named when the value itself, not one of its fields, is refused. */
  whole: string;
}

function clean(value: unknown, path: string, depth: number, walk: Walk): unknown {
  if (typeof value === 'string') return cleanString(value, path, walk);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_PAYLOAD_DEPTH) {
    walk.errors.push({ field: path || walk.whole, reason: `nests deeper than ${MAX_PAYLOAD_DEPTH} levels` });
    return value;
  }
  if (Array.isArray(value)) return value.map((item, i) => clean(item, join(path, String(i)), depth + 1, walk));
  if (value instanceof Date || ArrayBuffer.isView(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = join(path, printable(key));
    if (FORBIDDEN_KEYS.has(key)) {
      walk.errors.push({ field, reason: 'is not an accepted field name' });
      continue;
    }
    const reason = keyFault(key);
    if (reason) {
      walk.errors.push({ field, reason: `is not an accepted field name: it ${reason}` });
      continue;
    }
    copy[key] = clean((value as Record<string, unknown>)[key], field, depth + 1, walk);
  }
  return copy;
}

function cleanString(text: string, path: string, walk: Walk): string {
  if (PRINTABLE_ASCII.test(text)) return text.trim();
  const reason = forbiddenCharacterIn(text);
  if (reason) {
    walk.errors.push({ field: path || walk.whole, reason });
    return text;
  }
  return text.normalize('NFKC').trim();
}

/** Keys name fields: never empty, and no character a string may not hold, nor a line break or tab. */
function keyFault(key: string): string | null {
  if (key === '') return 'is empty';
  if (PRINTABLE_ASCII.test(key)) return null;
  const breakOrTab = /[\t\n\r]/.exec(key);
  return breakOrTab ? `contains a control character (${codePoint(breakOrTab[0])})` : forbiddenCharacterIn(key);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** A key as it can be shown in an error: refused characters are written as their code points, the empty key as "". */
function printable(key: string): string {
  if (key === '') return '""';
  return key.replace(/[^\x20-\x7e]/gu, (c) => (/[\t\n\r]/.test(c) || forbiddenCharacterIn(c) ? `<${codePoint(c)}>` : c));
}
