import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CursorPage, WebhookEventType, WebhookStatus, WebhookView } from '#contracts';
import { cursorPage, fitToBytes, type CursorKey } from '#platform';

export interface EndpointRecord {
  id: string;
  partner_id: string;
  url: string;
  events: WebhookEventType[];
  min_score: number | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  status: WebhookStatus;
  disabled_reason: string | null;
  disabled_at: Date | null;
  created_at: Date;
  /** created_at as PostgreSQL prints it: the exact cursor key. */
  created_key: string;
}

const COLUMNS = `*, created_at::text AS created_key`;

/** Partners' webhook endpoints (companies.webhook_endpoint). Every read and change is scoped to the endpoint's partner. */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(endpoint: { id: string; partnerId: string; url: string; events: WebhookEventType[]; minScore: number | null; secret: string }): Promise<EndpointRecord> {
    const rows: EndpointRecord[] = await this.dataSource.query(
      `INSERT INTO companies.webhook_endpoint (id, partner_id, url, events, min_score, secret) VALUES ($1, $2, $3, $4::text[], $5, $6) RETURNING ${COLUMNS}`,
      [endpoint.id, endpoint.partnerId, endpoint.url, endpoint.events, endpoint.minScore, endpoint.secret],
    );
    return rows[0]!;
  }

  async find(partnerId: string, id: string): Promise<EndpointRecord | null> {
    const rows: EndpointRecord[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM companies.webhook_endpoint WHERE id = $1 AND partner_id = $2`, [id, partnerId]);
    return rows[0] ?? null;
  }

  async list(partnerId: string, after: CursorKey | null, limit: number): Promise<CursorPage<WebhookView>> {
    const rows: EndpointRecord[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM companies.webhook_endpoint
       WHERE partner_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
       ORDER BY created_at, id LIMIT $4`,
      [partnerId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    return cursorPage(rows, limit, (r) => [r.created_key, r.id], endpointView, fitToBytes);
  }

  async delete(partnerId: string, id: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.dataSource.query(`DELETE FROM companies.webhook_endpoint WHERE id = $1 AND partner_id = $2 RETURNING id`, [id, partnerId]);
    return rows.length > 0;
  }

  /** A new secret; the one it replaces signs beside it for `overlapMs`. */
  async rotate(partnerId: string, id: string, secret: string, overlapMs: number): Promise<EndpointRecord | null> {
    const [rows]: [EndpointRecord[], number] = await this.dataSource.query(
      `UPDATE companies.webhook_endpoint SET previous_secret = secret, secret = $3,
         previous_secret_expires_at = now() + make_interval(secs => $4::double precision / 1000)
       WHERE id = $1 AND partner_id = $2 RETURNING ${COLUMNS}`,
      [id, partnerId, secret, overlapMs],
    );
    return rows[0] ?? null;
  }

  async enable(partnerId: string, id: string): Promise<EndpointRecord | null> {
    const [rows]: [EndpointRecord[], number] = await this.dataSource.query(
      `UPDATE companies.webhook_endpoint SET status = 'active', disabled_reason = NULL, disabled_at = NULL
       WHERE id = $1 AND partner_id = $2 RETURNING ${COLUMNS}`,
      [id, partnerId],
    );
    return rows[0] ?? null;
  }
}

/** The secrets that sign an attempt now: the current one, and the previous one while its overlap lasts. */
export function signingSecrets(endpoint: EndpointRecord, now = new Date()): string[] {
  const previous = endpoint.previous_secret && endpoint.previous_secret_expires_at && new Date(endpoint.previous_secret_expires_at) > now ? [endpoint.previous_secret] : [];
  return [endpoint.secret, ...previous];
}

export function endpointView(r: EndpointRecord): WebhookView {
  const overlapping = r.previous_secret_expires_at && new Date(r.previous_secret_expires_at) > new Date();
  return {
    id: r.id,
    url: r.url,
    events: r.events,
    minScore: r.min_score === null ? null : Number(r.min_score),
    status: r.status,
    disabledReason: r.disabled_reason,
    disabledAt: r.disabled_at ? new Date(r.disabled_at).toISOString() : null,
    previousSecretExpiresAt: overlapping ? new Date(r.previous_secret_expires_at!).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
