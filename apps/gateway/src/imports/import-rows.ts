import type { FieldError } from '#contracts';

/** A parsed row: the value to validate as a profile, or why it could not be made into one. */
export type ParsedRow = { value: unknown; errors?: undefined } | { value?: undefined; errors: FieldError[] };

/** A body that cannot be read as rows at all (not CSV, not a JSON array): refused whole. */
export class MalformedBodyError extends Error {}

/** Profile fields a CSV cell holds as a number, a boolean, a `;`-separated list or a JSON array. */
const NUMBER_FIELDS = new Set(['employees', 'annualRevenueRub', 'exportExperienceYears', 'location.lat', 'location.lon']);
const BOOLEAN_FIELDS = new Set(['acceptsRubSettlement']);
const LIST_FIELDS = new Set(['sectors', 'okved', 'hsCodes', 'capabilities']);
const JSON_FIELDS = new Set(['owners', 'directors']);
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * One CSV record as a profile, under the header's column names: an empty cell is an absent field;
 * `employees`, `annualRevenueRub`, `exportExperienceYears` are numbers, `acceptsRubSettlement`
 * `true` or `false`, `sectors`, `okved`, `hsCodes`, `capabilities` lists separated by `;`,
 * `location.lat` and `location.lon` the two halves of `location`, and `owners` and `directors` a
 * JSON array, as in a JSON body. A cell that is not what its column takes is passed on as text, so
 * that the profile's own validation names it as it would in a JSON body.
 */
export function profileFromCsv(header: readonly string[], record: readonly string[]): ParsedRow {
  if (record.length !== header.length) {
    return { errors: [{ field: 'row', reason: `has ${record.length} cells; the header has ${header.length}` }] };
  }
  const profile: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  header.forEach((column, i) => {
    const cell = record[i]!.trim();
    if (cell === '' && !LIST_FIELDS.has(column)) return;
    if (NUMBER_FIELDS.has(column)) {
      const value = NUMBER.test(cell) ? Number(cell) : cell;
      if (column.startsWith('location.')) {
        const location = (profile.location ??= {}) as Record<string, unknown>;
        location[column.slice('location.'.length)] = value;
      } else profile[column] = value;
    } else if (BOOLEAN_FIELDS.has(column)) profile[column] = cell === 'true' ? true : cell === 'false' ? false : cell;
    else if (LIST_FIELDS.has(column)) profile[column] = cell === '' ? [] : cell.split(';').map((item) => item.trim());
    else if (JSON_FIELDS.has(column)) {
      try {
        profile[column] = JSON.parse(cell);
      } catch {
        errors.push({ field: column, reason: 'must be a JSON array, such as [{"name": "Ivan Petrov"}]' });
      }
    } else profile[column] = record[i];
  });
  return errors.length ? { errors } : { value: profile };
}

/** Refuses a CSV header naming a column twice (the second would silently win). */
export function checkCsvHeader(header: readonly string[]): string[] {
  const names = header.map((h) => h.trim());
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) throw new MalformedBodyError(`the header names column ${JSON.stringify(repeated)} twice`);
  if (names.some((name) => name === '')) throw new MalformedBodyError('the header has an empty column name');
  return names;
}

/**
 * Splits the text of a JSON array into its elements' texts as they arrive, without parsing the
 * whole: only the element being read is held. Strings are skipped over (brackets in them do not
 * count); an element longer than `maxChars` or nesting deeper than `maxDepth` is refused, and so
 * is anything but one array (a missing, repeated or trailing comma; text after the array). Each
 * element's text is then for JSON.parse, which refuses what is not JSON inside it.
 */
export class JsonArraySplitter {
  private phase: 'before' | 'inside' | 'after' = 'before';
  /** What the element being read is: an object or array (to its matching bracket), a string, or another scalar (to the next delimiter). */
  private kind: 'composite' | 'string' | 'scalar' | null = null;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private element = '';
  private expectComma = false;
  private elements = 0;

  constructor(
    private readonly maxChars: number,
    private readonly maxDepth: number,
  ) {}

  /** The elements this chunk of text completed. */
  feed(text: string): string[] {
    const done: string[] = [];
    let start = this.kind === null ? -1 : 0;
    let i = 0;
    while (i < text.length) {
      const c = text[i]!;
      if (this.phase !== 'inside') {
        if (!isSpace(c)) {
          if (this.phase === 'after') throw new MalformedBodyError('the body has text after its array');
          if (c !== '[') throw new MalformedBodyError('the body must be a JSON array of profiles');
          this.phase = 'inside';
        }
        i++;
        continue;
      }
      if (this.kind === null) {
        if (c === ',') {
          if (!this.expectComma) throw this.syntax('a comma with no element before it');
          this.expectComma = false;
        } else if (c === ']') {
          if (this.elements > 0 && !this.expectComma) throw this.syntax('a comma before the closing bracket');
          this.phase = 'after';
        } else if (!isSpace(c)) {
          if (this.expectComma) throw this.syntax('a missing comma');
          start = i;
          this.kind = c === '{' || c === '[' ? 'composite' : c === '"' ? 'string' : 'scalar';
          this.depth = this.kind === 'composite' ? 1 : 0;
          this.inString = this.kind === 'string';
        }
        i++;
        continue;
      }
      if (this.kind === 'scalar') {
        if (c === ',' || c === ']' || isSpace(c)) {
          done.push(this.take(text, start, i));
          start = -1;
          continue; // the delimiter is read again between elements
        }
      } else if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') {
          this.inString = false;
          if (this.kind === 'string') {
            done.push(this.take(text, start, i + 1));
            start = -1;
          }
        }
      } else if (c === '"') this.inString = true;
      else if (c === '{' || c === '[') {
        this.depth += 1;
        if (this.depth > this.maxDepth) throw this.syntax(`an element nesting deeper than ${this.maxDepth} levels`);
      } else if (c === '}' || c === ']') {
        this.depth -= 1;
        if (this.depth === 0) {
          done.push(this.take(text, start, i + 1));
          start = -1;
        }
      }
      i++;
    }
    if (this.kind !== null) {
      this.element += text.slice(start);
      if (this.element.length > this.maxChars) throw this.syntax(`an element longer than ${this.maxChars} characters`);
    }
    return done;
  }

  /** At the end of the body: the array must have been closed. */
  end(): void {
    if (this.phase === 'before') throw new MalformedBodyError('the body is empty: send a JSON array of profiles');
    if (this.phase === 'inside') throw new MalformedBodyError('the body ends inside its array');
  }

  private take(text: string, start: number, end: number): string {
    const element = this.element + text.slice(start, end);
    this.element = '';
    this.kind = null;
    this.elements += 1;
    this.expectComma = true;
    if (element.length > this.maxChars) throw this.syntax(`an element longer than ${this.maxChars} characters`);
    return element;
  }

  private syntax(what: string): MalformedBodyError {
    return new MalformedBodyError(`the body is not a JSON array of profiles: ${what} after element ${this.elements}`);
  }
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\n' || c === '\r' || c === '\t';
}
