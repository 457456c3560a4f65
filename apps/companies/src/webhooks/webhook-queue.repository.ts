import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CursorPage, WebhookAttemptView, WebhookDeliveryStatus, WebhookDeliveryView, WebhookEventType } from '#contracts';
import { cursorPage, fitToBytes, type CursorKey } from '#platform';
import type { EndpointRecord } from './webhook-endpoints.repository.js';

/** One event to enqueue for every endpoint of its partner that takes it. */
export interface WebhookEvent {
  /** Identifies the event for an endpoint: enqueuing the same key twice (an event consumed again) stores one delivery. */
  key: string;
  data: Record<string, unknown>;
  /** A lead's score, held against the endpoint's minScore (match.created only). */
  score?: number;
}

/** A delivery claimed for one attempt, with its endpoint. */
export interface ClaimedDelivery {
  id: string;
  type: WebhookEventType;
  payload: Record<string, unknown>;
  /** Attempts recorded before this one. */
  attempts: number;
  endpoint: EndpointRecord;
}

/** What one attempt came to. */
export interface AttemptOutcome {
  at: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  delivered: boolean;
  /** The wait before the next attempt when it failed; null when it was the last. */
  retryInMs: number | null;
}

interface DeliveryRecord {
  id: string;
  type: WebhookEventType;
  status: WebhookDeliveryStatus;
  next_attempt_at: Date;
  created_at: Date;
  created_key: string;
  delivered_at: Date | null;
  attempt_list: { attempt: number; at: string; duration_ms: number; status_code: number | null; error: string | null }[] | string;
}

/**
 * The durable queue of webhook deliveries (companies.webhook_delivery) and their attempts
 * (companies.webhook_attempt). A delivery is enqueued in the transaction that consumed its event or
 * finished its import; workers of any replica claim due ones with SKIP LOCKED and a lease
 * (`next_attempt_at` moved past the attempt's longest time), so a killed worker's claims fall due
 * again and no delivery is lost or sent by two workers at once.
 */
