import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HS_CHAPTERS, hsChapterOf, hsChapterTitle, isHsCodeFormat, isKnownHsChapter } from './hs-chapters.reference.js';

const DATA_DIR = process.env.TUMEN_SHARED_DATA_DIR ?? path.resolve(process.cwd(), '../shared/data');

function chaptersInDataset(): string[] {
  const text = readFileSync(path.join(DATA_DIR, 'harmonized-system/harmonized-system.csv'), 'utf8');
  return text
    .split('\n')
    .filter((line) => /^[^,]*,\d{2},/.test(line) && line.trimEnd().endsWith(',2'))
    .map((line) => line.split(',')[1]);
}

describe('HS_CHAPTERS', () => {
  it('lists exactly the 97 chapters of the HS 2022 dataset, in order', () => {
    expect(HS_CHAPTERS.map((c) => c.code)).toEqual(chaptersInDataset());
    expect(HS_CHAPTERS).toHaveLength(97);
  });

  it('gives every chapter a non-empty title', () => {
    expect(HS_CHAPTERS.filter((c) => c.title.trim() === '')).toEqual([]);
  });
});

describe('isHsCodeFormat', () => {
  it.each([
    ['84', true],
    ['8429', true],
    ['842952', true],
    ['01', true],
    ['8', false],
    ['842', false],
    ['84295', false],
    ['8429520', false],
    ['84a9', false],
    [' 84', false],
    ['84.29', false],
    ['', false],
  ])('%p -> %p', (code, expected) => {
    expect(isHsCodeFormat(code)).toBe(expected);
  });
});

describe('isKnownHsChapter', () => {
  it.each([
    ['01', true],
    ['27', true],
    ['97', true],
    ['99', true],
    ['77', false],
    ['98', false],
    ['00', false],
    ['7701', false],
    ['980100', false],
    ['8429', true],
    ['270112', true],
    ['2', false],
    ['xx', false],
  ])('%p -> %p', (code, expected) => {
    expect(isKnownHsChapter(code)).toBe(expected);
  });
});

describe('hsChapterOf and hsChapterTitle', () => {
  it.each([
    ['2701', '27', 'Mineral fuels, mineral oils and products of their distillation'],
    ['842952', '84', 'Machinery and mechanical appliances; boilers; nuclear reactors; parts'],
    ['87', '87', 'Vehicles other than railway or tramway rolling stock; parts and accessories'],
    ['7701', '77', undefined],
    ['870', undefined, undefined],
  ])('%p is in chapter %p titled %p', (code, chapter, title) => {
    expect(hsChapterOf(code)).toBe(chapter);
    expect(hsChapterTitle(code)).toBe(title);
  });
});
