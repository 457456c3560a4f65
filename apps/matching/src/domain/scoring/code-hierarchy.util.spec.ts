import { describe, expect, it } from '@jest/globals';
import {
  formatOkved,
  hsCredit,
  hsPrefixes,
  normaliseHs,
  normaliseOkved,
  okvedCredit,
  okvedPrefixes,
} from './code-hierarchy.util.js';

describe('normaliseHs', () => {
  it.each([
    ['84', '84'],
    ['8429', '8429'],
    ['842952', '842952'],
    ['8429.52', '842952'],
    ['8429 52', '842952'],
    ['8429520000', '842952'],
    ['84295', '8429'],
    ['842', '84'],
    ['8', undefined],
    ['84A9', undefined],
    ['', undefined],
  ])('%j → %j', (input, expected) => {
    expect(normaliseHs(input)).toBe(expected);
  });

  it('lists chapter, heading and subheading keys', () => {
    expect(hsPrefixes('842952')).toEqual(['84', '8429', '842952']);
    expect(hsPrefixes('84')).toEqual(['84']);
  });
});

describe('hsCredit', () => {
  it.each([
    ['842952', '842952', 1],
    ['842952', '8429', 1],
    ['842952', '84', 1],
    ['842959', '842952', 0.7],
    ['8429', '842952', 0.7],
    ['847410', '842952', 0.4],
    ['84', '8429', 0.4],
    ['85', '8429', 0],
    ['2701', '842952', 0],
  ])('company %s against required %s → %d', (company, required, credit) => {
    expect(hsCredit(company, required)).toBe(credit);
  });
});

describe('normaliseOkved', () => {
  it.each([
    ['05', '05'],
    ['05.1', '051'],
    ['05.10', '0510'],
    ['29.10.2', '29102'],
    ['29.10.21', '291021'],
    [' 35.11 ', '3511'],
    ['29.1.2', undefined],
    ['5.10', undefined],
    ['05.100', undefined],
    ['05-10', undefined],
  ])('%j → %j', (input, expected) => {
    expect(normaliseOkved(input)).toBe(expected);
  });

  it('formats keys back and lists their ancestors', () => {
    expect(['05', '051', '0510', '29102', '291021'].map(formatOkved)).toEqual(['05', '05.1', '05.10', '29.10.2', '29.10.21']);
    expect(okvedPrefixes('29102')).toEqual(['29', '291', '2910', '29102']);
  });
});

describe('okvedCredit', () => {
  it.each([
    ['29102', '29102', 1],
    ['291021', '29102', 1],
    ['0510', '05', 1],
    ['291021', '291022', 0.9],
    ['29103', '29102', 0.8],
    ['2910', '29102', 0.8],
    ['2912', '2910', 0.6],
    ['2920', '2910', 0.4],
    ['29', '2910', 0.4],
    ['3511', '2910', 0],
  ])('company %s against required %s → %d', (company, required, credit) => {
    expect(okvedCredit(company, required)).toBe(credit);
  });
});
