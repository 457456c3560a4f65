import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { eventually } from '#testing';
import type { BatchHandler, ConsumerSpec, DeadLetter, EventLog, LoggedEvent, Subscription } from './event-log.js';

const TEST_TIMEOUT_MS = 30_000;

/** A stream of the test's own, on subjects `<prefix>.>`: tests share a server, never a stream. */
async function freshStream(log: EventLog): Promise<{ stream: string; prefix: string }> {
  const tag = randomUUID().replace(/-/g, '').slice(0, 12);
  const stream = `contract_${tag}`;
  const prefix = `contract${tag}`;
  await log.ensureStream({ name: stream, subjects: [`${prefix}.>`] });
  return { stream, prefix };
}

function spec(stream: string, filter: string, overrides: Partial<ConsumerSpec> = {}): ConsumerSpec {
  return { stream, durable: 'reader', filter, maxDeliver: 3, batch: 10, backoffMs: [50], ...overrides };
}

function events(prefix: string, ids: string[], entity = 'item.added') {
  return ids.map((id) => ({ subject: `${prefix}.${entity}`, id, payload: { id, n: Number(id.replace(/\D/g, '')) || 0 } }));
}

/** Everything a subscription handed its handler, batch by batch; `handle` may throw to fail a batch. */
async function follow(log: EventLog, consumer: ConsumerSpec, handle: BatchHandler = async () => undefined) {
  const batches: LoggedEvent[][] = [];
  const handled: LoggedEvent[] = [];
  const subscription: Subscription = await log.consume(consumer, async (batch) => {
    batches.push(batch);
    await handle(batch);
    handled.push(...batch);
  });
  return { subscription, batches, handled, ids: () => handled.map((e) => e.id) };
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const until = (condition: () => boolean, what: string, timeoutMs = 15_000) =>
  eventually(async () => (condition() ? true : undefined), timeoutMs, what);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every dead letter, page by page from the start, with the pages as they came. */
async function allDeadLetters(log: EventLog, limit: number): Promise<{ items: DeadLetter[]; pages: { items: DeadLetter[]; next: number | null }[] }> {
  const pages = [];
  let after = 0;
  for (;;) {
    const page = await log.deadLetters(after, limit);
    pages.push(page);
    if (page.next === null) break;
    after = page.next;
  }
  return { items: pages.flatMap((p) => p.items), pages };
}

/**
 * The behaviour every `EventLog` owes its callers, run against each implementation. `open` gives a
 * fresh log on the implementation's store; tests keep to streams of their own.
 */
export function describeEventLogContract(name: string, open: () => Promise<EventLog>): void {
  describe(`${name} (event log contract)`, () => {
    let log: EventLog;
    const subscriptions: Subscription[] = [];
    const consume = async (consumer: ConsumerSpec, handle?: BatchHandler) => {
      const followed = await follow(log, consumer, handle);
      subscriptions.push(followed.subscription);
      return followed;
    };

    beforeEach(async () => {
      log = await open();
    });

    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((s) => s.stop()));
      await log.close();
    });

    it('hands a consumer the events in the order they were published, in batches of at most `batch`', async () => {
      const { stream, prefix } = await freshStream(log);
      const ids = Array.from({ length: 25 }, (_, i) => `e${i + 1}`);
      await log.publish(stream, events(prefix, ids.slice(0, 20)));
      const reader = await consume(spec(stream, `${prefix}.>`, { batch: 7 }));
      await log.publish(stream, events(prefix, ids.slice(20)));
      await until(() => reader.handled.length >= 25, '25 events');
      expect(reader.ids()).toEqual(ids);
      expect(reader.handled.map((e) => e.streamSeq)).toEqual(ids.map((_, i) => i + 1));
      expect(reader.handled.every((e) => e.deliveries === 1)).toBe(true);
      expect(reader.handled[3]).toEqual({ subject: `${prefix}.item.added`, id: 'e4', payload: { id: 'e4', n: 4 }, streamSeq: 4, deliveries: 1 });
      expect(Math.max(...reader.batches.map((b) => b.length))).toBeLessThanOrEqual(7);
    }, TEST_TIMEOUT_MS);

    it('drops a second publish of an id, within one call and across calls', async () => {
      const { stream, prefix } = await freshStream(log);
      await log.publish(stream, events(prefix, ['a1', 'b2']));
      await log.publish(stream, events(prefix, ['b2', 'c3']));
      await log.publish(stream, events(prefix, ['c3', 'd4', 'd4']));
      const reader = await consume(spec(stream, `${prefix}.>`));
      await until(() => reader.handled.length >= 4, '4 events');
      await sleep(200);
      expect(reader.ids()).toEqual(['a1', 'b2', 'c3', 'd4']);
      expect(reader.handled.map((e) => e.streamSeq)).toEqual([1, 2, 3, 4]);
    }, TEST_TIMEOUT_MS);

    it('answers the id of the last event a stream holds, null while it holds none', async () => {
      const { stream, prefix } = await freshStream(log);
      expect(await log.lastId(stream)).toBeNull();
      await log.publish(stream, events(prefix, ['a1', 'b2']));
      expect(await log.lastId(stream)).toBe('b2');
      await log.publish(stream, events(prefix, ['a1']));
      expect(await log.lastId(stream)).toBe('b2');
    }, TEST_TIMEOUT_MS);

    it('keeps to the subjects of a stream, which ensureStream creates idempotently and may widen', async () => {
      const { stream, prefix } = await freshStream(log);
      await log.ensureStream({ name: stream, subjects: [`${prefix}.>`] });
      const other = `${prefix}x`;
      await expect(log.publish(stream, events(other, ['o1']))).rejects.toThrow();
      await log.ensureStream({ name: stream, subjects: [`${prefix}.>`, `${other}.>`] });
      await log.publish(stream, events(other, ['o1']));
      await log.publish(stream, events(prefix, ['p2']));
      const reader = await consume(spec(stream, `${other}.>`));
      await until(() => reader.handled.length >= 1, 'the event on the added subject');
      await sleep(200);
      expect(reader.ids()).toEqual(['o1']);
    }, TEST_TIMEOUT_MS);

    it('lets a durable consumer go on after its acknowledged position on a new subscription', async () => {
      const { stream, prefix } = await freshStream(log);
      await log.publish(stream, events(prefix, ['e1', 'e2', 'e3', 'e4', 'e5']));
      const first = await consume(spec(stream, `${prefix}.>`, { batch: 2 }));
      await until(() => first.handled.length >= 5, 'the first five');
      await first.subscription.stop();
      await log.publish(stream, events(prefix, ['e6', 'e7', 'e8']));
      const second = await consume(spec(stream, `${prefix}.>`, { batch: 2 }));
      const another = await consume(spec(stream, `${prefix}.>`, { durable: 'another' }));
      await until(() => second.handled.length >= 3 && another.handled.length >= 8, 'the rest, and everything for another durable');
      await sleep(200);
      expect(first.ids()).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
      expect(second.ids()).toEqual(['e6', 'e7', 'e8']);
      expect(another.ids()).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8']);
    }, TEST_TIMEOUT_MS);

    it('selects by the filter, wildcards included, only the events whose subjects match', async () => {
      const { stream, prefix } = await freshStream(log);
      await log.publish(stream, [
        ...events(prefix, ['c1'], 'a.created'),
        ...events(prefix, ['c2'], 'b.created'),
        ...events(prefix, ['d3'], 'a.deleted'),
        ...events(prefix, ['x4'], 'a.x.y'),
      ]);
      const oneToken = await consume(spec(stream, `${prefix}.a.*`, { durable: 'one_token' }));
      const rest = await consume(spec(stream, `${prefix}.a.>`, { durable: 'rest' }));
      const created = await consume(spec(stream, `${prefix}.*.created`, { durable: 'created' }));
      const exact = await consume(spec(stream, `${prefix}.a.deleted`, { durable: 'exact' }));
      await until(() => oneToken.handled.length >= 2 && rest.handled.length >= 3 && created.handled.length >= 2 && exact.handled.length >= 1, 'every filter');
      await sleep(200);
      expect(oneToken.ids()).toEqual(['c1', 'd3']);
      expect(rest.ids()).toEqual(['c1', 'd3', 'x4']);
      expect(created.ids()).toEqual(['c1', 'c2']);
      expect(exact.ids()).toEqual(['d3']);
    }, TEST_TIMEOUT_MS);

    it('acknowledges the rest of a failing batch and what follows, redelivers the bad event after its backoff, and parks it after maxDeliver', async () => {
      const { stream, prefix } = await freshStream(log);
      await log.publish(stream, events(prefix, ['e1', 'e2', 'e3', 'e4', 'e5']));
      const started = Date.now();
      const deliveriesOfBad: { deliveries: number; at: number }[] = [];
      const reader = await consume(spec(stream, `${prefix}.>`, { maxDeliver: 3, backoffMs: [500, 700] }), async (batch) => {
        const bad = batch.find((e) => e.id === 'e3');
        if (bad) {
          deliveriesOfBad.push({ deliveries: bad.deliveries, at: Date.now() });
          throw new Error('e3 cannot be taken');
        }
      });
      await until(() => reader.handled.length >= 4, 'the good events of the batch');
      await log.publish(stream, events(prefix, ['e6']));
      await until(() => reader.handled.length >= 5, 'the event published behind the bad one');
      const e6HandledAt = Date.now();
      // A delivery again can wait for the consumer's next pull (JetStream: up to its 10 s expiry) on a
      // loaded machine; what is checked is that it is parked after maxDeliver, not how soon.
      const parked = await eventually(async () => (await allDeadLetters(log, 50)).items.find((d) => d.stream === stream), 40_000, 'e3 parked');

      expect(reader.ids()).toEqual(['e1', 'e2', 'e4', 'e5', 'e6']);
      // The batch attempt and the attempt alone are one delivery; then two more, each after its backoff.
      const counts = [...new Set(deliveriesOfBad.map((d) => d.deliveries))];
      expect(counts).toEqual([1, 2, 3]);
      const lastOf = (n: number) => deliveriesOfBad.filter((d) => d.deliveries === n).at(-1)!.at;
      const firstOf = (n: number) => deliveriesOfBad.find((d) => d.deliveries === n)!.at;
      expect(firstOf(2) - lastOf(1)).toBeGreaterThanOrEqual(400);
      expect(firstOf(3) - lastOf(2)).toBeGreaterThanOrEqual(560);
      expect(e6HandledAt).toBeLessThan(firstOf(2));
      expect(parked).toEqual({
        seq: expect.any(Number),
        stream,
        consumer: 'reader',
        subject: `${prefix}.item.added`,
        id: 'e3',
        payload: { id: 'e3', n: 3 },
        deliveries: 3,
        error: 'e3 cannot be taken',
        parkedAt: expect.any(String),
      });
      const parkedAt = Date.parse(parked.parkedAt);
      expect(parkedAt).toBeGreaterThanOrEqual(started - 1000);
      expect(parkedAt).toBeLessThanOrEqual(Date.now() + 1000);
      await eventually(async () => ((await log.consumerState(stream, 'reader')).pending === 0 ? true : undefined), 10_000, 'nothing pending');
      await sleep(800);
      expect(deliveriesOfBad.filter((d) => d.deliveries > 3)).toEqual([]);
    }, TEST_TIMEOUT_MS + 30_000);

    it('pages through the dead letters and replays one to its consumer as a new event', async () => {
      const { stream, prefix } = await freshStream(log);
      const bad = new Set(['b1', 'b2', 'b3']);
      await log.publish(stream, events(prefix, ['g1', 'b1', 'g2', 'b2', 'b3']));
      const reader = await consume(spec(stream, `${prefix}.>`, { maxDeliver: 1 }), async (batch) => {
        const failing = batch.find((e) => bad.has(e.id));
        if (failing) throw new Error(`${failing.id} refused`);
      });
      const mine = async () => (await allDeadLetters(log, 2)).items.filter((d) => d.stream === stream);
      await eventually(async () => ((await mine()).length === 3 ? true : undefined), 15_000, 'three parked');

      const { items, pages } = await allDeadLetters(log, 2);
      for (const page of pages.slice(0, -1)) {
        expect(page.items).toHaveLength(2);
        expect(page.next).toBe(page.items[1]!.seq);
      }
      expect(pages.at(-1)!.next).toBeNull();
      const seqs = items.map((d) => d.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
      const parked = items.filter((d) => d.stream === stream);
      expect(parked.map((d) => [d.id, d.deliveries, d.error, d.consumer])).toEqual([
        ['b1', 1, 'b1 refused', 'reader'],
        ['b2', 1, 'b2 refused', 'reader'],
        ['b3', 1, 'b3 refused', 'reader'],
      ]);
      const [, second] = parked;
      const afterFirst = await log.deadLetters(parked[0]!.seq, 1);
      expect(afterFirst.items.map((d) => d.seq)).toEqual([seqs[seqs.indexOf(parked[0]!.seq) + 1]]);

      bad.delete('b2');
      expect(await log.replayDeadLetter(second!.seq)).toBe(true);
      await until(() => reader.handled.some((e) => e.id !== 'b2' && (e.payload as { id: string }).id === 'b2'), 'the replayed event');
      const replayed = reader.handled.find((e) => (e.payload as { id: string }).id === 'b2')!;
      expect(replayed.subject).toBe(`${prefix}.item.added`);
      expect(replayed.payload).toEqual({ id: 'b2', n: 2 });
      expect(replayed.streamSeq).toBe(6);
      expect(await log.replayDeadLetter(second!.seq)).toBe(false);
      expect((await mine()).map((d) => d.id)).toEqual(['b1', 'b3']);
      expect(await log.replayDeadLetter(2 ** 40)).toBe(false);
      // A replay is not the publisher's event: a relay still resumes after its own last one.
      expect(await log.lastId(stream)).toBe('b3');
    }, TEST_TIMEOUT_MS);

    it('stops only once the batch in hand is handled and acknowledged', async () => {
      const { stream, prefix } = await freshStream(log);
      await log.publish(stream, events(prefix, ['e1', 'e2', 'e3']));
      const inHand = gate();
      const release = gate();
      let finished = false;
      const first = await consume(spec(stream, `${prefix}.>`), async () => {
        inHand.open();
        await release.opened;
        finished = true;
      });
      await inHand.opened;
      let stopped = false;
      const stopping = first.subscription.stop().then(() => (stopped = true));
      await sleep(300);
      expect(stopped).toBe(false);
      release.open();
      await stopping;
      expect(finished).toBe(true);
      const taken = first.ids();
      expect(taken.length).toBeGreaterThan(0);
      expect((await log.consumerState(stream, 'reader')).pending).toBe(3 - taken.length);
      // Events the stopped subscription held but had not handed out may come only after a while (JetStream: its pull requests' lifetime).
      const second = await consume(spec(stream, `${prefix}.>`));
      await until(() => first.handled.length + second.handled.length >= 3, 'the rest', 25_000);
      await sleep(200);
      expect([...taken, ...second.ids()]).toEqual(['e1', 'e2', 'e3']);
    }, 40_000);

    it('counts as pending the events of its filter that a consumer has not acknowledged, those in hand included', async () => {
      const { stream, prefix } = await freshStream(log);
      await expect(log.consumerState(stream, 'reader')).rejects.toThrow();
      await log.publish(stream, events(prefix, ['e1', 'e2']));
      const first = await consume(spec(stream, `${prefix}.item.*`));
      await until(() => first.handled.length >= 2, 'the first two');
      await first.subscription.stop();
      expect(await log.consumerState(stream, 'reader')).toEqual({ durable: 'reader', pending: 0 });
      await log.publish(stream, [...events(prefix, ['e3', 'e4', 'e5']), ...events(prefix, ['o1', 'o2'], 'other.added')]);
      expect(await log.consumerState(stream, 'reader')).toEqual({ durable: 'reader', pending: 3 });
      const inHand = gate();
      const release = gate();
      const second = await consume(spec(stream, `${prefix}.item.*`), async () => {
        inHand.open();
        await release.opened;
      });
      await inHand.opened;
      expect((await log.consumerState(stream, 'reader')).pending).toBe(3);
      release.open();
      await until(() => second.handled.length >= 3, 'the three');
      await eventually(async () => ((await log.consumerState(stream, 'reader')).pending === 0 ? true : undefined), 10_000, 'nothing pending');
    }, TEST_TIMEOUT_MS);
  });
}
