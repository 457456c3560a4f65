/**
 * Shapes the sectors catalogue shares with other services. They mirror the shared contracts
 * field for field until those are published in libs/contracts.
 */

/** The sectors the platform covers. */
export type SectorId = 'mining' | 'automobile' | 'electricity';

/** The scoring criteria a rubric weighs. */
export type CriterionId =
  | 'capability_coverage'
  | 'product_fit'
  | 'activity_fit'
  | 'scale_fit'
  | 'proximity'
  | 'settlement'
  | 'export_experience';

/** Which way goods, services or money flow relative to the DPRK. */
export type OpportunityDirection = 'supply_to_dprk' | 'procurement_from_dprk' | 'services' | 'investment';

/** The legal form the cooperation would take. */
export type OpportunityStructure = 'contract' | 'joint_venture' | 'investment';

/** A business opportunity in the DPRK catalogue of one sector. */
export interface Opportunity {
  id: string;
  sector: SectorId;
  title: string;
  description: string;
  site: { name: string; lat: number; lon: number };
  counterparty: { name: string; contact?: string };
  requiredCapabilities: string[];
  hsCodes: string[];
  okved?: string[];
  direction: OpportunityDirection;
  structure: OpportunityStructure;
  sizeUsd: number;
  settlementCurrencies: string[];
  attributes: Record<string, unknown>;
}

/** An opportunity as shipped in a sector's seed catalogue: a stable `key` instead of a database id, for idempotent loading. */
export type OpportunitySeed = Omit<Opportunity, 'id'> & { key: string };

/** The scoring rubric of a sector: weights sum to 1. */
export interface SectorRubric {
  sector: SectorId;
  criteria: { id: CriterionId; weight: number; description: string }[];
}
