import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { CallerDto, MAX_PAGE_SIZE } from '../common/caller.dto.js';
import { NestedObject, Text } from '../common/text.js';

/** What a partner's endpoint may subscribe to. */
export const WEBHOOK_EVENT_TYPES = ['match.created', 'match.verdict_changed', 'introduction.decided', 'import.finished'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The longest URL an endpoint may have. */
export const WEBHOOK_URL_MAX_CHARS = 2048;
/** A cursor as the lists give it (base64url JSON of the sort key) is well under this. */
const CURSOR_MAX_CHARS = 512;

/** `active`: deliveries are sent; `disabled`: a delivery ran out of attempts (see `disabledReason`), until the partner enables it again. */
export type WebhookStatus = 'active' | 'disabled';

/** An endpoint as its partner reads it. The secret is answered only when created or rotated. */
export interface WebhookView {
  id: string;
  url: string;
  events: WebhookEventType[];
  /** `match.created` is sent only for leads scoring at least this (0 to 100); null: every lead. */
  minScore: number | null;
  status: WebhookStatus;
  disabledReason: string | null;
  disabledAt: string | null;
  /** Until then the previous secret signs too (after a rotation); null when only one secret signs. */
  previousSecretExpiresAt: string | null;
  createdAt: string;
}

/** A new endpoint, or a rotated secret: the `whsec_…` secret is answered this once. */
export interface WebhookSecretReply extends WebhookView {
  secret: string;
}

export interface WebhookDeletedReply {
  id: string;
  deleted: true;
}

/** `pending`: waiting for its next attempt; `delivered`: an attempt got a 2xx; `failed`: it ran out of attempts. */
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One HTTP attempt of a delivery. */
export interface WebhookAttemptView {
  attempt: number;
  at: string;
  durationMs: number;
  /** The receiver's HTTP status; null when none came (see `error`). */
  statusCode: number | null;
  /** Why no status came (a timeout, a refused connection, an address no longer public…); null when one did. */
  error: string | null;
}

/** One event for one endpoint, with every attempt so far. `id` is the `webhook-id` header: the same on each attempt. */
export interface WebhookDeliveryView {
  id: string;
  type: WebhookEventType;
  status: WebhookDeliveryStatus;
  attempts: WebhookAttemptView[];
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** What a partner registers: `POST /v1/webhooks`. */
export class WebhookRegistrationDto {
  @Text(1, WEBHOOK_URL_MAX_CHARS)
  url!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events!: WebhookEventType[];

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  minScore?: number;
}

export class CreateWebhookRequest extends WebhookRegistrationDto {
  @NestedObject(() => CallerDto)
  caller!: CallerDto;
}

export class WebhookByIdRequest {
  @NestedObject(() => CallerDto)
  caller!: CallerDto;

  @IsUUID()
  id!: string;
}

/** A keyset page: `after` is the `nextCursor` a page gave. */
export class WebhookPageQuery {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @IsOptional()
  @Text(1, CURSOR_MAX_CHARS)
  after?: string;
}

export class ListWebhooksRequest extends WebhookPageQuery {
  @NestedObject(() => CallerDto)
  caller!: CallerDto;
}

export class ListWebhookDeliveriesRequest extends WebhookPageQuery {
  @NestedObject(() => CallerDto)
  caller!: CallerDto;

  @IsUUID()
  id!: string;
}