@Injectable()
export class WebhookQueueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction. */
  transaction<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * In the caller's transaction: one delivery per (active endpoint of the partner subscribed to
   * `type`, event), leads below an endpoint's minScore left out. Answers the deliveries stored.
   */
  async enqueue(db: EntityManager | DataSource, partnerId: string, type: WebhookEventType, occurredAt: string, events: readonly WebhookEvent[]): Promise<number> {
    if (!events.length) return 0;
    // An INSERT answers its rows (an UPDATE answers them with a count).
    const rows: unknown[] = await db.query(
      `INSERT INTO companies.webhook_delivery (id, endpoint_id, event_key, type, payload)
       SELECT gen_random_uuid(), e.id, i.key, $2, jsonb_build_object('type', $2::text, 'timestamp', $3::text, 'data', i.data)
       FROM companies.webhook_endpoint e CROSS JOIN jsonb_to_recordset($4::jsonb) AS i(key text, data jsonb, score double precision)
       WHERE e.partner_id = $1 AND e.status = 'active' AND $2 = ANY(e.events)
         AND (i.score IS NULL OR e.min_score IS NULL OR i.score >= e.min_score)
       ON CONFLICT (endpoint_id, event_key) DO NOTHING
       RETURNING id`,
      [partnerId, type, occurredAt, JSON.stringify(events.map((e) => ({ key: e.key, data: e.data, score: e.score ?? null })))],
    );
    return rows.length;
  }

  /** Claims up to `limit` due deliveries of active endpoints, oldest due first, leasing each for `leaseMs`. */
  async claim(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const [rows]: [{ id: string; type: WebhookEventType; payload: Record<string, unknown> | string; attempts: number; endpoint_id: string }[], number] = await this.dataSource.query(
      `UPDATE companies.webhook_delivery d SET next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
       FROM (
         SELECT w.id FROM companies.webhook_delivery w JOIN companies.webhook_endpoint e ON e.id = w.endpoint_id
         WHERE w.status = 'pending' AND w.next_attempt_at <= now() AND e.status = 'active'
         ORDER BY w.next_attempt_at LIMIT $1 FOR UPDATE OF w SKIP LOCKED
       ) c
       WHERE d.id = c.id
       RETURNING d.id, d.type, d.payload, d.attempts, d.endpoint_id`,
      [limit, leaseMs],
    );
    if (!rows.length) return [];
    const endpoints: EndpointRecord[] = await this.dataSource.query(
      `SELECT *, created_at::text AS created_key FROM companies.webhook_endpoint WHERE id = ANY($1::uuid[])`,
      [[...new Set(rows.map((r) => r.endpoint_id))]],
    );
    const endpointOf = new Map(endpoints.map((e) => [e.id, e]));
    return rows
      .filter((r) => endpointOf.has(r.endpoint_id))
      .map((r) => ({
        id: r.id,
        type: r.type,
        payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
        attempts: r.attempts,
        endpoint: endpointOf.get(r.endpoint_id)!,
      }));
  }

  /**
   * Records an attempt and what follows from it, in one transaction: delivered, due again after
   * its backoff, or failed — and then its endpoint disabled with the reason. An attempt whose
   * lease had run out and was recorded by another worker meanwhile is dropped (false).
   */
  async record(delivery: ClaimedDelivery, outcome: AttemptOutcome): Promise<boolean> {
    return this.dataSource.transaction(async (db) => {
      const attempt = delivery.attempts + 1;
      const status: WebhookDeliveryStatus = outcome.delivered ? 'delivered' : outcome.retryInMs === null ? 'failed' : 'pending';
      const [updated]: [unknown[], number] = await db.query(
        `UPDATE companies.webhook_delivery SET attempts = $3, status = $4,
           delivered_at = CASE WHEN $4 = 'delivered' THEN now() ELSE NULL END,
           next_attempt_at = CASE WHEN $4 = 'pending' THEN now() + make_interval(secs => $5::double precision / 1000) ELSE next_attempt_at END
         WHERE id = $1 AND attempts = $2 AND status = 'pending' RETURNING id`,
        [delivery.id, delivery.attempts, attempt, status, outcome.retryInMs ?? 0],
      );
      if (!updated.length) return false;
      await db.query(
        `INSERT INTO companies.webhook_attempt (delivery_id, attempt, at, duration_ms, status_code, error) VALUES ($1, $2, $3, $4, $5, $6)`,
        [delivery.id, attempt, outcome.at.toISOString(), outcome.durationMs, outcome.statusCode, outcome.error],
      );
      if (status === 'failed') {
        const last = outcome.statusCode !== null ? `HTTP ${outcome.statusCode}` : outcome.error;
        await db.query(
          `UPDATE companies.webhook_endpoint SET status = 'disabled', disabled_at = now(), disabled_reason = $2 WHERE id = $1 AND status = 'active'`,
          [delivery.endpoint.id, `delivery ${delivery.id} (${delivery.type}) failed all ${attempt} attempts; the last, at ${outcome.at.toISOString()}: ${last}`],
        );
      }
      return true;
    });
  }

  /** A page of an endpoint's deliveries, oldest first, each with its attempts. */
  async list(endpointId: string, after: CursorKey | null, limit: number): Promise<CursorPage<WebhookDeliveryView>> {
    const rows: DeliveryRecord[] = await this.dataSource.query(
      `SELECT d.id, d.type, d.status, d.next_attempt_at, d.created_at, d.created_at::text AS created_key, d.delivered_at,
         COALESCE((SELECT json_agg(json_build_object('attempt', a.attempt, 'at', a.at, 'duration_ms', a.duration_ms, 'status_code', a.status_code, 'error', a.error) ORDER BY a.attempt)
                   FROM companies.webhook_attempt a WHERE a.delivery_id = d.id), '[]'::json) AS attempt_list
       FROM companies.webhook_delivery d
       WHERE d.endpoint_id = $1 AND ($2::timestamptz IS NULL OR (d.created_at, d.id) > ($2::timestamptz, $3::uuid))
       ORDER BY d.created_at, d.id LIMIT $4`,
      [endpointId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    return cursorPage(rows, limit, (r) => [r.created_key, r.id], deliveryView, fitToBytes);
  }
}

function deliveryView(r: DeliveryRecord): WebhookDeliveryView {
  const attempts = (typeof r.attempt_list === 'string' ? JSON.parse(r.attempt_list) : r.attempt_list) as Exclude<DeliveryRecord['attempt_list'], string>;
  return {
    id: r.id,
    type: r.type,
    status: r.status,
    attempts: attempts.map(
      (a): WebhookAttemptView => ({ attempt: a.attempt, at: new Date(a.at).toISOString(), durationMs: a.duration_ms, statusCode: a.status_code, error: a.error }),
    ),
    nextAttemptAt: r.status === 'pending' ? new Date(r.next_attempt_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
    deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null,
  };
}
