import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { outboxEventId, type OutboxEvent } from '#contracts';
import { Metrics } from '../ops/metrics.js';
import { readOutboxRows, type OutboxRow } from '../database/outbox.js';
import { SessionLock } from '../database/session-lock.js';
import { CoalescingRunner } from '../work/coalescing-runner.js';
import type { EventLog, StreamSpec } from './event-log.js';

export interface OutboxRelayOptions {
  /** The owner's schema: its outbox is `<schema>.outbox`, the relay's position `<schema>.outbox_relay`. */
  schema: string;
  /** The event log stream the outbox is published to, with its subjects. */
  stream: StreamSpec;
  /** The subject an outbox row is published on. */
  subjectOf(row: OutboxRow): string;
  /** How often a relay that holds no lock tries for it, and how often the holder looks for rows another replica wrote. */
  pollMs: number;
  /** Rows read and published at once. */
  batch: number;
}

/**
 * Publishes an owner's outbox to the event log, in sequence order, with the outbox sequence as the
 * event's id, then records how far it got in the owner's schema. A relay that crashes between the
 * two publishes those rows again on restart, and the log drops them as duplicates.
 *
 * One relay per schema publishes at a time, whatever the number of replicas: each holds a PostgreSQL
 * session advisory lock on a connection of its own while it publishes, the others try for it every
 * `pollMs`. A holder that dies loses its connection and, with it, the lock.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly runner = new CoalescingRunner(() => this.pass());
  private readonly lock: SessionLock;
  private position = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    dataSource: DataSource,
    private readonly log: EventLog,
    private readonly options: OutboxRelayOptions,
  ) {
    this.lock = new SessionLock(dataSource, `${options.schema}.outbox.relay`);
  }

  async start(): Promise<void> {
    await this.log.ensureStream(this.options.stream);
    this.schedule();
    this.wake();
  }

  /** A row was just committed here: publish it now rather than at the next poll. */
  wake(): void {
    this.runner.wake();
  }

  /** Whether this replica is the one publishing. */
  get active(): boolean {
    return this.lock.held !== null;
  }

  /** Finishes the batch under way, then lets the lock go for another replica. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    await this.runner.stop();
    await this.lock.release();
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.wake();
      if (!this.runner.stopped) this.schedule();
    }, this.options.pollMs);
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    try {
      if (!(await this.acquire())) return;
      while (!this.runner.stopped) {
        const rows = await this.rowsAfter(this.position);
        if (!rows.length) break;
        await this.log.publish(
          this.options.stream.name,
          rows.map((row) => ({ subject: this.options.subjectOf(row), id: outboxEventId(this.options.schema, row.seq), payload: toEvent(row) })),
        );
        this.position = rows[rows.length - 1]!.seq;
        await this.lock.held!.query(`UPDATE "${this.options.schema}".outbox_relay SET published_seq = $1 WHERE id = 1`, [this.position]);
        Metrics.relayPublished.inc({ stream: this.options.stream.name }, rows.length);
        if (rows.length < this.options.batch) break;
      }
    } catch (error) {
      this.logger.warn({ msg: `cannot publish the ${this.options.schema} outbox now; will retry`, error: (error as Error).message });
      // The lock's connection may be what failed: start again from a fresh one and the stored position.
      await this.lock.release();
    }
  }

  /** Holds the schema's relay lock (trying for it if not held), and knows the stored position. */
  private async acquire(): Promise<boolean> {
    if (this.lock.held) return true;
    const connection = await this.lock.acquire();
    if (!connection) return false;
    try {
      const [row] = (await connection.query(`SELECT published_seq FROM "${this.options.schema}".outbox_relay WHERE id = 1`)) as { published_seq: string }[];
      this.position = Number(row?.published_seq ?? 0);
    } catch (error) {
      await this.lock.release();
      throw error;
    }
    this.logger.log(`publishing the ${this.options.schema} outbox after ${this.position}`);
    return true;
  }

  private rowsAfter(after: number): Promise<OutboxRow[]> {
    return readOutboxRows(this.lock.held!, this.options.schema, after, this.options.batch);
  }
}

function toEvent(row: OutboxRow): OutboxEvent {
  return { seq: row.seq, type: row.type, aggregateId: row.aggregateId, payload: row.payload, occurredAt: row.occurredAt };
}

/** The relay's position in an owner's schema (one row): for the owner's migration. */
export const outboxRelayTable = {
  up: (schema: string) => [
    `CREATE TABLE "${schema}".outbox_relay (id smallint PRIMARY KEY CHECK (id = 1), published_seq bigint NOT NULL)`,
    `INSERT INTO "${schema}".outbox_relay (id, published_seq) VALUES (1, 0)`,
  ],
  down: (schema: string) => [`DROP TABLE "${schema}".outbox_relay`],
};
