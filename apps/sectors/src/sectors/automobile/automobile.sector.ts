import type { SectorDefinition } from '../sector-definition.js';
import { AUTOMOBILE_ATTRIBUTES } from './automobile.attributes.js';
import { AUTOMOBILE_CAPABILITIES } from './automobile.capabilities.js';
import { AUTOMOBILE_SEED } from './automobile.seed.js';

/** The automobile sector: vehicles, kits, parts and their servicing. */
export const AUTOMOBILE_SECTOR: SectorDefinition = {
  id: 'automobile',
  title: 'Automobile',
  description: 'Cars, buses, trucks, tractors and special vehicles: supply, kit assembly, parts manufacture and servicing.',
  rubric: {
    sector: 'automobile',
    criteria: [
      { id: 'capability_coverage', weight: 0.25, description: 'Share of the required automobile capabilities the company declares.' },
      { id: 'product_fit', weight: 0.2, description: 'Match of the company’s HS codes with the vehicles, kits or parts involved.' },
      { id: 'activity_fit', weight: 0.15, description: 'Match of the company’s OKVED2 codes with vehicle manufacture, trade or repair.' },
      { id: 'scale_fit', weight: 0.15, description: 'Company revenue and headcount against the size of the deal.' },
      { id: 'proximity', weight: 0.05, description: 'Distance from the company’s site to the opportunity; vehicles ship well, so it weighs little.' },
      { id: 'settlement', weight: 0.05, description: 'Whether the company accepts settlement in roubles.' },
      { id: 'export_experience', weight: 0.15, description: 'Years of export experience; after-sales support abroad depends on it.' },
    ],
  },
  capabilities: AUTOMOBILE_CAPABILITIES,
  attributes: AUTOMOBILE_ATTRIBUTES,
  defaultOkved: ['29', '29.10', '29.20', '29.31', '29.32', '28.30', '22.11', '45.11', '45.20', '45.31'],
  seed: AUTOMOBILE_SEED,
};
