import type { DataSource, EntityManager } from 'typeorm';
import type { OutboxEvent, ReadOutboxReply } from '#contracts';

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

/** Reads one stream's events after a sequence number, oldest first. */
export async function readOutbox(
  dataSource: DataSource,
  schema: string,
  stream: string,
  after: number,
  limit: number,
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
  const events: OutboxEvent[] = rows.map((r) => ({
    seq: Number(r.seq),
    type: r.type,
    aggregateId: r.aggregate_id,
    payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
    occurredAt: new Date(r.occurred_at).toISOString(),
  }));
  return { events, head: Number(head[0]?.head ?? 0) };
}
