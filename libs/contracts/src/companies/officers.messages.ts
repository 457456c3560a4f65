import { IsEmail, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { Text } from '../common/text.js';

/** A compliance officer: a person with their own API key, who reviews and decides what the screen holds. */
export interface OfficerView {
  id: string;
  name: string;
  email: string | null;
  createdAt: string;
  /** Set once the admin revoked the officer: their key is refused from then on. */
  revokedAt: string | null;
}

export interface OfficerCreatedReply extends OfficerView {
  /** Shown once; only its SHA-256 hash is stored. Officer keys start with `tmo_`. */
  apiKey: string;
}

/** The body of `POST /v1/officers` (admin). */
export class CreateOfficerRequest {
  @Text(2, 200)
  name!: string;

  @IsOptional()
  @IsEmail()
  email?: string;
}

export class OfficerByIdRequest {
  @IsUUID()
  id!: string;
}

export class AuthenticateOfficerRequest {
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'apiKeyHash must be a hex SHA-256 digest' })
  apiKeyHash!: string;
}

/** Officer keys are told apart from partner keys by this prefix, so a key is looked up once. */
export const OFFICER_KEY_PREFIX = 'tmo_';
