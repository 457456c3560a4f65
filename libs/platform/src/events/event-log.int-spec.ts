import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '#testing';
import { NatsServerProcess } from '../../../../test/support/nats-server.js';
import { describeEventLogContract } from './event-log.contract.js';
import type { ConsumerSpec, EventLog, LoggedEvent } from './event-log.js';
import { InProcessEventLog } from './in-process-event-log.js';
import { JetStreamEventLog } from './jetstream-event-log.js';

const directories: string[] = [];
async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'tumen-event-log-'));
  directories.push(directory);
  return directory;
}

afterAll(async () => {
  await Promise.all(directories.map((d) => rm(d, { recursive: true, force: true })));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function item(id: string) {
  return { subject: 'orders.item.added', id, payload: { id } };
}

const reader: ConsumerSpec = { stream: 'ORDERS', durable: 'reader', filter: 'orders.>', maxDeliver: 3, batch: 10, backoffMs: [50] };

/** Follows a consumer into an array of the ids it handled. */
async function follow(log: EventLog, spec: ConsumerSpec, handle: (batch: LoggedEvent[]) => void = () => undefined) {
  const ids: string[] = [];
  const subscription = await log.consume(spec, async (batch) => {
    handle(batch);
    ids.push(...batch.map((e) => e.id));
  });
  return { ids, subscription };
}

describe('JetStreamEventLog', () => {
  // A server of the suite's own unless one is named: streams and dead letters are the suite's to make.
  let server: NatsServerProcess | null = null;
  let url = process.env.TEST_NATS_URL ?? '';

  beforeAll(async () => {
    if (url) return;
    server = await NatsServerProcess.start();
    url = server.url;
  });

  afterAll(async () => {
    await server?.dispose();
  });

  describeEventLogContract('JetStreamEventLog', () => JetStreamEventLog.connect(url, 'event-log-contract'));
  // The same behaviour with every stream and subject prefixed, as platforms sharing a server run.
  describeEventLogContract('JetStreamEventLog in a namespace', () => JetStreamEventLog.connect(url, 'event-log-contract-ns', { namespace: 'contract_ns' }));
});

describe('JetStreamEventLog when NATS fails under it', () => {
  let server: NatsServerProcess;
  let log: JetStreamEventLog;

  beforeAll(async () => {
    server = await NatsServerProcess.start();
    log = await JetStreamEventLog.connect(server.url, 'event-log-outage');
  });

  afterAll(async () => {
    await log?.close();
    await server?.dispose();
  });

  it('goes on consuming, on the same subscription, events published once the server is back', async () => {
    await log.ensureStream({ name: 'ORDERS', subjects: ['orders.>'] });
    const followed = await follow(log, reader);
    await log.publish('ORDERS', [item('before')]);
    await eventually(async () => (followed.ids.length === 1 ? true : undefined), 10_000, 'the event before the outage');

    await server.stop();
    await sleep(10_000);
    await server.start();

    // The connection comes back by itself within a few seconds; until then a publish fails, and its
    // retry under the same id stores the event once.
    await eventually(() => log.publish('ORDERS', [item('after')]).then(() => true), 30_000, 'a publish once NATS is back');
    await eventually(async () => (followed.ids.length >= 2 ? true : undefined), 45_000, 'the event after the outage');
    await sleep(500);
    expect(followed.ids).toEqual(['before', 'after']);
    expect(await log.consumerState('ORDERS', 'reader')).toEqual({ durable: 'reader', pending: 0 });
    await followed.subscription.stop();
  }, 120_000);

  it('creates a durable deleted under a subscription again, and goes on (from the start: it lost its position)', async () => {
    await log.ensureStream({ name: 'INVOICES', subjects: ['invoices.>'] });
    const spec = { ...reader, stream: 'INVOICES', filter: 'invoices.>' };
    const followed = await follow(log, spec);
    const invoice = (id: string) => ({ subject: 'invoices.item.added', id, payload: { id } });
    await log.publish('INVOICES', [invoice('i1')]);
    await eventually(async () => (followed.ids.length === 1 ? true : undefined), 10_000, 'the first invoice');

    const operator = await connect({ servers: server.url });
    const jsm = await jetstreamManager(operator);
    expect(await jsm.consumers.delete('INVOICES', 'reader')).toBe(true);
    await operator.close();
    await log.publish('INVOICES', [invoice('i2')]);

    await eventually(async () => (followed.ids.includes('i2') ? true : undefined), 45_000, 'the invoice after the deletion');
    expect(followed.ids).toEqual(['i1', 'i1', 'i2']);
    await followed.subscription.stop();
  }, 120_000);
});

describeEventLogContract('InProcessEventLog in memory', async () => new InProcessEventLog());

describeEventLogContract('InProcessEventLog on disk', async () => InProcessEventLog.open({ directory: await temporaryDirectory() }));

describe('InProcessEventLog reopened on its directory', () => {
  it('keeps the streams, the ids it de-duplicates by, the consumers’ positions and the dead letters', async () => {
    const directory = await temporaryDirectory();
    const first = await InProcessEventLog.open({ directory });
    await first.ensureStream({ name: 'ORDERS', subjects: ['orders.>'] });
    await first.publish('ORDERS', ['e1', 'e2', 'e3', 'e4'].map(item));
    const before = await follow(first, { ...reader, maxDeliver: 1 }, (batch) => {
      if (batch.some((e) => e.id === 'e2')) throw new Error('e2 refused');
    });
    await eventually(async () => ((await first.deadLetters(0, 10)).items.length === 1 ? true : undefined), 5000, 'e2 parked');
    await before.subscription.stop();
    await first.publish('ORDERS', ['e5', 'e6'].map(item));
    await first.close();

    const second = await InProcessEventLog.open({ directory });
    await second.ensureStream({ name: 'ORDERS', subjects: ['orders.>'] });
    await second.publish('ORDERS', ['e6', 'e7'].map(item));
    expect(await second.lastId('ORDERS')).toBe('e7');
    expect(await second.consumerState('ORDERS', 'reader')).toEqual({ durable: 'reader', pending: 3 });
    const after = await follow(second, reader);
    await eventually(async () => (after.ids.length >= 3 ? true : undefined), 5000, 'the events after the position');
    await sleep(100);
    expect(before.ids).toEqual(['e1', 'e3', 'e4']);
    expect(after.ids).toEqual(['e5', 'e6', 'e7']);
    const { items } = await second.deadLetters(0, 10);
    expect(items.map((d) => [d.seq, d.id, d.error])).toEqual([[1, 'e2', 'e2 refused']]);
    expect(await second.replayDeadLetter(1)).toBe(true);
    await eventually(async () => (after.ids.length >= 4 ? true : undefined), 5000, 'the replayed event');
    await second.close();

    const third = await InProcessEventLog.open({ directory });
    expect((await third.deadLetters(0, 10)).items).toEqual([]);
    expect(await third.consumerState('ORDERS', 'reader')).toEqual({ durable: 'reader', pending: 0 });
    expect(await third.lastId('ORDERS')).toBe('e7');
    await third.close();
  });

  it('keeps events acknowledged out of order above the floor, and hands out again only the one that was not', async () => {
    const directory = await temporaryDirectory();
    const first = await InProcessEventLog.open({ directory });
    await first.ensureStream({ name: 'ORDERS', subjects: ['orders.>'] });
    await first.publish('ORDERS', ['e1', 'e2', 'e3', 'e4'].map(item));
    // e2 fails and waits a long backoff: e3 and e4 are acknowledged above a floor that e2 holds at 1.
    const before = await follow(first, { ...reader, maxDeliver: 5, backoffMs: [60_000] }, (batch) => {
      if (batch.some((e) => e.id === 'e2')) throw new Error('e2 refused');
    });
    await eventually(async () => (before.ids.length >= 3 ? true : undefined), 5000, 'the others acknowledged');
    await before.subscription.stop();
    await first.close();
    const positions = JSON.parse(await readFile(join(directory, 'consumers.json'), 'utf8')) as unknown;
    expect(positions).toEqual({ consumers: [{ stream: 'ORDERS', durable: 'reader', filter: 'orders.>', floor: 1, acked: [3, 4] }] });

    const second = await InProcessEventLog.open({ directory });
    const handed: LoggedEvent[] = [];
    const after = await follow(second, reader, (batch) => handed.push(...batch));
    await eventually(async () => (after.ids.length >= 1 ? true : undefined), 5000, 'e2 again');
    await sleep(100);
    expect(handed.map((e) => [e.id, e.streamSeq, e.deliveries])).toEqual([['e2', 2, 1]]);
    await second.close();
  });

  it('drops a last line that a crash cut short, and appends after what it kept', async () => {
    const directory = await temporaryDirectory();
    const first = await InProcessEventLog.open({ directory });
    await first.ensureStream({ name: 'ORDERS', subjects: ['orders.>'] });
    await first.publish('ORDERS', ['e1', 'e2'].map(item));
    await first.close();
    await appendFile(join(directory, 'ORDERS.jsonl'), '{"seq":3,"subject":"orders.item.added","id":"e3","pay');

    const second = await InProcessEventLog.open({ directory });
    expect(await second.lastId('ORDERS')).toBe('e2');
    await second.publish('ORDERS', ['e3'].map(item));
    await second.close();

    const third = await InProcessEventLog.open({ directory });
    const followed = await follow(third, reader);
    await eventually(async () => (followed.ids.length >= 3 ? true : undefined), 5000, 'three events');
    expect(followed.ids).toEqual(['e1', 'e2', 'e3']);
    await third.close();
  });
});
