import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { SECTOR_IDS } from '#contracts';
import { SeededRandom } from '#testing';
import { checkCsvHeader, profileFromCsv } from '../../apps/gateway/src/imports/import-rows.js';
import { generateProfile, type SectorVocabulary } from './bench-data.generator.js';
import { importCsv } from './import-phase.js';

const vocabularies = new Map(
  SECTOR_IDS.map((id): [typeof id, SectorVocabulary] => [id, { id, capabilities: [`${id}_work`, `${id}, "quoted"`], okved: ['07.10', '28.92'], hsCodes: ['2601', '8429'], requiredAttributes: [] }]),
);

describe("the import phase's CSV", () => {
  it('reads back, through the gateway own row parser, as the profiles it was written from', () => {
    const rng = new SeededRandom(7);
    const profiles = Array.from({ length: 50 }, (_, i) => ({
      ...generateProfile(rng, i + 1, vocabularies),
      directors: i % 2 ? [{ name: `Ivan "Vanya" Petrov, ${i}` }] : [],
    }));
    const [header, ...records] = parse(importCsv(profiles), { relax_column_count: true }) as string[][];
    const columns = checkCsvHeader(header!);
    expect(records).toHaveLength(profiles.length);
    records.forEach((record, i) => expect(profileFromCsv(columns, record)).toEqual({ value: profiles[i] }));
  });
});
