import type { SectorDefinition } from '../sector-definition.js';
import { ELECTRICITY_ATTRIBUTES } from './electricity.attributes.js';
import { ELECTRICITY_CAPABILITIES } from './electricity.capabilities.js';
import { ELECTRICITY_SEED } from './electricity.seed.js';

/** The electricity sector: generation, transmission, distribution and their equipment. */
export const ELECTRICITY_SECTOR: SectorDefinition = {
  id: 'electricity',
  title: 'Electricity',
  description: 'Power generation (hydro, coal, solar, wind), transmission and distribution grids, substations, interconnectors and their equipment.',
  rubric: {
    sector: 'electricity',
    criteria: [
      { id: 'capability_coverage', weight: 0.3, description: 'Share of the required electricity capabilities the company declares; power projects are engineering-led.' },
      { id: 'product_fit', weight: 0.15, description: 'Match of the company’s HS codes with the generating or grid equipment involved.' },
      { id: 'activity_fit', weight: 0.15, description: 'Match of the company’s OKVED2 codes with power generation, transmission or equipment manufacture.' },
      { id: 'scale_fit', weight: 0.15, description: 'Company revenue and headcount against the size of the deal.' },
      { id: 'proximity', weight: 0.1, description: 'Distance from the company’s site to the plant or line; Far Eastern grids lie closest.' },
      { id: 'settlement', weight: 0.05, description: 'Whether the company accepts settlement in roubles.' },
      { id: 'export_experience', weight: 0.1, description: 'Years of export experience of the company.' },
    ],
  },
  capabilities: ELECTRICITY_CAPABILITIES,
  attributes: ELECTRICITY_ATTRIBUTES,
  defaultOkved: ['35.11', '35.12', '35.13', '27.11', '27.12', '27.32', '28.11', '33.14', '42.22', '43.21'],
  seed: ELECTRICITY_SEED,
};
