import type { CriterionId, OpportunityInputDto, SectorId } from '#contracts';

/** Sectors and criteria are declared once, in libs/contracts. */
export type { CriterionId, SectorId } from '#contracts';

/** An opportunity as shipped in a sector's seed catalogue: the published input with a stable `key` instead of a database id, for idempotent loading. */
export type OpportunitySeed = OpportunityInputDto & { key: string };

/** The scoring rubric of a sector: weights sum to 1. */
export interface SectorRubric {
  sector: SectorId;
  criteria: { id: CriterionId; weight: number; description: string }[];
}
