import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Asks an owner of data for the events of its outbox after a sequence number, oldest first. */
export class ReadOutboxRequest {
  @IsInt()
  @Min(0)
  after!: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
}

/** One durable event: written in the same transaction as the change it tells of. */
export interface OutboxEvent<T = unknown> {
  seq: number;
  type: string;
  aggregateId: string;
  payload: T;
  occurredAt: string;
}

export interface ReadOutboxReply<T = unknown> {
  events: OutboxEvent<T>[];
  /** The highest sequence number that exists now; a reader that reached it has caught up. */
  head: number;
}

/** A hint, sent after commit, that new outbox events are waiting. Losing it delays nothing but a poll interval. */
export interface OutboxAppendedEvent {
  source: string;
  seq: number;
}
