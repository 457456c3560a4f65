import { defineSectorAttributes } from '../attribute-schema.js';

/** Minerals the mining catalogue knows. */
export const MINERALS = [
  'coal', 'anthracite', 'iron_ore', 'magnesite', 'zinc', 'lead', 'copper', 'gold', 'silver',
  'rare_earths', 'graphite', 'tungsten', 'molybdenum', 'limestone', 'fluorspar',
] as const;

/** Attributes of a mining opportunity. */
export const MINING_ATTRIBUTES = defineSectorAttributes('mining', {
  mineral: { type: 'enum', required: true, values: MINERALS, description: 'The mineral mined, processed or shipped.' },
  annualTonnage: { type: 'number', required: true, greaterThan: 0, atMost: 10_000_000_000, description: 'Tonnes a year mined, processed or handled.' },
  miningMethod: { type: 'enum', required: false, values: ['open_pit', 'underground'], description: 'How the deposit is worked.' },
  originCountry: {
    type: 'string',
    required: false,
    pattern: /^[A-Z]{2}$/,
    patternDescription: 'an ISO 3166-1 alpha-2 country code such as RU',
    description: 'Country where the mineral was produced, when it is not the DPRK (e.g. Russian coal in transit).',
  },
  oreGradePct: { type: 'number', required: false, greaterThan: 0, atMost: 100, description: 'Metal or mineral content of the ore, in percent.' },
});
