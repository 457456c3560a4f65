import { IsBoolean, IsObject, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../common/caller.dto.js';
import type { CriterionId, SectorId } from '../common/domain.js';
import { NestedObject } from '../common/text.js';
import { OpportunityInputDto } from './opportunity.dto.js';

/** A sector as `GET /v1/sectors` shows it: its rubric and its vocabulary. */
export interface SectorView {
  id: SectorId;
  title: string;
  description: string;
  criteria: { id: CriterionId; weight: number; description: string }[];
  capabilities: { id: string; label: string; description?: string }[];
  /** Human-readable description of the sector-specific opportunity attributes. */
  attributes: { name: string; type: string; required: boolean; values?: (string | number)[]; description?: string }[];
  /** OKVED2 codes the sector's activity falls under, used where an opportunity names none. */
  defaultOkved: string[];
}

export class CreateOpportunityRequest {
  @NestedObject(() => OpportunityInputDto)
  opportunity!: OpportunityInputDto;
}

export class OpportunityByIdRequest {
  @IsUUID()
  id!: string;

  /** Admins see the counterparty's contact; everyone else sees a summary. */
  @IsOptional()
  @IsBoolean()
  withContact?: boolean;
}

export class UpdateOpportunityRequest {
  @IsUUID()
  id!: string;

  /** Fields to change; merged over the stored opportunity and validated as a whole. */
  @IsObject()
  patch!: Record<string, unknown>;
}

export class ListOpportunitiesRequest extends PageQueryDto {}

export interface OpportunityDeletedReply {
  id: string;
  deleted: true;
}

/** Outbox event types the sectors service writes; payloads never carry the counterparty's contact. */
export const OpportunityEventType = {
  UPSERTED: 'opportunity.upserted',
  DELETED: 'opportunity.deleted',
} as const;
export type OpportunityEventType = (typeof OpportunityEventType)[keyof typeof OpportunityEventType];
