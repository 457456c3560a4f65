import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partners' webhook endpoints, the durable queue of their deliveries and each HTTP attempt.
 * A delivery is unique on (endpoint, event key): an event consumed twice enqueues once. The queue
 * is read by due time (`webhook_delivery_due`) and listed per endpoint by (created_at, id) keyset.
 */
export class Webhooks1764250000000 implements MigrationInterface {
  name = 'Webhooks1764250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE companies.webhook_endpoint (
      id uuid PRIMARY KEY,
      partner_id uuid NOT NULL REFERENCES companies.partner(id),
      url text NOT NULL,
      events text[] NOT NULL,
      min_score double precision,
      secret text NOT NULL,
      previous_secret text,
      previous_secret_expires_at timestamptz,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
      disabled_reason text,
      disabled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX webhook_endpoint_partner ON companies.webhook_endpoint (partner_id, created_at, id)`);
    // next_attempt_at is also the lease of a claimed delivery: a worker that dies leaves it due again once it passes.
    await q.query(`CREATE TABLE companies.webhook_delivery (
      id uuid PRIMARY KEY,
      endpoint_id uuid NOT NULL REFERENCES companies.webhook_endpoint(id) ON DELETE CASCADE,
      event_key text NOT NULL,
      type text NOT NULL,
      payload jsonb NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz,
      UNIQUE (endpoint_id, event_key)
    )`);
    await q.query(`CREATE INDEX webhook_delivery_due ON companies.webhook_delivery (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX webhook_delivery_endpoint_created ON companies.webhook_delivery (endpoint_id, created_at, id)`);
    await q.query(`CREATE TABLE companies.webhook_attempt (
      delivery_id uuid NOT NULL REFERENCES companies.webhook_delivery(id) ON DELETE CASCADE,
      attempt integer NOT NULL,
      at timestamptz NOT NULL,
      duration_ms integer NOT NULL,
      status_code integer,
      error text,
      PRIMARY KEY (delivery_id, attempt)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE companies.webhook_attempt`);
    await q.query(`DROP TABLE companies.webhook_delivery`);
    await q.query(`DROP TABLE companies.webhook_endpoint`);
  }
}
