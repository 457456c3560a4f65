import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '#testing';
import { appendOutboxMany, changeWithOutbox, outboxTable, readOutboxRows } from './outbox.js';

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
  for (const sql of outboxTable.up(S)) await dataSource.query(sql);
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

describe('appendOutboxMany', () => {
  it('appends the events of a transaction in their order, and commits them with it', async () => {
    const ids: string[] = Array.from({ length: 5 }, () => randomUUID());
    await dataSource.transaction((m) => appendOutboxMany(m, S, ids.map((id, i) => ({ ...event(id), type: `item.${i}` }))));
    const events = (await readOutboxRows(dataSource, S, 0, 10_000)).filter((e) => ids.includes(e.aggregateId));
    expect(events.map((e) => [e.aggregateId, e.type, e.payload])).toEqual(ids.map((id, i) => [id, `item.${i}`, { id }]));
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => a - b));
  });

  it('never lets a reader pass an event committed later with a smaller sequence number', async () => {
    // As above: commits lag behind the numbering, now with many events per transaction.
    await dataSource.query(`CREATE OR REPLACE FUNCTION ${S}.lag() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(random() * 0.004); RETURN NEW; END $$`);
    await dataSource.query(`DROP TRIGGER IF EXISTS lag ON ${S}.outbox`);
    await dataSource.query(`CREATE TRIGGER lag AFTER INSERT ON ${S}.outbox FOR EACH ROW EXECUTE FUNCTION ${S}.lag()`);
    let cursor = Math.max(0, ...(await readOutboxRows(dataSource, S, 0, 10_000)).map((e) => e.seq));
    const seen: string[] = [];
    const batches = Array.from({ length: 40 }, () => Array.from({ length: 3 }, () => randomUUID() as string));
    let writing = true;
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
    await Promise.all(batches.map((ids) => dataSource.transaction((m) => appendOutboxMany(m, S, ids.map(event)))));
    writing = false;
    await reader;
    expect(seen.sort()).toEqual(batches.flat().sort());
  });

  it('writes nothing when its transaction rolls back', async () => {
    const id = randomUUID();
    await expect(
      dataSource.transaction(async (m) => {
        await appendOutboxMany(m, S, [event(id)]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const events = await readOutboxRows(dataSource, S, 0, 10_000);
    expect(events.filter((e) => e.aggregateId === id)).toEqual([]);
  });
});
