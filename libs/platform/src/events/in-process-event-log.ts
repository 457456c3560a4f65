import { mkdir, open, readdir, readFile, rename, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createLogger } from '../logging/logger.js';
import {
  DEAD_LETTER_STREAM,
  type BatchHandler,
  type ConsumerSpec,
  type ConsumerState,
  type DeadLetter,
  type DeadLetterPage,
  type EventLog,
  type EventToPublish,
  type LoggedEvent,
  type StreamSpec,
  type Subscription,
} from './event-log.js';
import {
  assertName,
  DEAD_LETTER_SUBJECTS,
  deadLetterSubject,
  describeFailure,
  parkingId,
  replayId,
  retryDelayMs,
  subjectMatches,
  subjectsOverlap,
} from './event-log-rules.js';

export interface InProcessEventLogOptions {
  /**
   * Where the streams (one append-only JSON-lines file each, synced on every publish) and the
   * consumers' acknowledged positions (`consumers.json`, replaced whole) persist, to be read again
   * by the next log opened on it. Memory only without it. One log at a time may own a directory.
   */
  directory?: string;
  /** Names the log in its log lines. */
  name?: string;
}

/** An event as stored: its payload kept as JSON text, so that every delivery hands out a fresh copy, as from NATS. */
interface StoredEvent {
  seq: number;
  subject: string;
  id: string;
  json: string;
  /** The dead-letter position it was replayed from. */
  replayOf?: number;
}

/** One line of a stream's file: its subjects, an event, or a dead letter removed. */
type StreamLine = { subjects: string[] } | { removed: number } | { seq: number; subject: string; id: string; payload: unknown; replayOf?: number };

interface DurablePosition {
  stream: string;
  durable: string;
  filter: string;
  floor: number;
  acked: number[];
}

const POSITIONS_FILE = 'consumers.json';

/** What a dead letter's stored payload holds: the dead letter less its position. */
type ParkedBody = Omit<DeadLetter, 'seq'>;

/**
 * The event log inside one process, for the embedded default where every service shares a process
 * and there is no NATS. It keeps JetStream's behaviour: publishes de-duplicated by id (over every
 * event the stream holds), durable consumers that go on after their acknowledged position,
 * redelivery with backoff, parking after `maxDeliver` failures. With a directory it survives a
 * restart of the process; without one it lives as long as the process.
 */
export class InProcessEventLog implements EventLog {
  private readonly streams = new Map<string, StreamLog>();
  private readonly durables = new Map<string, Durable>();
  private readonly subscriptions = new Set<InProcessSubscription>();
  private readonly positions: PositionsFile | null;
  private readonly logger: Logger;
  private readonly opened: Promise<void>;
  private closed = false;

  constructor(private readonly options: InProcessEventLogOptions = {}) {
    this.logger = createLogger(options.name ?? 'event-log');
    this.positions = options.directory ? new PositionsFile(options.directory) : null;
    this.opened = this.load();
    // A failed load is reported by every call; it must not also surface as an unhandled rejection.
    this.opened.catch(() => undefined);
  }

  /** Opens the log and resolves once what its directory holds has been read. */
  static async open(options: InProcessEventLogOptions = {}): Promise<InProcessEventLog> {
    const log = new InProcessEventLog(options);
    await log.opened;
    return log;
  }

  async ensureStream(spec: StreamSpec): Promise<void> {
    await this.ready();
    assertName('stream', spec.name);
    for (const other of this.streams.values()) {
      if (other.name === spec.name) continue;
      const clash = spec.subjects.find((s) => other.subjects.some((o) => subjectsOverlap(s, o)));
      if (clash) throw new Error(`subject ${clash} of stream ${spec.name} overlaps stream ${other.name}`);
    }
    const existing = this.streams.get(spec.name);
    if (existing) return existing.setSubjects(spec.subjects);
    const stream = new StreamLog(spec.name, this.options.directory);
    this.streams.set(spec.name, stream);
    await stream.setSubjects(spec.subjects);
  }

  async publish(stream: string, events: readonly EventToPublish[]): Promise<void> {
    await this.ready();
    await this.stream(stream).append(events.map((e) => ({ subject: e.subject, id: e.id, json: JSON.stringify(e.payload ?? null) })));
  }

  async lastId(stream: string): Promise<string | null> {
    await this.ready();
    const log = this.stream(stream);
    // Replayed dead letters are not the publisher's events: a relay resumes after its own.
    for (let seq = log.lastSeq; seq >= 1; seq--) {
      const event = log.at(seq);
      if (event && event.replayOf === undefined) return event.id;
    }
    return null;
  }

