import { Type } from 'class-transformer';
import { IsObject, IsString, Length, Matches, ValidateNested } from 'class-validator';

/**
 * What no string of any payload may hold, whatever its field: control characters other than tab,
 * line feed and carriage return (NUL among them, which PostgreSQL cannot store), and invisible
 * format characters (Unicode category Cf: text-direction overrides and isolates, zero-width spaces
 * and joiners, the soft hyphen, the byte-order mark, tag characters) and the invisible Hangul
 * fillers, which make a name look like another one or hide it from the screen.
 * The platform's validation pipe applies this to every string, key and query parameter
 * (`cleanInput` in libs/platform) before anything else sees them.
 */
export const FORBIDDEN_CHARACTER = /(?![\t\n\r])[\p{Cc}\p{Cf}\u034f\u115f\u1160\u3164\uffa0]/u;

/** A surrogate code unit without its other half: such a string is not Unicode text and cannot be stored. */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Keys that name a member of every object's prototype: never a field of any payload. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** Why a string is refused, naming the first offending character by its code point; null if it is acceptable. */
export function forbiddenCharacterIn(text: string): string | null {
  const surrogate = UNPAIRED_SURROGATE.exec(text);
  if (surrogate) return `contains an unpaired surrogate (${codePoint(surrogate[0])}), which is not Unicode text`;
  const found = FORBIDDEN_CHARACTER.exec(text);
  if (!found) return null;
  const kind = /\p{Cc}/u.test(found[0]) ? 'a control character' : 'an invisible or text-direction character';
  return `contains ${kind} (${codePoint(found[0])})`;
}

export function codePoint(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A string field of `min` to `max` characters, counted after the platform has trimmed it and put it
 * in NFKC. One line unless `multiline` (free text such as a description or a note).
 */
export function Text(min: number, max: number, options: { multiline?: boolean } = {}): PropertyDecorator {
  return (target, key) => {
    IsString()(target, key);
    Length(min, max)(target, key);
    if (!options.multiline) Matches(/^[^\t\n\r]*$/, { message: ({ property }) => `${property} must be a single line` })(target, key);
  };
}

/** A nested object of class `type`: an array, a string or null where the object belongs is refused. */
export function NestedObject(type: () => new () => object): PropertyDecorator {
  return (target, key) => {
    IsObject()(target, key);
    ValidateNested()(target, key);
    Type(type)(target, key);
  };
}

/** An array of nested objects of class `type`: each element must itself be an object (`[[]]` is refused). */
export function NestedObjects(type: () => new () => object): PropertyDecorator {
  return (target, key) => {
    IsObject({ each: true })(target, key);
    ValidateNested({ each: true })(target, key);
    Type(type)(target, key);
  };
}
