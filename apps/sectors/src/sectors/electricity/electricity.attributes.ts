import { defineSectorAttributes } from '../attribute-schema.js';

/** Attributes of an electricity opportunity. */
export const ELECTRICITY_ATTRIBUTES = defineSectorAttributes('electricity', {
  generationType: {
    type: 'enum',
    required: true,
    values: ['hydro', 'thermal_coal', 'solar', 'wind', 'grid', 'substation', 'interconnector'],
    description: 'The kind of asset concerned: a generation technology or a network asset.',
  },
  capacityMw: { type: 'number', required: false, greaterThan: 0, atMost: 1_000_000, description: 'Installed or transfer capacity, in MW.' },
  voltageKv: { type: 'enum', required: false, values: [6, 10, 35, 110, 220, 500], description: 'Nominal voltage, in kV.' },
  lineLengthKm: { type: 'number', required: false, greaterThan: 0, atMost: 100_000, description: 'Length of line to build or rebuild, in km.' },
  annualEnergyGwh: { type: 'number', required: false, greaterThan: 0, atMost: 10_000_000, description: 'Energy generated or delivered a year, in GWh.' },
});
