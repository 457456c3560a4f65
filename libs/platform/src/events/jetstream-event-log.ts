import { connect, headers as natsHeaders, nanos, type NatsConnection } from '@nats-io/transport-node';
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type Consumer,
  type ConsumerConfig,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type SeqMsgRequest,
  type StoredMsg,
} from '@nats-io/jetstream';
import type { Logger } from 'pino';
import { natsConnectionOptions, NatsConnectionWatch } from '../bus/nats-connection.js';
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
  REPLAY_HEADER,
  replayId,
  retryDelayMs,
} from './event-log-rules.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The header JetStream de-duplicates publishes by. */
const MSG_ID_HEADER = 'Nats-Msg-Id';

/** Publishes sent before their acknowledgements are awaited: enough to fill the pipe, few enough to bound what one call holds. */
const PUBLISH_WINDOW = 256;

/** After a consumer's message stream ended on its own (its durable deleted, say): the wait before it is set up again. */
const RESUBSCRIBE_DELAY_MS = 1000;

export interface JetStreamEventLogOptions {
  /** How long a published id is remembered to drop its duplicates: longer than a relay takes to come back. 10 minutes by default. */
  duplicateWindowMs?: number;
  /** How long a delivered event may go unacknowledged (a handler still working keeps it alive) before the server hands it out again. 30 s by default. */
  ackWaitMs?: number;
  /**
   * How long one pull request waits for events. It also paces the server's heartbeats (half of it)
   * and the checks on the consumer after an outage, so it bounds how soon consumption resumes. 10 s by default.
   */
  pullExpiresMs?: number;
  /**
   * Prefixes every stream name (`<ns>_COMPANIES`) and subject (`<ns>.companies.v1.…`), the
   * dead-letter stream's included, so that platforms sharing a NATS server share no event. Callers
   * name streams and subjects without it, and see them without it. None by default.
   */
  namespace?: string;
}

/** What a dead letter's message body holds: the dead letter less its position. */
type ParkedBody = Omit<DeadLetter, 'seq'>;

/**
 * The event log on JetStream. Streams are file-backed and drop a second publish of an id within the
 * duplicate window; consumers are durable pull consumers with explicit acknowledgement that the
 * server never gives up on (`max_deliver` -1): the log itself decides when an event is parked in
 * the dead-letter stream, after `maxDeliver` failed deliveries. Its connection reconnects forever,
 * and a subscription resumes by itself when NATS comes back.
 */
export class JetStreamEventLog implements EventLog {
  private readonly js: JetStreamClient;
  private readonly duplicateWindowMs: number;
  private readonly ackWaitMs: number;
  private readonly pullExpiresMs: number;
  private readonly subscriptions = new Set<JetStreamSubscription>();
  private deadLetterStream: Promise<void> | null = null;
  private readonly namespace: string;

  private constructor(
    private readonly connection: NatsConnection,
    private readonly watch: NatsConnectionWatch,
    private readonly jsm: JetStreamManager,
    private readonly logger: Logger,
    options: JetStreamEventLogOptions,
  ) {
    this.js = jsm.jetstream();
    this.duplicateWindowMs = options.duplicateWindowMs ?? 10 * 60_000;
    this.ackWaitMs = options.ackWaitMs ?? 30_000;
    this.pullExpiresMs = options.pullExpiresMs ?? 10_000;
    this.namespace = options.namespace ?? '';
    if (this.namespace) assertName('stream', this.namespace);
  }

  /** Opens a connection of its own (the platform's options: it reconnects forever) and checks that JetStream answers on it. */
  static async connect(url: string, name: string, options: JetStreamEventLogOptions = {}): Promise<JetStreamEventLog> {
    const connection = await connect(natsConnectionOptions(url, name));
    try {
      const jsm = await jetstreamManager(connection);
      const logger = createLogger(name);
      return new JetStreamEventLog(connection, new NatsConnectionWatch(connection, name, 'event log', logger), jsm, logger, options);
    } catch (error) {
      await connection.close();
      throw error;
    }
  }

