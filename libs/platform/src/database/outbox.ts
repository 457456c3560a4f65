import type { DataSource, EntityManager } from 'typeorm';
import type { OutboxEvent, ReadOutboxReply } from '#contracts';
import { fitToBytes, LIST_PAGE_MAX_BYTES } from '../rpc/byte-budget.js';

export interface NewOutboxEvent {
  stream: string;
  type: string;
  aggregateId: string;
  payload: unknown;
}

/**
 * Appends an event in the caller's transaction. The advisory lock makes sequence order equal commit
 * order, so a reader that has seen sequence N can never later find a smaller one committed.
 */
export async function appendOutbox(manager: EntityManager, schema: string, event: NewOutboxEvent): Promise<number> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${schema}.outbox`]);
  const rows: { seq: string }[] = await manager.query(
    `INSERT INTO "${schema}".outbox (stream, type, aggregate_id, payload) VALUES ($1, $2, $3, $4) RETURNING seq`,
    [event.stream, event.type, event.aggregateId, JSON.stringify(event.payload)],
  );
  return Number(rows[0].seq);
}

/** A statement that changes rows and returns one row per row changed (`… RETURNING id`), with its parameters ($1…). */
export interface RowChange {
  sql: string;
  params: unknown[];
}

/**
 * Makes a change and appends its outbox event in one statement, committed on its own. The lock that
 * orders the outbox (see appendOutbox) is taken inside the statement, after the change, and released
 * at its commit, so it is never held across a round trip to the client: writers queue behind one
 * another for the time the server takes, not for each other's next message. Answers the event's
 * sequence number, or null when the change touched no row and no event was written.
 */
export async function changeWithOutbox(
  db: DataSource | EntityManager,
  schema: string,
  change: RowChange,
  event: NewOutboxEvent,
): Promise<number | null> {
  const n = change.params.length;
  const rows: { seq: string }[] = await db.query(
    `WITH change AS (${change.sql}),
          ordered AS (SELECT pg_advisory_xact_lock(hashtext($${n + 1}::text)) FROM change)
     INSERT INTO "${schema}".outbox (stream, type, aggregate_id, payload)
     SELECT $${n + 2}::text, $${n + 3}::text, $${n + 4}::uuid, $${n + 5}::jsonb FROM ordered
     RETURNING seq`,
    [...change.params, `${schema}.outbox`, event.stream, event.type, event.aggregateId, JSON.stringify(event.payload)],
  );
  return rows.length ? Number(rows[0]!.seq) : null;
}

/**
 * The most JSON bytes of events one outbox read answers: a reply must fit a NATS message (1 MiB),
 * and a page of `limit` large events (a company with many owners and directors) could not.
 */
export const OUTBOX_PAGE_MAX_BYTES = LIST_PAGE_MAX_BYTES;

/**
 * Reads one stream's events after a sequence number, oldest first: at most `limit`, and no more
 * than fit `maxBytes` of JSON (an event larger than that alone still comes, alone). A reader goes on
 * after the last event it got until it reaches `head`.
 */
export async function readOutbox(
  dataSource: DataSource,
  schema: string,
  stream: string,
  after: number,
  limit: number,
  maxBytes = OUTBOX_PAGE_MAX_BYTES,
): Promise<ReadOutboxReply> {
  const rows: { seq: string; type: string; aggregate_id: string; payload: unknown; occurred_at: Date }[] =
    await dataSource.query(
      `SELECT seq, type, aggregate_id, payload, occurred_at FROM "${schema}".outbox
        WHERE stream = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [stream, after, limit],
    );
  const head: { head: string | null }[] = await dataSource.query(
    `SELECT max(seq) AS head FROM "${schema}".outbox WHERE stream = $1`,
    [stream],
  );
  const events = fitToBytes(
    rows.map(
      (r): OutboxEvent => ({
        seq: Number(r.seq),
        type: r.type,
        aggregateId: r.aggregate_id,
        payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
        occurredAt: new Date(r.occurred_at).toISOString(),
      }),
    ),
    maxBytes,
    0,
  );
  return { events, head: Number(head[0]?.head ?? 0) };
}
