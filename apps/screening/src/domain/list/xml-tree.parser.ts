import { ListFormatError } from './list-format.error.js';

/** One element of a parsed XML document: its attributes, child elements and its own character data. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** Character data directly inside this element (text and CDATA), entities decoded, not trimmed. */
  text: string;
  /** Offset of the element's `<` in the source string, used for line numbers in errors. */
  readonly offset: number;
}

const NAME = /[A-Za-z_:\u00C0-\uFFFF][A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]*/y;
const WHITESPACE_ONLY = /^[ \t\r\n]*$/;
const PREDEFINED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);
const MAX_ENTITY_LENGTH = 12;

/** Returns the 1-based line number of an offset in a string. */
export function lineAt(source: string, offset: number): number {
  let line = 1;
  let from = source.indexOf('\n');
  while (from !== -1 && from < offset) {
    line += 1;
    from = source.indexOf('\n', from + 1);
  }
  return line;
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isAllowedCodePoint(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * A strict, whole-string XML parser for data documents: elements, attributes, text, CDATA,
 * comments, processing instructions and the XML declaration. Predefined and numeric character
 * references are decoded; DOCTYPE declarations (and so custom entities) are refused.
 */
class XmlTreeParser {
  private pos = 0;
  private readonly stack: XmlElement[] = [];
  private root: XmlElement | undefined;
  private rootClosed = false;

  constructor(private readonly src: string) {}

  parse(): XmlElement {
    const src = this.src;
    if (src.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.readDeclaration();
    while (this.pos < src.length) {
      const lt = src.indexOf('<', this.pos);
      if (lt === -1) {
        this.addText(src.slice(this.pos), this.pos);
        this.pos = src.length;
        break;
      }
      if (lt > this.pos) this.addText(src.slice(this.pos, lt), this.pos);
      this.pos = lt;
      const next = src.charCodeAt(lt + 1);
      if (next === 0x2f /* / */) this.readCloseTag();
      else if (next === 0x21 /* ! */) this.readMarkupDeclaration();
      else if (next === 0x3f /* ? */) this.readProcessingInstruction();
      else this.readOpenTag();
    }
    const open = this.stack[this.stack.length - 1];
    if (open) {
      throw this.error(
        `Unexpected end of document: element <${open.name}> opened on line ${lineAt(src, open.offset)} is not closed`,
        src.length,
      );
    }
    if (!this.root) throw this.error('Document has no root element', src.length);
    return this.root;
  }

  private error(message: string, offset: number): ListFormatError {
    return new ListFormatError(message, lineAt(this.src, offset));
  }

  private readDeclaration(): void {
    const src = this.src;
    if (!src.startsWith('<?xml', this.pos) || !isWhitespace(src.charCodeAt(this.pos + 5))) return;
    const end = src.indexOf('?>', this.pos);
    if (end === -1) throw this.error('Unterminated XML declaration', this.pos);
    if (!/\sversion\s*=\s*["']1\.\d["']/.test(src.slice(this.pos, end))) {
      throw this.error('XML declaration has no valid version', this.pos);
    }
    this.pos = end + 2;
  }

  private readName(at: number, what: string): string {
    NAME.lastIndex = at;
    const match = NAME.exec(this.src);
    if (!match) {
      if (at >= this.src.length) throw this.error(`Unexpected end of document in ${what}`, at);
      throw this.error(`Invalid ${what}`, at);
    }
    return match[0];
  }

  private skipWhitespace(): boolean {
    const start = this.pos;
    while (this.pos < this.src.length && isWhitespace(this.src.charCodeAt(this.pos))) this.pos += 1;
    return this.pos > start;
  }

  private readOpenTag(): void {
    const src = this.src;
    const start = this.pos;
    if (this.rootClosed || (this.root && this.stack.length === 0)) {
      throw this.error('Content after the root element', start);
    }
    const name = this.readName(start + 1, 'element name');
    this.pos = start + 1 + name.length;
    const attributes: Record<string, string> = {};
    let selfClosing = false;
    for (;;) {
      const hadSpace = this.skipWhitespace();
      if (this.pos >= src.length) throw this.error(`Unexpected end of document inside tag <${name}>`, start);
      const code = src.charCodeAt(this.pos);
      if (code === 0x3e /* > */) {
        this.pos += 1;
        break;
      }
      if (code === 0x2f /* / */) {
        if (src.charCodeAt(this.pos + 1) !== 0x3e) throw this.error(`Malformed tag <${name}>`, this.pos);
        this.pos += 2;
        selfClosing = true;
        break;
      }
      if (!hadSpace) throw this.error(`Missing whitespace before attribute in <${name}>`, this.pos);
      this.readAttribute(name, attributes);
    }
    const element: XmlElement = { name, attributes, children: [], text: '', offset: start };
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.children.push(element);
    else this.root = element;
    if (selfClosing) {
      if (!parent) this.rootClosed = true;
    } else {
      this.stack.push(element);
    }
  }

  private readAttribute(tag: string, attributes: Record<string, string>): void {
    const src = this.src;
    const at = this.pos;
    const name = this.readName(at, `attribute name in <${tag}>`);
    this.pos = at + name.length;
    this.skipWhitespace();
    if (src.charCodeAt(this.pos) !== 0x3d /* = */) {
      throw this.error(`Attribute "${name}" in <${tag}> has no value`, this.pos);
    }
    this.pos += 1;
    this.skipWhitespace();
    const quote = src[this.pos];
    if (quote !== '"' && quote !== "'") {
      throw this.error(`Attribute "${name}" in <${tag}> is not quoted`, this.pos);
    }
    const end = src.indexOf(quote, this.pos + 1);
    if (end === -1) throw this.error(`Unterminated value of attribute "${name}" in <${tag}>`, at);
    const raw = src.slice(this.pos + 1, end);
    if (raw.includes('<')) throw this.error(`Attribute "${name}" in <${tag}> contains "<"`, at);
    if (Object.prototype.hasOwnProperty.call(attributes, name)) {
      throw this.error(`Duplicate attribute "${name}" in <${tag}>`, at);
    }
    attributes[name] = this.decode(raw, this.pos + 1);
    this.pos = end + 1;
  }

  private readCloseTag(): void {
    const start = this.pos;
    const name = this.readName(start + 2, 'closing tag name');
    this.pos = start + 2 + name.length;
    this.skipWhitespace();
    if (this.src.charCodeAt(this.pos) !== 0x3e) {
      if (this.pos >= this.src.length) throw this.error(`Unexpected end of document inside tag </${name}>`, start);
      throw this.error(`Malformed closing tag </${name}>`, this.pos);
    }
    this.pos += 1;
    const open = this.stack.pop();
    if (!open) throw this.error(`Closing tag </${name}> has no matching opening tag`, start);
    if (open.name !== name) {
      throw this.error(
        `Mismatched closing tag </${name}>: expected </${open.name}> for the element opened on line ${lineAt(this.src, open.offset)}`,
        start,
      );
    }
    if (this.stack.length === 0) this.rootClosed = true;
  }

  private readMarkupDeclaration(): void {
    const src = this.src;
    const start = this.pos;
    if (src.startsWith('<!--', start)) {
      const end = src.indexOf('-->', start + 4);
      if (end === -1) throw this.error('Unterminated comment', start);
      const dashes = src.indexOf('--', start + 4);
      if (dashes < end) throw this.error('"--" is not allowed inside a comment', dashes);
      this.pos = end + 3;
      return;
    }
    if (src.startsWith('<![CDATA[', start)) {
      const parent = this.stack[this.stack.length - 1];
      if (!parent) throw this.error('CDATA section outside the root element', start);
      const end = src.indexOf(']]>', start + 9);
      if (end === -1) throw this.error('Unterminated CDATA section', start);
      parent.text += src.slice(start + 9, end);
      this.pos = end + 3;
      return;
    }
    if (src.startsWith('<!DOCTYPE', start)) {
      throw this.error('DOCTYPE declarations are not supported', start);
    }
    throw this.error('Malformed markup declaration', start);
  }

  private readProcessingInstruction(): void {
    const start = this.pos;
    const target = this.readName(start + 2, 'processing instruction target');
    if (target.toLowerCase() === 'xml') {
      throw this.error('The XML declaration is only allowed at the start of the document', start);
    }
    const end = this.src.indexOf('?>', start + 2 + target.length);
    if (end === -1) throw this.error(`Unterminated processing instruction <?${target}`, start);
    this.pos = end + 2;
  }

  private addText(text: string, offset: number): void {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      if (!WHITESPACE_ONLY.test(text)) {
        throw this.error(this.root ? 'Text after the root element' : 'Text before the root element', offset);
      }
      return;
    }
    parent.text += this.decode(text, offset);
  }

  private decode(raw: string, offset: number): string {
    let amp = raw.indexOf('&');
    if (amp === -1) return raw;
    let out = '';
    let from = 0;
    while (amp !== -1) {
      const semi = raw.indexOf(';', amp + 1);
      if (semi === -1 || semi - amp > MAX_ENTITY_LENGTH) {
        throw this.error('Unterminated or invalid entity reference', offset + amp);
      }
      out += raw.slice(from, amp) + this.resolveEntity(raw.slice(amp + 1, semi), offset + amp);
      from = semi + 1;
      amp = raw.indexOf('&', from);
    }
    return out + raw.slice(from);
  }

  private resolveEntity(name: string, offset: number): string {
    if (name.startsWith('#')) {
      const hex = name[1] === 'x';
      const digits = name.slice(hex ? 2 : 1);
      const valid = hex ? /^[0-9A-Fa-f]+$/.test(digits) : /^[0-9]+$/.test(digits);
      const cp = valid ? Number.parseInt(digits, hex ? 16 : 10) : Number.NaN;
      if (!valid || !isAllowedCodePoint(cp)) throw this.error(`Invalid character reference &${name};`, offset);
      return String.fromCodePoint(cp);
    }
    const value = PREDEFINED_ENTITIES.get(name);
    if (value === undefined) throw this.error(`Unknown entity &${name};`, offset);
    return value;
  }
}

/** Parses a whole XML document into an element tree; throws ListFormatError (with a line number) if it is not well-formed. */
export function parseXml(xml: string): XmlElement {
  return new XmlTreeParser(xml).parse();
}

/** Returns the first direct child of an element with the given name. */
export function childElement(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}

/** Returns every direct child of an element with the given name. */
export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}
