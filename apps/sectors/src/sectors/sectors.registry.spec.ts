import { describe, expect, it } from '@jest/globals';
import { isHsCodeFormat, isKnownHsChapter, isOkvedFormat } from '#reference';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CriterionId, SectorId } from './sector.types.js';
import { SECTOR_DEFINITIONS, findSectorDefinition, getSectorDefinition } from './sectors.registry.js';

const DATA_DIR = process.env.TUMEN_SHARED_DATA_DIR ?? path.resolve(process.cwd(), '../shared/data');

function hsCodesInDataset(): Set<string> {
  const text = readFileSync(path.join(DATA_DIR, 'harmonized-system/harmonized-system.csv'), 'utf8');
  return new Set(text.split('\n').map((line) => line.split(',')[1]).filter((code) => /^\d+$/.test(code ?? '')));
}

function okvedCodesInDataset(): Set<string> {
  const text = readFileSync(path.join(DATA_DIR, 'okved2/okved2-20231201.utf8.csv'), 'utf8');
  return new Set(text.split('\n').slice(1).map((line) => (line.split(';')[1] ?? '').replace(/"/g, '').trim()));
}

const EXPECTED_WEIGHTS: Record<SectorId, Record<CriterionId, number>> = {
  mining: { capability_coverage: 0.25, product_fit: 0.2, activity_fit: 0.15, scale_fit: 0.15, proximity: 0.1, settlement: 0.05, export_experience: 0.1 },
  automobile: { capability_coverage: 0.25, product_fit: 0.2, activity_fit: 0.15, scale_fit: 0.15, proximity: 0.05, settlement: 0.05, export_experience: 0.15 },
  electricity: { capability_coverage: 0.3, product_fit: 0.15, activity_fit: 0.15, scale_fit: 0.15, proximity: 0.1, settlement: 0.05, export_experience: 0.1 },
};

const DPRK_BOX = { minLat: 37.5, maxLat: 43.1, minLon: 124, maxLon: 131 };
const ALL_SEEDS = SECTOR_DEFINITIONS.flatMap((s) => s.seed);

describe('sector registry', () => {
  it('registers mining, automobile and electricity once each', () => {
    expect(SECTOR_DEFINITIONS.map((s) => s.id)).toEqual(['mining', 'automobile', 'electricity']);
  });

  it.each(['mining', 'automobile', 'electricity'] as const)('finds %p by id', (id) => {
    expect(getSectorDefinition(id).id).toBe(id);
    expect(findSectorDefinition(id)?.id).toBe(id);
  });

  it('has no definition for an unknown id', () => {
    expect(findSectorDefinition('shipping')).toBeUndefined();
    expect(() => getSectorDefinition('shipping' as SectorId)).toThrow('Sector "shipping" is not registered');
  });
});

describe.each(SECTOR_DEFINITIONS.map((s) => [s.id, s] as const))('sector %s', (id, sector) => {
  it('has a rubric for itself with the documented weights', () => {
    expect(sector.rubric.sector).toBe(id);
    expect(Object.fromEntries(sector.rubric.criteria.map((c) => [c.id, c.weight]))).toEqual(EXPECTED_WEIGHTS[id]);
    expect(sector.rubric.criteria).toHaveLength(7);
  });

  it('has rubric weights summing to 1', () => {
    const sum = sector.rubric.criteria.reduce((acc, c) => acc + c.weight, 0);
    expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
  });

  it('describes each criterion in one line', () => {
    expect(sector.rubric.criteria.filter((c) => c.description.trim() === '' || c.description.includes('\n'))).toEqual([]);
  });

  it('has a vocabulary of 12–20 unique snake_case capabilities', () => {
    const ids = sector.capabilities.map((c) => c.id);
    expect(ids.length).toBeGreaterThanOrEqual(12);
    expect(ids.length).toBeLessThanOrEqual(20);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((c) => !/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(c))).toEqual([]);
  });

  it('has default OKVED2 codes that exist in the classifier', () => {
    const known = okvedCodesInDataset();
    expect(sector.defaultOkved.length).toBeGreaterThan(0);
    expect(sector.defaultOkved.filter((c) => !isOkvedFormat(c) || !known.has(c))).toEqual([]);
  });

  it('has at least 12 seed opportunities of its own sector, keyed by sector', () => {
    expect(sector.seed.length).toBeGreaterThanOrEqual(12);
    expect(sector.seed.filter((s) => s.sector !== id).map((s) => s.key)).toEqual([]);
    expect(sector.seed.filter((s) => !s.key.startsWith(`${id}-`) || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(s.key)).map((s) => s.key)).toEqual([]);
  });

  it('has seeds whose attributes pass the sector validator unchanged', () => {
    const failures = sector.seed
      .map((s) => ({ key: s.key, result: sector.attributes.validateAttributes(s.attributes), attributes: s.attributes }))
      .filter(({ result, attributes }) => !result.ok || JSON.stringify(result.value) !== JSON.stringify(attributes))
      .map(({ key, result }) => ({ key, result }));
    expect(failures).toEqual([]);
  });

  it('has seeds requiring only capabilities of its vocabulary', () => {
    const vocabulary = new Set(sector.capabilities.map((c) => c.id));
    const unknown = sector.seed.flatMap((s) => s.requiredCapabilities.filter((c) => !vocabulary.has(c)).map((c) => `${s.key}: ${c}`));
    expect(unknown).toEqual([]);
    expect(sector.seed.filter((s) => s.requiredCapabilities.length === 0).map((s) => s.key)).toEqual([]);
  });

  it('has seeds whose HS and OKVED2 codes exist in the classifiers', () => {
    const hs = hsCodesInDataset();
    const okved = okvedCodesInDataset();
    const badHs = sector.seed.flatMap((s) => s.hsCodes.filter((c) => !isHsCodeFormat(c) || !isKnownHsChapter(c) || !hs.has(c)));
    const badOkved = sector.seed.flatMap((s) => (s.okved ?? []).filter((c) => !isOkvedFormat(c) || !okved.has(c)));
    expect(badHs).toEqual([]);
    expect(badOkved).toEqual([]);
  });

  it('has seed sites inside the DPRK bounding box', () => {
    const outside = sector.seed.filter(
      ({ site }) => site.lat < DPRK_BOX.minLat || site.lat > DPRK_BOX.maxLat || site.lon < DPRK_BOX.minLon || site.lon > DPRK_BOX.maxLon,
    );
    expect(outside.map((s) => s.key)).toEqual([]);
  });

  it('has seeds with a positive size, ISO currencies, a placeholder contact and a 2–3 sentence description', () => {
    const bad = sector.seed.filter((s) => {
      const sentences = s.description.split(/[.!?](?:\s+|$)/).filter((part) => part.trim() !== '');
      return (
        !(s.sizeUsd > 0) ||
        s.settlementCurrencies.length === 0 ||
        s.settlementCurrencies.some((c) => !/^[A-Z]{3}$/.test(c)) ||
        !(s.counterparty.contact ?? '').endsWith('@example.invalid') ||
        sentences.length < 2 ||
        sentences.length > 3 ||
        !s.description.includes('Opportunity to')
      );
    });
    expect(bad.map((s) => s.key)).toEqual([]);
  });

  it('has at least one service opportunity that no HS code classifies', () => {
    expect(sector.seed.some((s) => s.direction === 'services' && s.hsCodes.length === 0)).toBe(true);
  });

  it('has supply to the DPRK and at least one joint venture or investment', () => {
    expect(sector.seed.some((s) => s.direction === 'supply_to_dprk')).toBe(true);
    expect(sector.seed.some((s) => s.direction === 'investment' && s.structure !== 'contract')).toBe(true);
  });
});

describe('seed catalogue as a whole', () => {
  it('has unique keys across sectors', () => {
    const keys = ALL_SEEDS.map((s) => s.key);
    expect(keys.length - new Set(keys).size).toBe(0);
  });

  it('transships Russian-origin coal through Rajin as a service', () => {
    const transit = ALL_SEEDS.filter((s) => s.direction === 'services' && s.attributes.originCountry === 'RU');
    expect(transit.map((s) => [s.key, s.hsCodes, s.site.lat, s.site.lon])).toEqual([
      ['mining-rajin-russian-coal-transshipment', ['2701'], 42.25559, 130.28308],
    ]);
  });

  it.each([
    ['2701', 'procurement_from_dprk'],
    ['2601', 'procurement_from_dprk'],
    ['2608', 'procurement_from_dprk'],
    ['8426', 'supply_to_dprk'],
    ['8702', 'supply_to_dprk'],
    ['8504', 'supply_to_dprk'],
  ])('includes HS %p with direction %p', (hs, direction) => {
    expect(ALL_SEEDS.some((s) => s.hsCodes.includes(hs) && s.direction === direction)).toBe(true);
  });

  it('includes heavy cargo-handling equipment for docks', () => {
    const dockKeys = ALL_SEEDS.filter((s) => s.requiredCapabilities.some((c) => ['port_cranes', 'port_handling_vehicles', 'port_electrification'].includes(c))).map((s) => s.key);
    expect(dockKeys).toEqual([
      'mining-rajin-port-bulk-cranes',
      'automobile-rajin-port-reach-stackers',
      'electricity-rajin-port-crane-substation',
    ]);
  });
});
