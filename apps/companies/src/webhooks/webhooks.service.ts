import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ErrorCode, type Caller, type CursorPage, type WebhookDeletedReply, type WebhookDeliveryView, type WebhookEventType, type WebhookSecretReply, type WebhookView } from '#contracts';
import { CREATED_KEY, decodeCursor, DomainError } from '#platform';
import { resolveWebhookTarget, WebhookUrlError } from './public-address.js';
import { endpointView, WebhookEndpointsRepository, type EndpointRecord } from './webhook-endpoints.repository.js';
import { WebhookQueueRepository } from './webhook-queue.repository.js';
import { newWebhookSecret } from './webhook-signer.js';
import { WEBHOOKS_CONFIG, type WebhooksConfig } from './webhooks.config.js';

const DEFAULT_PAGE = 50;

/** A partner's webhook endpoints: registered, listed, rotated, enabled again, deleted, and their deliveries read. Only the partner's own. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly queue: WebhookQueueRepository,
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
  ) {}

  async create(caller: Caller, url: string, events: WebhookEventType[], minScore?: number): Promise<WebhookSecretReply> {
    const partnerId = partnerOf(caller);
    const target = await this.checkedUrl(url);
    const secret = newWebhookSecret();
    const record = await this.endpoints.create({ id: randomUUID(), partnerId, url: target, events, minScore: minScore ?? null, secret });
    return { ...endpointView(record), secret };
  }

  list(caller: Caller, limit = DEFAULT_PAGE, after?: string): Promise<CursorPage<WebhookView>> {
    return this.endpoints.list(partnerOf(caller), decodeCursor(after, CREATED_KEY), limit);
  }

  async get(caller: Caller, id: string): Promise<WebhookView> {
    return endpointView(await this.own(caller, id));
  }

  async delete(caller: Caller, id: string): Promise<WebhookDeletedReply> {
    if (!(await this.endpoints.delete(partnerOf(caller), id))) throw notFound(id);
    return { id, deleted: true };
  }

  async rotateSecret(caller: Caller, id: string): Promise<WebhookSecretReply> {
    const secret = newWebhookSecret();
    const record = await this.endpoints.rotate(partnerOf(caller), id, secret, this.config.secretOverlapMs);
    if (!record) throw notFound(id);
    return { ...endpointView(record), secret };
  }

  /** A disabled endpoint takes deliveries again: its pending ones are sent, and new events enqueued. */
  async enable(caller: Caller, id: string): Promise<WebhookView> {
    const record = await this.endpoints.enable(partnerOf(caller), id);
    if (!record) throw notFound(id);
    return endpointView(record);
  }

  async deliveries(caller: Caller, id: string, limit = DEFAULT_PAGE, after?: string): Promise<CursorPage<WebhookDeliveryView>> {
    const cursor = decodeCursor(after, CREATED_KEY);
    const endpoint = await this.own(caller, id);
    return this.queue.list(endpoint.id, cursor, limit);
  }

  private async own(caller: Caller, id: string): Promise<EndpointRecord> {
    const record = await this.endpoints.find(partnerOf(caller), id);
    if (!record) throw notFound(id);
    return record;
  }

  /** The URL as it will be called, once its host resolved to addresses it may reach (OWASP API7). */
  private async checkedUrl(url: string): Promise<string> {
    try {
      return (await resolveWebhookTarget(url, this.config.allowPrivate)).url.href;
    } catch (error) {
      if (error instanceof WebhookUrlError) throw DomainError.validation([{ field: 'url', reason: error.message }]);
      throw error;
    }
  }
}

/** Endpoints are the partners' own; the admin key registers none. */
function partnerOf(caller: Caller): string {
  if (!caller.partnerId) throw new DomainError(ErrorCode.FORBIDDEN, 'Webhooks are registered by partners; use a partner API key');
  return caller.partnerId;
}

function notFound(id: string): DomainError {
  return DomainError.notFound('Webhook', id);
}
