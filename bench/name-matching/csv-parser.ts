/**
 * Parses RFC 4180-style CSV text: comma-separated, fields optionally double-quoted, quotes
 * inside quoted fields doubled, line breaks allowed inside quoted fields, CRLF or LF endings.
 * Returns rows as arrays of fields.
 */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  while (i < src.length) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field.length === 0) {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
    i += 1;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Parses CSV text with a header line into records keyed by column name. Blank lines and, when
 * `commentPrefix` is given, lines starting with it are skipped.
 */
export function parseCsvRecords(text: string, commentPrefix?: string): Record<string, string>[] {
  const rows = parseCsvRows(text).filter(
    (r) => !(r.length === 1 && r[0].trim() === '') && !(commentPrefix && (r[0] ?? '').startsWith(commentPrefix)),
  );
  const [header, ...body] = rows;
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? ''])));
}
