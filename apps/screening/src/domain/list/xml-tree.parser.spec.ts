import { describe, expect, it } from '@jest/globals';
import { ListFormatError } from './list-format.error.js';
import { childElement, childElements, lineAt, parseXml } from './xml-tree.parser.js';

function failureOf(xml: string): ListFormatError {
  try {
    parseXml(xml);
  } catch (error) {
    if (error instanceof ListFormatError) return error;
    throw error;
  }
  throw new Error('expected a ListFormatError');
}

describe('parseXml', () => {
  it.each([
    ['predefined entities', '<a>&amp;&lt;&gt;&quot;&apos;</a>', `&<>"'`],
    ['decimal and hex character references', '<a>&#65;&#x42;&#x1F600;&#1044;</a>', 'AB😀Д'],
    ['CDATA kept verbatim', '<a><![CDATA[x < y && <b>]]></a>', 'x < y && <b>'],
    ['text around CDATA and comments', '<a>one <!-- skipped --> two <![CDATA[&amp;]]></a>', 'one  two &amp;'],
    ['non-ASCII text as is', '<a>Pot’onggang — 김정은</a>', 'Pot’onggang — 김정은'],
    ['empty element', '<a></a>', ''],
    ['self-closing root', '<a/>', ''],
  ])('decodes %s', (_case, xml, expectedText) => {
    expect(parseXml(xml).text).toBe(expectedText);
  });

  it('reads declaration, BOM, processing instructions, attributes and nested elements', () => {
    const xml = [
      '\uFEFF<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
      '<!-- a comment before the root -->',
      '<?style type="x"?>',
      `<ROOT a="1 &amp; 2" b='say "hi"' c = "&#x41;">`,
      '  <ITEM n="1"/>',
      '  <ITEM n="2">two</ITEM>',
      '  <OTHER>x</OTHER>',
      '</ROOT>',
      '<!-- trailing comment -->',
    ].join('\n');
    const root = parseXml(xml);
    expect(root.name).toBe('ROOT');
    expect(root.attributes).toEqual({ a: '1 & 2', b: 'say "hi"', c: 'A' });
    expect(childElements(root, 'ITEM').map((item) => [item.attributes['n'], item.text])).toEqual([
      ['1', ''],
      ['2', 'two'],
    ]);
    expect(childElement(root, 'OTHER')?.text).toBe('x');
    expect(childElement(root, 'MISSING')).toBeUndefined();
    expect(lineAt(xml, childElement(root, 'OTHER')!.offset)).toBe(7);
  });

  it.each([
    ['an unclosed element', '<a>\n<b>text</b>\n', /element <a> opened on line 1 is not closed/, 3],
    ['a truncated closing tag', '<a><b>x</b></a', /inside tag <\/a>/, 1],
    ['a truncated opening tag', '<a><b x="1"', /inside tag <b>/, 1],
    ['a mismatched closing tag', '<a>\n  <b>x</c>\n</a>', /Mismatched closing tag <\/c>: expected <\/b>/, 2],
    ['a closing tag without an opening tag', '<a></a></b>', /Content after the root element|no matching opening tag/, 1],
    ['a second root element', '<a/>\n<b/>', /Content after the root element/, 2],
    ['text after the root', '<a/>x', /Text after the root element/, 1],
    ['text before the root', 'x<a/>', /Text before the root element/, 1],
    ['an empty document', '', /no root element/, 1],
    ['only a declaration', '<?xml version="1.0"?>\n', /no root element/, 2],
    ['an unknown entity', '<a>\n&nbsp;</a>', /Unknown entity &nbsp;/, 2],
    ['a bare ampersand', '<a>AT&T</a>', /invalid entity reference/, 1],
    ['an invalid character reference', '<a>&#0;</a>', /Invalid character reference/, 1],
    ['a duplicate attribute', '<a x="1" x="2"/>', /Duplicate attribute "x"/, 1],
    ['an unquoted attribute', '<a x=1/>', /is not quoted/, 1],
    ['an attribute without a value', '<a x/>', /has no value/, 1],
    ['attributes without whitespace', '<a x="1"y="2"/>', /Missing whitespace/, 1],
    ['"<" in an attribute value', '<a x="<"/>', /contains "<"/, 1],
    ['an unterminated comment', '<a><!-- x</a>', /Unterminated comment/, 1],
    ['"--" inside a comment', '<a><!-- x -- y --></a>', /"--" is not allowed/, 1],
    ['an unterminated CDATA section', '<a><![CDATA[x</a>', /Unterminated CDATA/, 1],
    ['a DOCTYPE', '<!DOCTYPE a [<!ENTITY x "y">]><a/>', /DOCTYPE declarations are not supported/, 1],
    ['a misplaced XML declaration', '<a>\n<?xml version="1.0"?></a>', /only allowed at the start/, 2],
    ['an invalid element name', '<a><1b/></a>', /Invalid element name/, 1],
  ])('rejects %s', (_case, xml, message, line) => {
    const error = failureOf(xml);
    expect(error.message).toMatch(message);
    expect(error.line).toBe(line);
    expect(error.code).toBe('LIST_FORMAT_INVALID');
  });
});
