import { describe, expect, it } from '@jest/globals';
import { defineSectorAttributes } from './attribute-schema.js';

const attributes = defineSectorAttributes('test', {
  kind: { type: 'enum', required: true, values: ['a', 'b'], description: 'Kind.' },
  level: { type: 'enum', required: false, values: [10, 35], description: 'Level.' },
  amount: { type: 'number', required: false, greaterThan: 0, description: 'Amount.' },
  count: { type: 'number', required: false, integer: true, atLeast: 1, atMost: 9, description: 'Count.' },
  code: { type: 'string', required: false, pattern: /^[A-Z]{2}$/, patternDescription: 'two capital letters', description: 'Code.' },
  flag: { type: 'boolean', required: false, description: 'Flag.' },
});

describe('defineSectorAttributes', () => {
  it('describes its fields', () => {
    expect(attributes.fields.map((f) => [f.name, f.type, f.required])).toEqual([
      ['kind', 'enum', true],
      ['level', 'enum', false],
      ['amount', 'number', false],
      ['count', 'number', false],
      ['code', 'string', false],
      ['flag', 'boolean', false],
    ]);
    expect(attributes.fields[1].values).toEqual([10, 35]);
  });

  it('accepts a valid object', () => {
    expect(attributes.validateAttributes({ kind: 'a', level: 35, amount: 0.5, count: 9, code: 'RU', flag: false })).toEqual({
      ok: true,
      value: { kind: 'a', level: 35, amount: 0.5, count: 9, code: 'RU', flag: false },
    });
  });

  it('treats known fields set to undefined as absent', () => {
    expect(attributes.validateAttributes({ kind: 'b', amount: undefined })).toEqual({ ok: true, value: { kind: 'b' } });
  });

  it('rejects an unknown key even when its value is undefined', () => {
    expect(attributes.validateAttributes({ kind: 'a', extra: undefined })).toEqual({
      ok: false,
      errors: [{ field: 'attributes.extra', reason: 'is not an attribute of the test sector' }],
    });
  });

  it.each([
    [null, 'attributes', 'must be an object'],
    [[], 'attributes', 'must be an object'],
    ['kind=a', 'attributes', 'must be an object'],
    [{}, 'attributes.kind', 'is required'],
    [{ kind: 'c' }, 'attributes.kind', 'must be one of: a, b'],
    [{ kind: 'a', level: '35' }, 'attributes.level', 'must be one of: 10, 35'],
    [{ kind: 'a', amount: 0 }, 'attributes.amount', 'must be greater than 0'],
    [{ kind: 'a', amount: -1 }, 'attributes.amount', 'must be greater than 0'],
    [{ kind: 'a', amount: '5' }, 'attributes.amount', 'must be a number'],
    [{ kind: 'a', amount: null }, 'attributes.amount', 'must be a number'],
    [{ kind: 'a', amount: Number.NaN }, 'attributes.amount', 'must be a finite number'],
    [{ kind: 'a', amount: Number.POSITIVE_INFINITY }, 'attributes.amount', 'must be a finite number'],
    [{ kind: 'a', count: 2.5 }, 'attributes.count', 'must be an integer'],
    [{ kind: 'a', count: 0 }, 'attributes.count', 'must be at least 1'],
    [{ kind: 'a', count: 10 }, 'attributes.count', 'must be at most 9'],
    [{ kind: 'a', code: 'ru' }, 'attributes.code', 'must be two capital letters'],
    [{ kind: 'a', code: 7 }, 'attributes.code', 'must be a string'],
    [{ kind: 'a', flag: 'yes' }, 'attributes.flag', 'must be true or false'],
    [{ kind: 'a', colour: 'red' }, 'attributes.colour', 'is not an attribute of the test sector'],
  ])('rejects %p at %p: %s', (input, field, reason) => {
    expect(attributes.validateAttributes(input)).toEqual({ ok: false, errors: [{ field, reason }] });
  });

  it('reports every error, unknown keys first', () => {
    expect(attributes.validateAttributes({ colour: 'red', amount: -3 })).toEqual({
      ok: false,
      errors: [
        { field: 'attributes.colour', reason: 'is not an attribute of the test sector' },
        { field: 'attributes.kind', reason: 'is required' },
        { field: 'attributes.amount', reason: 'must be greater than 0' },
      ],
    });
  });
});
