import type { DeadLetterPage, DeadLetterView } from '#contracts';

/**
 * The platform's durable event log: streams of named events that owners publish from their
 * outboxes and consumers follow with durable, acknowledged positions. JetStream in a deployment
 * (`JetStreamEventLog`), an in-process log in the embedded default (`InProcessEventLog`); one
 * contract suite holds both to the same behaviour.
 */

/** A stream: the subjects it stores. Subjects may hold `*` and `>` wildcards. */
export interface StreamSpec {
  name: string;
  subjects: string[];
}

export interface EventToPublish {
  subject: string;
  /**
   * The event's identity (the outbox's schema and sequence, say). A second publish of the same id
   * is dropped, so a relay that crashed after publishing and publishes again duplicates nothing.
   */
  id: string;
  payload: unknown;
}

/** An event as a consumer receives it. */
export interface LoggedEvent<T = unknown> {
  subject: string;
  id: string;
  payload: T;
  /** Its position in its stream, from 1. */
  streamSeq: number;
  /**
   * How many times it has been handed to this consumer, this time included (1 the first time). The
   * retry alone after its batch failed is the same delivery.
   */
  deliveries: number;
}

export interface ConsumerSpec {
  stream: string;
  /** The durable name: a consumer that stops and starts again under it goes on where it was acknowledged. */
  durable: string;
  /** The subjects of the stream it receives (one subject, wildcards allowed). */
  filter: string;
  /** Deliveries of a failing event before it is parked in the dead-letter stream. */
  maxDeliver: number;
  /** Events handed to the handler at once, at most. */
  batch: number;
  /** Waits before the second, third… delivery of a failed event; the last repeats. */
  backoffMs: number[];
}

/**
 * Handles a batch, oldest first. Resolving acknowledges every event of it, after the handler's own
 * transaction committed. Throwing acknowledges none: the log then hands each event of the batch
 * alone, in order, so one bad event cannot hold the others back; an event that fails alone is
 * delivered again after its backoff, and parked once it has failed `maxDeliver` times. Events
 * behind a failed one go on meanwhile.
 */
export type BatchHandler = (events: LoggedEvent[]) => Promise<void>;

export interface Subscription {
  /** Stops taking events; resolves once the batch in hand (if any) is handled and acknowledged. */
  stop(): Promise<void>;
}

/** An event that failed `maxDeliver` times, kept with the last error for an operator; as the contracts state it. */
export type DeadLetter = DeadLetterView;
export type { DeadLetterPage };

export interface ConsumerState {
  durable: string;
  /** Events stored in the stream for this consumer that it has not acknowledged yet. */
  pending: number;
}

export interface EventLog {
  /** Creates the stream, or updates its subjects; idempotent. */
  ensureStream(spec: StreamSpec): Promise<void>;
  /** Stores the events in order; resolves once every one is stored (or was a duplicate). */
  publish(stream: string, events: readonly EventToPublish[]): Promise<void>;
  /**
   * The id of the last event the stream holds, or null when it holds none: a relay resumes after it.
   * Replayed dead letters are passed over: they are not the publisher's events.
   */
  lastId(stream: string): Promise<string | null>;
  /** Creates the durable consumer if need be and hands its events to the handler until stopped. */
  consume(spec: ConsumerSpec, handler: BatchHandler): Promise<Subscription>;
  /** How far behind a durable consumer is. */
  consumerState(stream: string, durable: string): Promise<ConsumerState>;
  /** Parked events, oldest first, after a dead-letter position. */
  deadLetters(after: number, limit: number): Promise<DeadLetterPage>;
  /**
   * Publishes a parked event again to its subject (as a new event, so its consumer takes it again)
   * and removes it from the dead-letter stream. Resolves false when no such dead letter exists.
   */
  replayDeadLetter(seq: number): Promise<boolean>;
  close(): Promise<void>;
}

export const EVENT_LOG = Symbol('EVENT_LOG');

/** The stream parked events go to. */
export const DEAD_LETTER_STREAM = 'DEAD_LETTERS';
