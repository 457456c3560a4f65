import { IsObject, IsString, IsUUID, Matches } from 'class-validator';
import { CallerDto, PageQueryDto } from '../common/caller.dto.js';
import { IdempotencyKeyField } from '../common/idempotency.js';
import { NestedObject, Text } from '../common/text.js';
import { CompanyProfileDto } from './company-profile.dto.js';

export class CreatePartnerRequest {
  @Text(2, 200)
  name!: string;
}

export interface PartnerCreatedReply {
  id: string;
  name: string;
  /** Shown once; only its SHA-256 hash is stored. */
  apiKey: string;
}

export class AuthenticatePartnerRequest {
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'apiKeyHash must be a hex SHA-256 digest' })
  apiKeyHash!: string;
}

export interface PartnerView {
  id: string;
  name: string;
}

export class CreateCompanyRequest {
  @NestedObject(() => CallerDto)
  caller!: CallerDto;

  @NestedObject(() => CompanyProfileDto)
  profile!: CompanyProfileDto;

  /** The partner's Idempotency-Key: the same key and profile within 24 h create one company and answer it again. */
  @IdempotencyKeyField()
  idempotencyKey?: string;
}

export class CompanyByIdRequest {
  @NestedObject(() => CallerDto)
  caller!: CallerDto;

  @IsUUID()
  id!: string;
}

export class UpdateCompanyRequest extends CompanyByIdRequest {
  /** Fields to change; merged over the stored profile and validated as a whole profile. */
  @IsObject()
  patch!: Record<string, unknown>;
}

export class ListCompaniesRequest extends PageQueryDto {
  @NestedObject(() => CallerDto)
  caller!: CallerDto;
}

export interface CompanyDeletedReply {
  id: string;
  deleted: true;
}

/** Outbox event types the companies service writes. */
export const CompanyEventType = {
  UPSERTED: 'company.upserted',
  DELETED: 'company.deleted',
} as const;
export type CompanyEventType = (typeof CompanyEventType)[keyof typeof CompanyEventType];
