import type { DataSource, EntityManager } from 'typeorm';

export interface NewOutboxEvent {
  stream: string;
  type: string;
  aggregateId: string;
  payload: unknown;
}

/**
 * Appends an event in the caller's transaction. The advisory lock makes sequence order equal commit
 * order, so a reader that has seen sequence N can never later find a smaller one committed (the
 * outbox relay reads it so).
 */
export async function appendOutbox(manager: EntityManager, schema: string, event: NewOutboxEvent): Promise<number> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${schema}.outbox`]);
  const rows: { seq: string }[] = await manager.query(
    `INSERT INTO "${schema}".outbox (stream, type, aggregate_id, payload) VALUES ($1, $2, $3, $4) RETURNING seq`,
    [event.stream, event.type, event.aggregateId, JSON.stringify(event.payload)],
  );
  return Number(rows[0].seq);
}

/**
 * Appends many events in the caller's transaction, in their order, with one statement: the lock that
 * orders the outbox (see appendOutbox) taken in it, then every row (a writer that emits thousands of
 * events per transaction pays one round trip, not one per event). The events go as one JSON
 * document: as an array parameter, each payload would be escaped character by character into an
 * array literal, which costs the client more than the JSON itself. Nothing is written, nor locked, for none.
 */
export async function appendOutboxMany(manager: Pick<EntityManager, 'query'>, schema: string, events: readonly NewOutboxEvent[]): Promise<void> {
  if (!events.length) return;
  await manager.query(
    `WITH ordered AS (SELECT pg_advisory_xact_lock(hashtext($1::text)))
     INSERT INTO "${schema}".outbox (stream, type, aggregate_id, payload)
     SELECT e.stream, e.type, e.aggregate_id, e.payload
       FROM ordered, ROWS FROM (jsonb_to_recordset($2::jsonb) AS (stream text, type text, "aggregateId" uuid, payload jsonb))
            WITH ORDINALITY AS e(stream, type, aggregate_id, payload, n)
      ORDER BY e.n`,
    [`${schema}.outbox`, JSON.stringify(events)],
  );
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

/** One outbox row, as a relay reads it. */
export interface OutboxRow {
  seq: number;
  /** The outbox's own stream column (a sector, say), not the event log's stream. */
  stream: string;
  type: string;
  aggregateId: string;
  payload: unknown;
  occurredAt: string;
}

/** Reads the outbox after a sequence number, oldest first, every stream of it: at most `limit` rows. */
export async function readOutboxRows(db: Pick<DataSource, 'query'>, schema: string, after: number, limit: number): Promise<OutboxRow[]> {
  const rows: { seq: string; stream: string; type: string; aggregate_id: string; payload: unknown; occurred_at: Date }[] = await db.query(
    `SELECT seq, stream, type, aggregate_id, payload, occurred_at FROM "${schema}".outbox WHERE seq > $1 ORDER BY seq LIMIT $2`,
    [after, limit],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    stream: r.stream,
    type: r.type,
    aggregateId: r.aggregate_id,
    payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
    occurredAt: new Date(r.occurred_at).toISOString(),
  }));
}

/**
 * The outbox's DDL, for the migrations of owners that gained one later (matching, screening): the
 * same table and index the companies and sectors schemas were created with.
 */
export const outboxTable = {
  up: (schema: string) => [
    `CREATE TABLE "${schema}".outbox (
      seq bigserial PRIMARY KEY,
      stream text NOT NULL,
      type text NOT NULL,
      aggregate_id uuid NOT NULL,
      payload jsonb NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX outbox_stream_seq ON "${schema}".outbox (stream, seq)`,
  ],
  down: (schema: string) => [`DROP TABLE "${schema}".outbox`],
};
