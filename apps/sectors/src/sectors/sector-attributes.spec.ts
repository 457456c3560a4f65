import { describe, expect, it } from '@jest/globals';
import { AUTOMOBILE_ATTRIBUTES } from './automobile/automobile.attributes.js';
import { ELECTRICITY_ATTRIBUTES } from './electricity/electricity.attributes.js';
import { MINING_ATTRIBUTES } from './mining/mining.attributes.js';

describe('mining attributes', () => {
  it('accepts Russian-origin coal in transit', () => {
    expect(MINING_ATTRIBUTES.validateAttributes({ mineral: 'coal', annualTonnage: 2_000_000, originCountry: 'RU' })).toEqual({
      ok: true,
      value: { mineral: 'coal', annualTonnage: 2_000_000, originCountry: 'RU' },
    });
  });

  it.each([
    [{ mineral: 'iron_ore', annualTonnage: -5 }, 'attributes.annualTonnage', 'must be greater than 0'],
    [{ mineral: 'iron_ore', annualTonnage: 0 }, 'attributes.annualTonnage', 'must be greater than 0'],
    [{ mineral: 'iron_ore', annualTonnage: '300000' }, 'attributes.annualTonnage', 'must be a number'],
    [{ mineral: 'iron_ore' }, 'attributes.annualTonnage', 'is required'],
    [{ mineral: 'uranium', annualTonnage: 10 }, 'attributes.mineral', 'must be one of: coal, anthracite, iron_ore, magnesite, zinc, lead, copper, gold, silver, rare_earths, graphite, tungsten, molybdenum, limestone, fluorspar'],
    [{ mineral: 'coal', annualTonnage: 10, miningMethod: 'strip' }, 'attributes.miningMethod', 'must be one of: open_pit, underground'],
    [{ mineral: 'coal', annualTonnage: 10, originCountry: 'Russia' }, 'attributes.originCountry', 'must be an ISO 3166-1 alpha-2 country code such as RU'],
    [{ mineral: 'coal', annualTonnage: 10, oreGradePct: 120 }, 'attributes.oreGradePct', 'must be at most 100'],
    [{ mineral: 'coal', annualTonnage: 1e300 }, 'attributes.annualTonnage', 'must be at most 10000000000'],
    [{ mineral: 'coal', annualTonnage: 10, tonnage: 10 }, 'attributes.tonnage', 'is not an attribute of the mining sector'],
  ])('rejects %p at %p: %s', (attrs, field, reason) => {
    expect(MINING_ATTRIBUTES.validateAttributes(attrs)).toEqual({ ok: false, errors: [{ field, reason }] });
  });
});

describe('automobile attributes', () => {
  it('accepts a bus assembly opportunity', () => {
    expect(AUTOMOBILE_ATTRIBUTES.validateAttributes({ vehicleSegment: 'bus', activity: 'assembly', annualUnits: 200 })).toEqual({
      ok: true,
      value: { vehicleSegment: 'bus', activity: 'assembly', annualUnits: 200 },
    });
  });

  it.each([
    [{ vehicleSegment: 'motorcycle', activity: 'assembly' }, 'attributes.vehicleSegment', 'must be one of: passenger_car, bus, truck, tractor, special_vehicle, parts'],
    [{ vehicleSegment: 'bus', activity: 'leasing' }, 'attributes.activity', 'must be one of: assembly, parts, service, supply'],
    [{ vehicleSegment: 'bus', activity: 'assembly', annualUnits: 12.5 }, 'attributes.annualUnits', 'must be an integer'],
    [{ vehicleSegment: 'bus', activity: 'assembly', annualUnits: -1 }, 'attributes.annualUnits', 'must be greater than 0'],
    [{ vehicleSegment: 'bus', activity: 'assembly', annualUnits: 1e17 }, 'attributes.annualUnits', 'must be at most 100000000'],
    [{ vehicleSegment: 'bus', activity: 'assembly', localContentPct: 101 }, 'attributes.localContentPct', 'must be at most 100'],
    [{ vehicleSegment: 'bus' }, 'attributes.activity', 'is required'],
    [{ vehicleSegment: 'bus', activity: 'assembly', colour: 'red' }, 'attributes.colour', 'is not an attribute of the automobile sector'],
  ])('rejects %p at %p: %s', (attrs, field, reason) => {
    expect(AUTOMOBILE_ATTRIBUTES.validateAttributes(attrs)).toEqual({ ok: false, errors: [{ field, reason }] });
  });
});

describe('electricity attributes', () => {
  it('accepts a 220 kV interconnector', () => {
    expect(ELECTRICITY_ATTRIBUTES.validateAttributes({ generationType: 'interconnector', voltageKv: 220, capacityMw: 100 })).toEqual({
      ok: true,
      value: { generationType: 'interconnector', capacityMw: 100, voltageKv: 220 },
    });
  });

  it.each([
    [{ generationType: 'nuclear' }, 'attributes.generationType', 'must be one of: hydro, thermal_coal, solar, wind, grid, substation, interconnector'],
    [{ generationType: 'grid', voltageKv: 330 }, 'attributes.voltageKv', 'must be one of: 6, 10, 35, 110, 220, 500'],
    [{ generationType: 'hydro', capacityMw: 1e17 }, 'attributes.capacityMw', 'must be at most 1000000'],
    [{ generationType: 'grid', lineLengthKm: 1e300 }, 'attributes.lineLengthKm', 'must be at most 100000'],
    [{ generationType: 'solar', annualEnergyGwh: 1e17 }, 'attributes.annualEnergyGwh', 'must be at most 10000000'],
    [{ generationType: 'grid', voltageKv: '220' }, 'attributes.voltageKv', 'must be one of: 6, 10, 35, 110, 220, 500'],
    [{ generationType: 'hydro', capacityMw: 0 }, 'attributes.capacityMw', 'must be greater than 0'],
    [{ generationType: 'grid', lineLengthKm: -2 }, 'attributes.lineLengthKm', 'must be greater than 0'],
    [{ capacityMw: 10 }, 'attributes.generationType', 'is required'],
    [{ generationType: 'solar', panels: 1000 }, 'attributes.panels', 'is not an attribute of the electricity sector'],
  ])('rejects %p at %p: %s', (attrs, field, reason) => {
    expect(ELECTRICITY_ATTRIBUTES.validateAttributes(attrs)).toEqual({ ok: false, errors: [{ field, reason }] });
  });
});
