import type { SectorDefinition } from '../sector-definition.js';
import { MINING_ATTRIBUTES } from './mining.attributes.js';
import { MINING_CAPABILITIES } from './mining.capabilities.js';
import { MINING_SEED } from './mining.seed.js';

/** The mining sector: ores, coal and industrial minerals, their equipment and their bulk logistics. */
export const MINING_SECTOR: SectorDefinition = {
  id: 'mining',
  title: 'Mining',
  description: 'Extraction and beneficiation of ores, coal and industrial minerals, mining equipment, and the rail and port logistics of bulk cargo.',
  rubric: {
    sector: 'mining',
    criteria: [
      { id: 'capability_coverage', weight: 0.25, description: 'Share of the required mining capabilities the company declares.' },
      { id: 'product_fit', weight: 0.2, description: 'Match of the company’s HS codes with the ores, coal or machinery involved.' },
      { id: 'activity_fit', weight: 0.15, description: 'Match of the company’s OKVED2 codes with the mining activities involved.' },
      { id: 'scale_fit', weight: 0.15, description: 'Company revenue and headcount against the size of the deal.' },
      { id: 'proximity', weight: 0.1, description: 'Distance from the company’s site to the mine or port; bulk cargo travels badly.' },
      { id: 'settlement', weight: 0.05, description: 'Whether the company accepts settlement in roubles.' },
      { id: 'export_experience', weight: 0.1, description: 'Years of export experience of the company.' },
    ],
  },
  capabilities: MINING_CAPABILITIES,
  attributes: MINING_ATTRIBUTES,
  defaultOkved: ['05', '07', '08', '09', '28.92', '71.12.3', '46.72', '49.20', '52.24'],
  seed: MINING_SEED,
};