  async consume(spec: ConsumerSpec, handler: BatchHandler): Promise<Subscription> {
    await this.ready();
    assertName('durable', spec.durable);
    const stream = this.stream(spec.stream);
    const key = durableKey(spec.stream, spec.durable);
    let durable = this.durables.get(key);
    if (!durable) {
      durable = new Durable(stream, spec.durable, spec.filter);
      this.durables.set(key, durable);
      await this.savePositions();
    } else if (durable.filter !== spec.filter) {
      durable.refilter(spec.filter);
      await this.savePositions();
    }
    const subscription = new InProcessSubscription(durable, spec, handler, {
      park: (body, streamSeq) => this.park(body, spec, streamSeq),
      acknowledged: () => this.savePositions(),
      logger: this.logger,
    });
    this.subscriptions.add(subscription);
    void subscription.finished.then(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async consumerState(stream: string, durable: string): Promise<ConsumerState> {
    await this.ready();
    const found = this.durables.get(durableKey(stream, durable));
    if (!found) throw new Error(`no consumer ${durable} on stream ${stream}`);
    return { durable, pending: found.pending() };
  }

  async deadLetters(after: number, limit: number): Promise<DeadLetterPage> {
    await this.ready();
    const dlq = this.stream(DEAD_LETTER_STREAM);
    const items: DeadLetter[] = [];
    let seq = Math.max(0, Math.floor(after));
    while (++seq <= dlq.lastSeq) {
      const event = dlq.at(seq);
      if (!event) continue;
      if (items.length === Math.max(1, limit)) return { items, next: items[items.length - 1]!.seq };
      items.push({ seq, ...(JSON.parse(event.json) as ParkedBody) });
    }
    return { items, next: null };
  }

  async replayDeadLetter(seq: number): Promise<boolean> {
    await this.ready();
    const dlq = this.stream(DEAD_LETTER_STREAM);
    const letter = dlq.at(seq);
    if (!letter) return false;
    const body = JSON.parse(letter.json) as ParkedBody;
    // Two replays of one dead letter store one event: the replay's id is the same.
    await this.stream(body.stream).append([{ subject: body.subject, id: replayId(body.id, seq), json: JSON.stringify(body.payload ?? null), replayOf: seq }]);
    return dlq.remove(seq);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.opened.catch(() => undefined);
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.closed = true;
    for (const durable of this.durables.values()) durable.clearTimers();
    await this.positions?.flushed();
    await Promise.all([...this.streams.values()].map((s) => s.close()));
  }

  private async ready(): Promise<void> {
    await this.opened;
    if (this.closed) throw new Error('the event log is closed');
  }

  private stream(name: string): StreamLog {
    const stream = this.streams.get(name);
    if (!stream) throw new Error(`no stream ${name}`);
    return stream;
  }

  private async park(body: ParkedBody, spec: ConsumerSpec, streamSeq: number): Promise<void> {
    await this.stream(DEAD_LETTER_STREAM).append([
      { subject: deadLetterSubject(spec.stream, spec.durable), id: parkingId(spec.stream, spec.durable, streamSeq), json: JSON.stringify(body) },
    ]);
  }

  private savePositions(): Promise<void> {
    return this.positions?.save(() => [...this.durables.values()].map((d) => d.position())) ?? Promise.resolve();
  }

  private async load(): Promise<void> {
    const directory = this.options.directory;
    if (directory) {
      await mkdir(directory, { recursive: true });
      for (const file of (await readdir(directory)).filter((f) => f.endsWith('.jsonl')).sort()) {
        const stream = await StreamLog.load(directory, file.slice(0, -'.jsonl'.length));
        this.streams.set(stream.name, stream);
      }
    }
    if (!this.streams.has(DEAD_LETTER_STREAM)) {
      const dlq = new StreamLog(DEAD_LETTER_STREAM, directory);
      this.streams.set(DEAD_LETTER_STREAM, dlq);
      await dlq.setSubjects([DEAD_LETTER_SUBJECTS]);
    }
    for (const saved of (await this.positions?.load()) ?? []) {
      const stream = this.streams.get(saved.stream);
      if (!stream) continue;
      this.durables.set(durableKey(saved.stream, saved.durable), Durable.restore(stream, saved));
    }
  }
}

function durableKey(stream: string, durable: string): string {
  return `${stream}/${durable}`;
}

/**
 * One stream: its events by position (a removed dead letter leaves a hole), the ids it holds, and
 * its file. Appends and removals are written one after another, synced, and only then seen by
 * consumers, so a consumer never takes an event that a crash could still lose.
 */
class StreamLog {
  subjects: string[] = [];
  private readonly events: (StoredEvent | undefined)[] = [];
  private readonly ids = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private writes: Promise<unknown> = Promise.resolve();
  private file: FileHandle | null = null;
  private size = 0;

  constructor(
    readonly name: string,
    private readonly directory: string | undefined,
  ) {}

  /** Reads a stream's file; a last line cut short by a crash is dropped from the file. */
  static async load(directory: string, name: string): Promise<StreamLog> {
    const stream = new StreamLog(name, directory);
    const path = stream.path!;
    const text = await readFile(path, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    text
      .slice(0, end)
      .split('\n')
      .forEach((line, index) => {
        if (!line) return;
        try {
          stream.apply(JSON.parse(line) as StreamLine);
        } catch (error) {
          throw new Error(`${path} line ${index + 1}: ${describeFailure(error)}`);
        }
      });
    stream.size = Buffer.byteLength(text.slice(0, end));
    if (end < text.length) {
      const file = await open(path, 'r+');
      await file.truncate(stream.size);
      await file.sync();
      await file.close();
    }
    return stream;
  }

  get lastSeq(): number {
    return this.events.length;
  }

  at(seq: number): StoredEvent | undefined {
    return this.events[seq - 1];
  }

  accepts(subject: string): boolean {
    return this.subjects.some((s) => subjectMatches(s, subject));
  }

  /** Calls `listener` after every append, until the returned function is called. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setSubjects(subjects: string[]): Promise<void> {
    if (this.subjects.join() === subjects.join()) return Promise.resolve();
    return this.exclusive(async () => {
      const line: StreamLine = { subjects: [...subjects] };
      await this.write(`${JSON.stringify(line)}\n`);
      this.apply(line);
    });
  }

  /** Stores the events that are new by id, in order; resolves once they are on disk. */
  append(events: readonly Omit<StoredEvent, 'seq'>[]): Promise<void> {
    const stray = events.find((e) => !this.accepts(e.subject));
    if (stray) return Promise.reject(new Error(`stream ${this.name} holds no subject ${stray.subject}`));
    return this.exclusive(async () => {
      const fresh: StoredEvent[] = [];
      const ids = new Set<string>();
      for (const event of events) {
        if (this.ids.has(event.id) || ids.has(event.id)) continue;
        ids.add(event.id);
        fresh.push({ ...event, seq: this.lastSeq + fresh.length + 1 });
      }
      if (!fresh.length) return;
      await this.write(fresh.map((e) => `${eventLine(e)}\n`).join(''));
      for (const event of fresh) this.add(event);
      for (const listener of this.listeners) listener();
    });
  }

  /** Removes a dead letter; false when it is not there (any more). */
  remove(seq: number): Promise<boolean> {
    return this.exclusive(async () => {
      if (!this.at(seq)) return false;
      const line: StreamLine = { removed: seq };
      await this.write(`${JSON.stringify(line)}\n`);
      this.apply(line);
      return true;
    });
  }

  async close(): Promise<void> {
    await this.writes.catch(() => undefined);
    await this.file?.close();
    this.file = null;
  }

  private get path(): string | null {
    return this.directory ? join(this.directory, `${this.name}.jsonl`) : null;
  }

  private apply(line: StreamLine): void {
    if ('subjects' in line) this.subjects = line.subjects;
    else if ('removed' in line) {
      const event = this.at(line.removed);
      if (event) this.ids.delete(event.id);
      this.events[line.removed - 1] = undefined;
    } else {
      if (line.seq !== this.lastSeq + 1) throw new Error(`event ${line.seq} follows ${this.lastSeq}`);
      this.add({ seq: line.seq, subject: line.subject, id: line.id, json: JSON.stringify(line.payload), replayOf: line.replayOf });
    }
  }

  private add(event: StoredEvent): void {
    this.events.push(event);
    this.ids.add(event.id);
  }

  /** Appends to the file and syncs it; a write that fails is cut off again, so the file never holds what the log does not. */
  private async write(text: string): Promise<void> {
    const path = this.path;
    if (!path) return;
    if (!this.file) {
      this.file = await open(path, 'a');
      await syncDirectory(this.directory!);
    }
    try {
      await this.file.write(text);
      await this.file.datasync();
      this.size += Buffer.byteLength(text);
    } catch (error) {
      await this.file.truncate(this.size).catch(() => undefined);
      throw error;
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writes.then(work, work);
    this.writes = run.catch(() => undefined);
    return run;
  }
}

function eventLine(event: StoredEvent): string {
  // The payload is JSON already: spliced in, not parsed and written again.
  const replay = event.replayOf === undefined ? '' : `,"replayOf":${event.replayOf}`;
  return `{"seq":${event.seq},"subject":${JSON.stringify(event.subject)},"id":${JSON.stringify(event.id)}${replay},"payload":${event.json}}`;
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The consumers' acknowledged positions, replaced whole (a temporary file renamed over the old one); saves under way fold into one. */
class PositionsFile {
  private writing: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;

  constructor(private readonly directory: string) {}

  async load(): Promise<DurablePosition[]> {
    try {
      return (JSON.parse(await readFile(join(this.directory, POSITIONS_FILE), 'utf8')) as { consumers: DurablePosition[] }).consumers;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** Resolves once a write that began after this call (and so holds what `snapshot` answers now or later) is on disk. */
  save(snapshot: () => DurablePosition[]): Promise<void> {
    this.queued ??= this.writing.then(() => {
      this.queued = null;
      return this.write(snapshot());
    });
    this.writing = this.queued.catch(() => undefined);
    return this.queued;
  }

  flushed(): Promise<void> {
    return this.writing;
  }

  private async write(consumers: DurablePosition[]): Promise<void> {
    const target = join(this.directory, POSITIONS_FILE);
    const temporary = `${target}.tmp`;
    const file = await open(temporary, 'w');
    try {
      await file.write(JSON.stringify({ consumers }));
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, target);
    await syncDirectory(this.directory);
  }
}

/**
 * A durable consumer's position and the state of its deliveries. The position is the acknowledged
 * floor (every event up to it is done) and the acknowledged events above it: a retried event holds
 * the floor while those behind it are acknowledged. Deliveries in hand, their counts and the
 * retries waiting for their backoff live in memory; after a restart every unacknowledged event is
 * delivered again, counting from one. Subscriptions under the same durable share its events.
 */
class Durable {
  private floor = 0;
  private readonly acked = new Set<number>();
  /** Events after it have never been handed out. */
  private cursor = 0;
  private readonly inHand = new Set<number>();
  private readonly deliveries = new Map<number, number>();
  private readonly retries = new Map<number, { dueAt: number; timer: NodeJS.Timeout }>();
  private waiters: (() => void)[] = [];

  constructor(
    private readonly stream: StreamLog,
    readonly name: string,
    public filter: string,
  ) {
    stream.listen(() => this.wake());
  }

  static restore(stream: StreamLog, saved: DurablePosition): Durable {
    const durable = new Durable(stream, saved.durable, saved.filter);
    durable.floor = saved.floor;
    durable.cursor = saved.floor;
    for (const seq of saved.acked) durable.acked.add(seq);
    return durable;
  }

  position(): DurablePosition {
    return { stream: this.stream.name, durable: this.name, filter: this.filter, floor: this.floor, acked: [...this.acked].sort((a, b) => a - b) };
  }

  refilter(filter: string): void {
    this.filter = filter;
    this.wake();
  }

  /** Hands out up to `max` events, oldest first: retries whose backoff is over, then events never handed out. */
  take(max: number): number[] {
    const now = Date.now();
    const taken: number[] = [];
    for (const [seq, retry] of this.retries) {
      if (taken.length === max) break;
      if (retry.dueAt <= now) taken.push(seq);
    }
    while (taken.length < max && this.cursor < this.stream.lastSeq) {
      this.cursor++;
      if (this.wanted(this.cursor) && !this.acked.has(this.cursor)) taken.push(this.cursor);
    }
    taken.sort((a, b) => a - b);
    for (const seq of taken) {
      clearTimeout(this.retries.get(seq)?.timer);
      this.retries.delete(seq);
      this.inHand.add(seq);
      this.deliveries.set(seq, (this.deliveries.get(seq) ?? 0) + 1);
    }
    return taken;
  }

  event(seq: number): LoggedEvent {
    const event = this.stream.at(seq)!;
    return { subject: event.subject, id: event.id, payload: JSON.parse(event.json) as unknown, streamSeq: seq, deliveries: this.deliveries.get(seq) ?? 1 };
  }

  acknowledge(seqs: readonly number[]): void {
    for (const seq of seqs) {
      this.inHand.delete(seq);
      this.deliveries.delete(seq);
      if (seq > this.floor) this.acked.add(seq);
    }
    while (this.floor < this.cursor) {
      const next = this.floor + 1;
      if (this.acked.delete(next) || (!this.inHand.has(next) && !this.retries.has(next) && !this.wanted(next))) this.floor = next;
      else break;
    }
  }

  /** A failed delivery goes back, to be handed out again after `delayMs`. */
  release(seq: number, delayMs: number): void {
    this.inHand.delete(seq);
    const timer = setTimeout(() => this.wake(), delayMs);
    timer.unref();
    this.retries.set(seq, { dueAt: Date.now() + delayMs, timer });
    // Handed out again in position order among the due retries.
    const sorted = [...this.retries].sort(([a], [b]) => a - b);
    this.retries.clear();
    for (const [s, r] of sorted) this.retries.set(s, r);
  }

  /** Events the stream holds for this consumer that it has not acknowledged. */
  pending(): number {
    let count = 0;
    for (let seq = this.floor + 1; seq <= this.stream.lastSeq; seq++) {
      if (this.wanted(seq) && !this.acked.has(seq)) count++;
    }
    return count;
  }

  /** Resolves at the next append, due retry or `wake()`. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  clearTimers(): void {
    for (const retry of this.retries.values()) clearTimeout(retry.timer);
  }

  private wanted(seq: number): boolean {
    const event = this.stream.at(seq);
    return event !== undefined && subjectMatches(this.filter, event.subject);
  }
}

interface SubscriptionDeps {
  park(body: ParkedBody, streamSeq: number): Promise<void>;
  /** Resolves once the acknowledged positions are durable. */
  acknowledged(): Promise<void>;
  logger: Logger;
}

/** One subscription's loop: takes what its durable has for it, hands it to the handler, and acknowledges, retries or parks. */
class InProcessSubscription implements Subscription {
  readonly finished: Promise<void>;
  private stopping = false;

  constructor(
    private readonly durable: Durable,
    private readonly spec: ConsumerSpec,
    private readonly handler: BatchHandler,
    private readonly deps: SubscriptionDeps,
  ) {
    this.finished = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.durable.wake();
    await this.finished;
  }

  private async run(): Promise<void> {
    // Starts on the next turn, as a subscription over the network would: `consume` answers first.
    await Promise.resolve();
    while (!this.stopping) {
      const batch = this.durable.take(Math.max(1, this.spec.batch));
      if (!batch.length) {
        await this.durable.changed();
        continue;
      }
      try {
        await this.handle(batch);
      } catch (error) {
        // Only the log's own writes (an acknowledgement, a parking) get here: the events go back to be handed out again.
        this.deps.logger.error({ stream: this.spec.stream, durable: this.spec.durable, err: error }, 'Event consumer failed');
        for (const seq of batch) this.durable.release(seq, retryDelayMs(this.spec.backoffMs, 1));
      }
    }
  }

  private async handle(seqs: number[]): Promise<void> {
    const events = seqs.map((seq) => this.durable.event(seq));
    const failure = await this.attempt(seqs, events);
    if (failure === null) return;
    if (seqs.length === 1) return this.failed(events[0]!, failure);
    // Alone, in order: one bad event cannot hold the others back.
    for (let i = 0; i < seqs.length; i++) {
      const alone = await this.attempt([seqs[i]!], [events[i]!]);
      if (alone !== null) await this.failed(events[i]!, alone);
    }
  }

  /** Runs the handler and acknowledges on success; answers null then, or what the failure said. */
  private async attempt(seqs: number[], events: LoggedEvent[]): Promise<string | null> {
    try {
      await this.handler(events);
    } catch (error) {
      return describeFailure(error);
    }
    this.durable.acknowledge(seqs);
    await this.deps.acknowledged();
    return null;
  }

  private async failed(event: LoggedEvent, error: string): Promise<void> {
    const { stream, durable } = this.spec;
    const context = { stream, durable, subject: event.subject, id: event.id, streamSeq: event.streamSeq, deliveries: event.deliveries, error };
    if (event.deliveries >= this.spec.maxDeliver) {
      await this.deps.park(
        { stream, consumer: durable, subject: event.subject, id: event.id, payload: event.payload, deliveries: event.deliveries, error, parkedAt: new Date().toISOString() },
        event.streamSeq,
      );
      this.durable.acknowledge([event.streamSeq]);
      await this.deps.acknowledged();
      this.deps.logger.error(context, 'Event parked in the dead letters');
      return;
    }
    this.deps.logger.warn(context, 'Event handler failed; the event will be delivered again');
    this.durable.release(event.streamSeq, retryDelayMs(this.spec.backoffMs, event.deliveries));
  }
}
