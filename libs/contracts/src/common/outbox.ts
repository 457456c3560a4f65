/** One durable event: written in the same transaction as the change it tells of, then published to the event log. */
export interface OutboxEvent<T = unknown> {
  seq: number;
  type: string;
  aggregateId: string;
  payload: T;
  occurredAt: string;
}
