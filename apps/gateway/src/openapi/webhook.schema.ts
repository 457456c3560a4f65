import type { OpenAPIObject } from '@nestjs/swagger';
import { WEBHOOK_EVENT_TYPES } from '#contracts';

/** Schemas of the webhook routes' answers, written out because the replies are interfaces. */
const uuid = { type: 'string', format: 'uuid' };
const dateTime = { type: 'string', format: 'date-time' };
const nullableDateTime = { ...dateTime, nullable: true };

const webhook = {
  type: 'object',
  required: ['id', 'url', 'events', 'minScore', 'status', 'disabledReason', 'disabledAt', 'previousSecretExpiresAt', 'createdAt'],
  properties: {
    id: uuid,
    url: { type: 'string', format: 'uri' },
    events: { type: 'array', items: { type: 'string', enum: [...WEBHOOK_EVENT_TYPES] } },
    minScore: { type: 'number', nullable: true, description: 'match.created only for leads scoring at least this; null: every lead' },
    status: { type: 'string', enum: ['active', 'disabled'], description: 'disabled: a delivery failed every attempt (disabledReason); POST …/enable sends again' },
    disabledReason: { type: 'string', nullable: true },
    disabledAt: nullableDateTime,
    previousSecretExpiresAt: { ...nullableDateTime, description: 'after a rotation, the previous secret signs too until then' },
    createdAt: dateTime,
  },
};

const WEBHOOK_EXAMPLE = {
  id: '6f1c1c8e-3f57-4a7e-9f0b-4c2d3e1a5b60',
  url: 'https://hooks.example.com/tumen',
  events: ['match.created', 'import.finished'],
  minScore: 70,
  status: 'active',
  disabledReason: null,
  disabledAt: null,
  previousSecretExpiresAt: null,
  createdAt: '2026-12-02T10:00:00.000Z',
};

const SECRET_EXAMPLE = { ...WEBHOOK_EXAMPLE, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' };

const attempt = {
  type: 'object',
  required: ['attempt', 'at', 'durationMs', 'statusCode', 'error'],
  properties: {
    attempt: { type: 'integer', description: 'from 1' },
    at: dateTime,
    durationMs: { type: 'integer' },
    statusCode: { type: 'integer', nullable: true, description: "the receiver's HTTP status; null when none came" },
    error: { type: 'string', nullable: true, description: 'why no status came (timeout, refused connection, address no longer public)' },
  },
};

const delivery = {
  type: 'object',
  required: ['id', 'type', 'status', 'attempts', 'nextAttemptAt', 'createdAt', 'deliveredAt'],
  properties: {
    id: { type: 'string', description: 'the webhook-id header, the same on every attempt' },
    type: { type: 'string', enum: [...WEBHOOK_EVENT_TYPES] },
    status: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
    attempts: { type: 'array', items: { $ref: '#/components/schemas/WebhookAttempt' } },
    nextAttemptAt: nullableDateTime,
    createdAt: dateTime,
    deliveredAt: nullableDateTime,
  },
};

const cursorPage = (item: string, description: string) => ({
  type: 'object',
  description: `${description} Pass \`nextCursor\` back as \`after\` for the next page; null at the end.`,
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: { $ref: `#/components/schemas/${item}` } }, nextCursor: { type: 'string', nullable: true } },
});

const DELIVERIES_EXAMPLE = {
  items: [
    {
      id: '0b8f4c1e-6a0d-4d9e-8c43-1f7b2a9d3e55',
      type: 'match.created',
      status: 'delivered',
      attempts: [
        { attempt: 1, at: '2026-12-02T10:00:01.000Z', durationMs: 120, statusCode: 500, error: null },
        { attempt: 2, at: '2026-12-02T10:01:01.000Z', durationMs: 95, statusCode: 200, error: null },
      ],
      nextAttemptAt: null,
      createdAt: '2026-12-02T10:00:00.800Z',
      deliveredAt: '2026-12-02T10:01:01.095Z',
    },
  ],
  nextCursor: null,
};

export const WEBHOOK_SCHEMAS = {
  Webhook: webhook,
  WebhookWithSecret: {
    allOf: [
      { $ref: '#/components/schemas/Webhook' },
      { type: 'object', required: ['secret'], properties: { secret: { type: 'string', description: 'whsec_…: answered this once; verify webhook-signature with it' } } },
    ],
  },
  WebhookPage: cursorPage('Webhook', "The partner's endpoints, oldest first."),
  WebhookAttempt: attempt,
  WebhookDelivery: delivery,
  WebhookDeliveryPage: cursorPage('WebhookDelivery', "An endpoint's deliveries, oldest first, each with its attempts."),
  WebhookDeleted: { type: 'object', required: ['id', 'deleted'], properties: { id: uuid, deleted: { type: 'boolean', enum: [true] } } },
};

/** [method, path, status, schema, description, example] of each webhook route's answer. */
const ROUTES: [string, string, number, string, string, unknown][] = [
  ['post', '/v1/webhooks', 201, 'WebhookWithSecret', 'The endpoint, with its secret (shown this once)', SECRET_EXAMPLE],
  ['get', '/v1/webhooks', 200, 'WebhookPage', "The partner's endpoints", { items: [WEBHOOK_EXAMPLE], nextCursor: null }],
  ['get', '/v1/webhooks/{id}', 200, 'Webhook', 'The endpoint (404: not the caller’s)', WEBHOOK_EXAMPLE],
  ['delete', '/v1/webhooks/{id}', 200, 'WebhookDeleted', 'Deleted, with its deliveries', { id: WEBHOOK_EXAMPLE.id, deleted: true }],
  ['post', '/v1/webhooks/{id}/rotate-secret', 200, 'WebhookWithSecret', 'The new secret (shown this once); the previous one signs too until previousSecretExpiresAt', SECRET_EXAMPLE],
  ['post', '/v1/webhooks/{id}/enable', 200, 'Webhook', 'Active again: pending deliveries are sent', WEBHOOK_EXAMPLE],
  ['get', '/v1/webhooks/{id}/deliveries', 200, 'WebhookDeliveryPage', "The endpoint's deliveries and their attempts", DELIVERIES_EXAMPLE],
];

/** The webhook routes' answers, with examples, in the document. */
export function describeWebhooks(document: OpenAPIObject): void {
  for (const [method, path, status, schema, description, example] of ROUTES) {
    const operation = document.paths[path]?.[method as 'get'];
    if (!operation) continue;
    operation.responses = { ...operation.responses, [status]: { description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` }, example } } } };
  }
}