  async ensureStream(spec: StreamSpec): Promise<void> {
    assertName('stream', spec.name);
    const name = this.streamName(spec.name);
    const wanted = { subjects: spec.subjects.map((s) => this.subject(s)), duplicate_window: nanos(this.duplicateWindowMs) };
    const info = await this.streamInfo(name);
    if (!info) {
      // Adding a stream that a concurrent caller just added with the same configuration succeeds.
      await this.jsm.streams.add({ name, ...wanted, storage: StorageType.File, retention: RetentionPolicy.Limits });
      return;
    }
    const sameSubjects = [...info.config.subjects].sort().join() === [...wanted.subjects].sort().join();
    if (!sameSubjects || info.config.duplicate_window !== wanted.duplicate_window) {
      await this.jsm.streams.update(name, wanted);
    }
  }

  async publish(stream: string, events: readonly EventToPublish[]): Promise<void> {
    for (let start = 0; start < events.length; start += PUBLISH_WINDOW) {
      const window = events.slice(start, start + PUBLISH_WINDOW);
      // Sent one after another on one connection, the publishes are stored in this order; the
      // expected stream makes a subject that another stream (or none) holds fail instead of landing there.
      const acks = await Promise.allSettled(
        window.map((e) => this.js.publish(this.subject(e.subject), encode(e.payload), { msgID: e.id, expect: { streamName: this.streamName(stream) } })),
      );
      const failed = acks.find((a): a is PromiseRejectedResult => a.status === 'rejected');
      if (failed) throw failed.reason;
    }
  }

  async lastId(bare: string): Promise<string | null> {
    const stream = this.streamName(bare);
    const info = await this.jsm.streams.info(stream);
    // Event streams lose no message but by their limits, so the walk back passes over replayed dead
    // letters only, which are not the publisher's events.
    for (let seq = info.state.last_seq; seq >= Math.max(1, info.state.first_seq); seq--) {
      const message = await this.jsm.streams.getMessage(stream, { seq });
      if (!message || message.header?.get(REPLAY_HEADER)) continue;
      return message.header?.get(MSG_ID_HEADER) || null;
    }
    return null;
  }

