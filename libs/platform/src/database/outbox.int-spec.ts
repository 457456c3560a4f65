import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '#testing';
import { changeWithOutbox, readOutboxRows } from './outbox.js';

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
    const events = await readOutboxRows(dataSource, S, 0, 100);
    expect(events.map((e) => [e.seq, e.aggregateId])).toEqual([[seq, id]]);
  });

  it('writes nothing when the change fails', async () => {
    const id = randomUUID();
    await changeWithOutbox(dataSource, S, insertItem(id), event(id));
    await expect(changeWithOutbox(dataSource, S, insertItem(id), event(id))).rejects.toThrow(/duplicate key/);
    const events = await readOutboxRows(dataSource, S, 0, 100);
    expect(events.filter((e) => e.aggregateId === id)).toHaveLength(1);
  });

  it('never lets a reader pass an event committed later with a smaller sequence number', async () => {
    // Commits lag behind the numbering by up to 4 ms, so writers that were not ordered would commit
    // out of sequence and the reader would step over events.
    await dataSource.query(`CREATE FUNCTION ${S}.lag() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(random() * 0.004); RETURN NEW; END $$`);
    await dataSource.query(`CREATE TRIGGER lag AFTER INSERT ON ${S}.outbox FOR EACH ROW EXECUTE FUNCTION ${S}.lag()`);
    const before = await readOutboxRows(dataSource, S, 0, 1000);
    let cursor = Math.max(0, ...before.map((e) => e.seq));
    const seen: string[] = [];
    const ids = Array.from({ length: 200 }, () => randomUUID());
    let writing = true;
    // A reader follows the outbox while writers commit concurrently, as matching does.
    const reader = (async () => {
      for (;;) {
        const done = !writing;
        const events = await readOutboxRows(dataSource, S, cursor, 1000);
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
