import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import type { SectorView } from '#contracts';
import { isKnownHsChapter, isKnownOkvedDivision } from '#reference';
import { validateInn } from '../../apps/companies/src/domain/inn.validator.js';
import { DPRK_BOX, generateOpportunityInput, generateProfile, SECTOR_EXTRA_OKVED, SECTOR_HS_CODES, vocabulariesFrom } from './bench-data.generator.js';
import { SeededRandom } from '#testing';

const view = (id: SectorView['id'], capabilities: string[]): SectorView => ({
  id,
  title: id,
  description: '',
  criteria: [],
  capabilities: capabilities.map((c) => ({ id: c, label: c })),
  attributes: [{ name: 'kind', type: 'enum', required: true, values: ['a', 'b'] }, { name: 'size', type: 'number', required: false }],
  defaultOkved: ['05'],
});
const vocabularies = vocabulariesFrom([
  view('mining', ['open_pit_mining', 'minerals_trading', 'heavy_haulage']),
  view('automobile', ['vehicle_assembly', 'auto_parts']),
  view('electricity', ['grid_construction', 'switchgear']),
]);

describe('bench data generator', () => {
  it.each([
    ['mining', SECTOR_HS_CODES.mining],
    ['automobile', SECTOR_HS_CODES.automobile],
    ['electricity', SECTOR_HS_CODES.electricity],
  ])('uses only existing HS chapters for %s', (_sector, codes) => {
    expect(codes.filter((c) => !isKnownHsChapter(c.slice(0, 2)))).toEqual([]);
  });

  it.each([
    ['mining', SECTOR_EXTRA_OKVED.mining],
    ['automobile', SECTOR_EXTRA_OKVED.automobile],
    ['electricity', SECTOR_EXTRA_OKVED.electricity],
  ])('uses only existing OKVED2 divisions for %s', (_sector, codes) => {
    expect(codes.filter((c) => !isKnownOkvedDivision(c))).toEqual([]);
  });

  it('gives every company a valid, distinct INN and capabilities of its own sectors', () => {
    const rng = new SeededRandom(7);
    const profiles = Array.from({ length: 500 }, (_, i) => generateProfile(rng, i + 1, vocabularies));
    expect(profiles.filter((p) => !validateInn(p.inn).ok)).toEqual([]);
    expect(new Set(profiles.map((p) => p.inn)).size).toBe(500);
    const foreign = profiles.filter((p) => {
      const own = new Set(p.sectors.flatMap((s) => vocabularies.get(s)!.capabilities));
      return p.capabilities.some((c) => !own.has(c));
    });
    expect(foreign).toEqual([]);
  });

  it('places every opportunity site inside the DPRK and fills the required attributes only', () => {
    const rng = new SeededRandom(11);
    const inputs = Array.from({ length: 300 }, () => generateOpportunityInput(rng, 'mining', vocabularies.get('mining')!));
    const outside = inputs.filter(
      (o) => o.site.lat < DPRK_BOX.minLat || o.site.lat > DPRK_BOX.maxLat || o.site.lon < DPRK_BOX.minLon || o.site.lon > DPRK_BOX.maxLon,
    );
    expect(outside).toEqual([]);
    expect(new Set(inputs.map((o) => Object.keys(o.attributes).join(',')))).toEqual(new Set(['kind']));
  });

  it('draws the same data set from the same seed', () => {
    const a = generateProfile(new SeededRandom(3), 1, vocabularies);
    const b = generateProfile(new SeededRandom(3), 1, vocabularies);
    expect(b).toEqual(a);
    expect(a.inn).toMatch(/^\d{10}$/);
  });
});