  async consume(given: ConsumerSpec, handler: BatchHandler): Promise<Subscription> {
    assertName('durable', given.durable);
    await this.ensureDeadLetterStream();
    const spec = { ...given, stream: this.streamName(given.stream), filter: this.subject(given.filter) };
    const consumer = await this.durableConsumer(spec);
    const bare = (events: LoggedEvent[]) => handler(events.map((e) => ({ ...e, subject: this.bareSubject(e.subject) })));
    const subscription = new JetStreamSubscription(spec, this.namespace ? bare : handler, consumer, {
      consumer: () => this.durableConsumer(spec),
      park: (body, streamSeq) => this.park(body, spec, streamSeq),
      logger: this.logger,
      ackWaitMs: this.ackWaitMs,
      pullExpiresMs: this.pullExpiresMs,
    });
    this.subscriptions.add(subscription);
    void subscription.finished.then(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async consumerState(stream: string, durable: string): Promise<ConsumerState> {
    const info = await this.jsm.consumers.info(this.streamName(stream), durable);
    return { durable, pending: info.num_pending + info.num_ack_pending };
  }

  async deadLetters(after: number, limit: number): Promise<DeadLetterPage> {
    const items: DeadLetter[] = [];
    let next = await this.nextDeadLetter(after + 1);
    while (next && items.length < Math.max(1, limit)) {
      items.push(this.bareLetter(toDeadLetter(next)));
      next = await this.nextDeadLetter(next.seq + 1);
    }
    return { items, next: next && items.length ? items[items.length - 1]!.seq : null };
  }

  async replayDeadLetter(seq: number): Promise<boolean> {
    const message = await this.deadLetterAt(seq);
    if (!message) return false;
    const letter = toDeadLetter(message);
    const headers = natsHeaders();
    // As parked: the stream and subject with the namespace.
    headers.set(REPLAY_HEADER, String(seq));
    await this.js.publish(letter.subject, encode(letter.payload), {
      msgID: replayId(letter.id, seq),
      expect: { streamName: letter.stream },
      headers,
    });
    try {
      return await this.jsm.streams.deleteMessage(this.streamName(DEAD_LETTER_STREAM), seq, false);
    } catch (error) {
      // Replayed at the same time by another caller: its publish and ours stored one event.
      if (error instanceof JetStreamApiError) return false;
      throw error;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.watch.expectClose();
    if (this.connection.isClosed()) return;
    // Draining waits for the server; with NATS away it would hold the shutdown until NATS returns.
    await (this.watch.state === 'up' ? this.connection.drain() : this.connection.close());
  }

  /** Creates the durable consumer, or brings the one there to the spec (its filter may have changed). */
  private async durableConsumer(spec: ConsumerSpec): Promise<Consumer> {
    const config = {
      filter_subject: spec.filter,
      // The log parks an event after `maxDeliver` failures; a server that stopped delivering it first would leave it unparked.
      max_deliver: -1,
      ack_wait: nanos(this.ackWaitMs),
    } satisfies Partial<ConsumerConfig>;
    const existing = await this.jsm.consumers.info(spec.stream, spec.durable).catch((error: unknown) => {
      if (isApiError(error, JetStreamApiCodes.ConsumerNotFound)) return null;
      throw error;
    });
    if (!existing) {
      await this.jsm.consumers.add(spec.stream, {
        ...config,
        durable_name: spec.durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
      });
    } else if (
      existing.config.filter_subject !== config.filter_subject ||
      existing.config.max_deliver !== config.max_deliver ||
      existing.config.ack_wait !== config.ack_wait
    ) {
      await this.jsm.consumers.update(spec.stream, spec.durable, config);
    }
    return this.js.consumers.get(spec.stream, spec.durable);
  }

  /** Stores a dead letter; an event parked twice (a crash before its acknowledgement) is stored once. */
  private async park(body: ParkedBody, spec: ConsumerSpec, streamSeq: number): Promise<void> {
    await this.js.publish(this.subject(deadLetterSubject(spec.stream, spec.durable)), encode(body), {
      msgID: parkingId(spec.stream, spec.durable, streamSeq),
      expect: { streamName: this.streamName(DEAD_LETTER_STREAM) },
    });
  }

  private ensureDeadLetterStream(): Promise<void> {
    this.deadLetterStream ??= this.ensureStream({ name: DEAD_LETTER_STREAM, subjects: [DEAD_LETTER_SUBJECTS] }).catch((error: unknown) => {
      this.deadLetterStream = null;
      throw error;
    });
    return this.deadLetterStream;
  }

  private streamName(name: string): string {
    return this.namespace ? `${this.namespace}_${name}` : name;
  }

  private subject(subject: string): string {
    return this.namespace ? `${this.namespace}.${subject}` : subject;
  }

  private bareSubject(subject: string): string {
    return this.namespace && subject.startsWith(`${this.namespace}.`) ? subject.slice(this.namespace.length + 1) : subject;
  }

  /** A dead letter as callers name things: its stream and subject without the namespace. */
  private bareLetter(letter: DeadLetter): DeadLetter {
    if (!this.namespace) return letter;
    const prefix = `${this.namespace}_`;
    return { ...letter, stream: letter.stream.startsWith(prefix) ? letter.stream.slice(prefix.length) : letter.stream, subject: this.bareSubject(letter.subject) };
  }

  private async streamInfo(name: string) {
    try {
      return await this.jsm.streams.info(name);
    } catch (error) {
      if (isApiError(error, JetStreamApiCodes.StreamNotFound)) return null;
      throw error;
    }
  }

  /** The first dead letter at or after `seq`, or null. */
  private async nextDeadLetter(seq: number): Promise<StoredMsg | null> {
    // The server (2.9 on) takes `next_by_subj` on a plain message get; the client's type names only `seq`.
    const query: SeqMsgRequest & { next_by_subj: string } = { seq, next_by_subj: this.subject(DEAD_LETTER_SUBJECTS) };
    return this.deadLetterQuery(query);
  }

  private deadLetterAt(seq: number): Promise<StoredMsg | null> {
    return this.deadLetterQuery({ seq });
  }

  private async deadLetterQuery(query: SeqMsgRequest): Promise<StoredMsg | null> {
    try {
      return await this.jsm.streams.getMessage(this.streamName(DEAD_LETTER_STREAM), query);
    } catch (error) {
      // No dead-letter stream yet: nothing was ever parked.
      if (isApiError(error, JetStreamApiCodes.StreamNotFound)) return null;
      throw error;
    }
  }
}

interface SubscriptionDeps {
  /** The durable consumer, created again if it went missing. */
  consumer(): Promise<Consumer>;
  park(body: ParkedBody, streamSeq: number): Promise<void>;
  logger: Logger;
  ackWaitMs: number;
  pullExpiresMs: number;
}

const NOTHING_YET = Symbol('nothing yet');

/**
 * One subscription's loop: pulls the consumer's messages, hands them to the handler in batches of
 * what is already there (up to `batch`), acknowledges them, and retries, backs off or parks a
 * failing one. The client's `consume()` asks for more only as the loop takes messages, and renews
 * its pull after a reconnect; a message stream that ends without `stop()` (the durable deleted,
 * say) is set up again.
 */
class JetStreamSubscription implements Subscription {
  readonly finished: Promise<void>;
  private stopping = false;
  private messages: ConsumerMessages | null = null;
  private wakeFromPause: (() => void) | null = null;

  constructor(
    private readonly spec: ConsumerSpec,
    private readonly handler: BatchHandler,
    first: Consumer,
    private readonly deps: SubscriptionDeps,
  ) {
    this.finished = this.run(first);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    void this.messages?.close();
    this.wakeFromPause?.();
    await this.finished;
  }

  private async run(first: Consumer): Promise<void> {
    let consumer: Consumer | null = first;
    while (!this.stopping) {
      try {
        consumer ??= await this.deps.consumer();
        const messages = await consumer.consume({ max_messages: this.spec.batch, expires: this.deps.pullExpiresMs });
        this.messages = messages;
        try {
          if (this.stopping) void messages.close();
          void this.watch(messages);
          await this.take(messages);
        } finally {
          // Whatever ended the loop, the client stops pulling for it.
          void messages.close();
        }
      } catch (error) {
        this.deps.logger.warn({ stream: this.spec.stream, durable: this.spec.durable, err: error }, 'Event consumer failed; subscribing again');
      }
      consumer = null;
      if (!this.stopping) await this.pause(RESUBSCRIBE_DELAY_MS);
    }
  }

  /** A durable deleted under the subscription would leave it deaf: its message stream is closed so that `run` creates the durable again. */
  private async watch(messages: ConsumerMessages): Promise<void> {
    for await (const status of messages.status()) {
      if (status.type === 'consumer_deleted' || status.type === 'consumer_not_found') {
        this.deps.logger.warn({ stream: this.spec.stream, durable: this.spec.durable, status: status.type }, 'Event consumer gone; creating it again');
        void messages.close();
      }
    }
  }

  private async take(messages: ConsumerMessages): Promise<void> {
    const iterator = messages[Symbol.asyncIterator]();
    let next = iterator.next();
    for (;;) {
      const first = await next;
      if (first.done) return;
      next = iterator.next();
      if (this.stopping) {
        // Pulled but not handed out: given back for whoever takes the durable next.
        first.value.nak(this.afterStopDelay(0));
        continue;
      }
      const batch = [first.value];
      // What the client already holds arrives within the current turn of the event loop; anything
      // later waits for the next batch.
      while (batch.length < this.spec.batch) {
        const more = await Promise.race([next, afterPendingIo()]);
        if (more === NOTHING_YET || more.done) break;
        batch.push(more.value);
        next = iterator.next();
      }
      await this.handle(batch);
    }
  }

  private async handle(messages: JsMsg[]): Promise<void> {
    const events: LoggedEvent[] = [];
    const held: JsMsg[] = [];
    for (const message of messages) {
      try {
        events.push(toLoggedEvent(message));
        held.push(message);
      } catch (error) {
        // An event that cannot be read never will be: parked at once.
        await this.failed(message, rawEvent(message), `unreadable payload: ${describeFailure(error)}`, true);
      }
    }
    if (!held.length) return;
    const failure = await this.attempt(held, events);
    if (failure === null) return;
    if (held.length === 1) return this.failed(held[0]!, events[0]!, failure);
    // Alone, in order: one bad event cannot hold the others back.
    for (let i = 0; i < held.length; i++) {
      const alone = await this.attempt([held[i]!], [events[i]!]);
      if (alone !== null) await this.failed(held[i]!, events[i]!, alone);
    }
  }

  /** Runs the handler and acknowledges on success; answers null then, or what the failure said. */
  private async attempt(messages: JsMsg[], events: LoggedEvent[]): Promise<string | null> {
    // A handler that takes long keeps its events from being handed out again meanwhile.
    const alive = setInterval(() => messages.forEach((m) => m.working()), Math.max(1000, this.deps.ackWaitMs / 3));
    alive.unref();
    try {
      await this.handler(events);
    } catch (error) {
      return describeFailure(error);
    } finally {
      clearInterval(alive);
    }
    await this.acknowledge(messages);
    return null;
  }

  private async acknowledge(messages: JsMsg[]): Promise<void> {
    const acks = await Promise.allSettled(messages.map((m) => m.ackAck()));
    const unconfirmed = acks.filter((a) => a.status === 'rejected').length;
    if (unconfirmed) {
      // The handler's work is committed; an event whose acknowledgement was lost comes again, and the handler must take it twice.
      this.deps.logger.warn({ stream: this.spec.stream, durable: this.spec.durable, unconfirmed }, 'Event acknowledgements not confirmed');
    }
  }

  /** A failed delivery: parked once it has used up `maxDeliver`, otherwise delivered again after its backoff. */
  private async failed(message: JsMsg, event: LoggedEvent, error: string, parkNow = false): Promise<void> {
    const { stream, durable } = this.spec;
    const deliveries = message.info.deliveryCount;
    const context = { stream, durable, subject: event.subject, id: event.id, streamSeq: event.streamSeq, deliveries, error };
    if (parkNow || deliveries >= this.spec.maxDeliver) {
      try {
        await this.deps.park(
          { stream, consumer: durable, subject: event.subject, id: event.id, payload: event.payload, deliveries, error, parkedAt: new Date().toISOString() },
          event.streamSeq,
        );
        await this.acknowledge([message]);
        this.deps.logger.error(context, 'Event parked in the dead letters');
        return;
      } catch (parkError) {
        this.deps.logger.error({ ...context, err: parkError }, 'Event could not be parked; it will be delivered again');
      }
    } else {
      this.deps.logger.warn(context, 'Event handler failed; the event will be delivered again');
    }
    message.nak(this.afterStopDelay(retryDelayMs(this.spec.backoffMs, deliveries)));
  }

  /**
   * The wait before an event given back comes again. Once stopping, the client may still send a
   * pull request it had queued to an inbox no longer listened to, and the server would hand an
   * event given back at once to that request, to come again only after the acknowledgement wait;
   * an event given back after the pull requests' lifetime goes to a live subscriber.
   */
  private afterStopDelay(delayMs: number): number {
    return this.stopping ? Math.max(delayMs, this.deps.pullExpiresMs) : delayMs;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resume) => {
      const timer = setTimeout(resume, ms);
      this.wakeFromPause = () => {
        clearTimeout(timer);
        resume();
      };
    });
  }
}

function afterPendingIo(): Promise<typeof NOTHING_YET> {
  return new Promise((resolve) => setImmediate(() => resolve(NOTHING_YET)));
}

function encode(payload: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(payload ?? null));
}

function toLoggedEvent(message: JsMsg): LoggedEvent {
  return { ...rawEvent(message), payload: JSON.parse(decoder.decode(message.data)) as unknown };
}

/** The event with its payload as the text it came as. */
function rawEvent(message: JsMsg): LoggedEvent {
  return {
    subject: message.subject,
    id: message.headers?.get(MSG_ID_HEADER) ?? '',
    payload: decoder.decode(message.data),
    streamSeq: message.seq,
    deliveries: message.info.deliveryCount,
  };
}

function toDeadLetter(message: StoredMsg): DeadLetter {
  const body = JSON.parse(decoder.decode(message.data)) as ParkedBody;
  return {
    seq: message.seq,
    stream: body.stream,
    consumer: body.consumer,
    subject: body.subject,
    id: body.id,
    payload: body.payload,
    deliveries: body.deliveries,
    error: body.error,
    parkedAt: body.parkedAt,
  };
}

function isApiError(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}
