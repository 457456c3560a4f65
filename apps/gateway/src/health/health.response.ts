import type { BusState } from '#platform';

/** The body of GET /health, 200 or 503 alike. */
export interface HealthResponse {
  status: 'up' | 'down';
  /** What is not up: `messaging` (the gateway's own NATS connection) and each service not up. */
  down: string[];
  messaging: BusState;
  /** Per service: `up`, `down (<checks that failed>)`, or `down (unreachable: <why>)` when it could not be asked. */
  services: Record<string, string>;
}

/** The same, for OpenAPI. */
export const HEALTH_RESPONSE_SCHEMA = {
  type: 'object',
  required: ['status', 'down', 'messaging', 'services'],
  properties: {
    status: { type: 'string', enum: ['up', 'down'] },
    down: { type: 'array', items: { type: 'string' }, example: ['messaging', 'companies'] },
    messaging: {
      type: 'string',
      enum: ['up', 'reconnecting', 'down'],
      description: "The gateway's NATS connection: `reconnecting` while NATS is away (it reconnects forever), `down` once closed.",
    },
    services: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'Per service: `up`, `down (<checks that failed>)`, or `down (unreachable: <why>)`.',
      example: { companies: 'down (unreachable: NATS is reconnecting: companies.v1.health.check not sent)', matching: 'up' },
    },
  },
};
