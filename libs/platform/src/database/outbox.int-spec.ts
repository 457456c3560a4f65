import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '#testing';
import { changeWithOutbox, OUTBOX_PAGE_MAX_BYTES, readOutbox } from './outbox.js';

const S = 'outbox_test';
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let dataSource: DataSource;

const event = (id: string) => ({ stream: 'items', type: 'item.added', aggregateId: id, payload: { id } });
const insertItem = (id: string) => ({ sql: `INSERT INTO ${S}.item (id) VALUES ($1) RETURNING id`, params: [id] });

beforeAll(async () => {
  db = await createTestDatabase('outbox_int');
  dataSource = new DataSource({ type: 'postgres', url: db.url, extra: { max: 10 } });
  await dataSource.initialize();
  await dataSource.query(`CREATE SCHEMA ${S}`);
  await dataSource.query(`CREATE TABLE ${S}.item (id uuid PRIMARY KEY)`);
  await dataSource.query(`CREATE TABLE ${S}.outbox (
    seq bigserial PRIMARY KEY, stream text NOT NULL, type text NOT NULL, aggregate_id uuid NOT NULL,
    payload jsonb NOT NULL, occurred_at timestamptz NOT NULL DEFAULT now())`);
});

afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});

describe('changeWithOutbox', () => {
  it('writes the change and its event together, and neither when the change touches no row', async () => {
    const id = randomUUID();
    const seq = await changeWithOutbox(dataSource, S, insertItem(id), event(id));
    expect(seq).toBeGreaterThan(0);
    const missing = await changeWithOutbox(dataSource, S, { sql: `DELETE FROM ${S}.item WHERE id = $1 RETURNING id`, params: [randomUUID()] }, event(id));
    expect(missing).toBeNull();
    const { events } = await readOutbox(dataSource, S, 'items', 0, 100);
    expect(events.map((e) => [e.seq, e.aggregateId])).toEqual([[seq, id]]);
  });

  it('writes nothing when the change fails', async () => {
    const id = randomUUID();
    await changeWithOutbox(dataSource, S, insertItem(id), event(id));
    await expect(changeWithOutbox(dataSource, S, insertItem(id), event(id))).rejects.toThrow(/duplicate key/);
    const { events } = await readOutbox(dataSource, S, 'items', 0, 100);
    expect(events.filter((e) => e.aggregateId === id)).toHaveLength(1);
  });

  it('never lets a reader pass an event committed later with a smaller sequence number', async () => {
    // Commits lag behind the numbering by up to 4 ms, so writers that were not ordered would commit
    // out of sequence and the reader would step over events.
    await dataSource.query(`CREATE FUNCTION ${S}.lag() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(random() * 0.004); RETURN NEW; END $$`);
    await dataSource.query(`CREATE TRIGGER lag AFTER INSERT ON ${S}.outbox FOR EACH ROW EXECUTE FUNCTION ${S}.lag()`);
    const { events: before } = await readOutbox(dataSource, S, 'items', 0, 1000);
    let cursor = Math.max(0, ...before.map((e) => e.seq));
    const seen: string[] = [];
    const ids = Array.from({ length: 200 }, () => randomUUID());
    let writing = true;
    // A reader follows the outbox while writers commit concurrently, as matching does.
    const reader = (async () => {
      for (;;) {
        const done = !writing;
        const { events } = await readOutbox(dataSource, S, 'items', cursor, 1000);
        for (const e of events) {
          expect(e.seq).toBeGreaterThan(cursor);
          cursor = e.seq;
          seen.push(e.aggregateId);
        }
        if (done && !events.length) return;
      }
    })();
    await Promise.all(ids.map((id) => changeWithOutbox(dataSource, S, insertItem(id), event(id))));
    writing = false;
    await reader;
    expect(seen.sort()).toEqual([...ids].sort());
  });
});

describe('readOutbox', () => {
  it('answers no more events than fit the byte budget, and reading on gives every event once', async () => {
    // 60 events of 20 KB: 1.2 MB, more than a NATS message carries, in what `limit` alone allows.
    const ids = Array.from({ length: 60 }, () => randomUUID());
    for (const id of ids) {
      await changeWithOutbox(dataSource, S, insertItem(id), { stream: 'large', type: 'item.added', aggregateId: id, payload: { id, note: 'x'.repeat(20_000) } });
    }
    const first = await readOutbox(dataSource, S, 'large', 0, 500);
    expect(OUTBOX_PAGE_MAX_BYTES).toBe(512 * 1024);
    expect(Buffer.byteLength(JSON.stringify(first))).toBeLessThanOrEqual(OUTBOX_PAGE_MAX_BYTES);
    expect(first.events.length).toBe(25);
    expect(first.head).toBeGreaterThan(first.events[first.events.length - 1]!.seq);

    const seen: string[] = [];
    let after = 0;
    for (let reads = 0; reads < 20; reads++) {
      const { events, head } = await readOutbox(dataSource, S, 'large', after, 500);
      seen.push(...events.map((e) => e.aggregateId));
      if (!events.length || events[events.length - 1]!.seq === head) break;
      after = events[events.length - 1]!.seq;
    }
    expect(seen).toEqual(ids);
  });

  it('still answers an event larger than the budget, alone', async () => {
    const id = randomUUID();
    await changeWithOutbox(dataSource, S, insertItem(id), { stream: 'huge', type: 'item.added', aggregateId: id, payload: { id, note: 'x'.repeat(600_000) } });
    const other = randomUUID();
    await changeWithOutbox(dataSource, S, insertItem(other), { stream: 'huge', type: 'item.added', aggregateId: other, payload: { id: other } });
    const { events } = await readOutbox(dataSource, S, 'huge', 0, 500);
    expect(events.map((e) => e.aggregateId)).toEqual([id]);
  });
});
