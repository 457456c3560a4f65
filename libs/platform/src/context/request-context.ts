import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What travels with one request through every service it touches. */
export interface RequestContext {
  correlationId: string;
  /** When the caller stops waiting (epoch ms), if it said; requests made on its behalf must answer before. */
  deadline?: number;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const CORRELATION_HEADER = 'x-correlation-id';
/** The epoch millisecond after which the caller no longer waits for the reply. */
export const DEADLINE_HEADER = 'x-deadline';
/**
 * What a service keeps of its caller's remaining time for itself: a downstream request must fail
 * this long before the caller's deadline, so the service can still answer (degraded) in time.
 */
export const DEADLINE_MARGIN_MS = 250;

/** Runs `fn` with the given correlation id (and the caller's deadline, if any) visible to logs and outgoing messages. */
export function runWithCorrelation<T>(correlationId: string | undefined, fn: () => T, deadline?: number): T {
  return storage.run({ correlationId: correlationId || randomUUID(), ...(deadline !== undefined ? { deadline } : {}) }, fn);
}

/**
 * Runs `fn` without the deadline of the request under way (keeping its correlation id): for work a
 * request sets going that outlives it, such as a background pass, whose requests are not its caller's.
 */
export function runWithoutDeadline<T>(fn: () => T): T {
  const store = storage.getStore();
  return store?.deadline === undefined ? fn() : storage.run({ correlationId: store.correlationId }, fn);
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

export function currentDeadline(): number | undefined {
  return storage.getStore()?.deadline;
}

/** The deadline a header carries: a positive whole epoch millisecond, or nothing. */
export function parseDeadline(value: string | undefined | null): number | undefined {
  if (!value || !/^\d{1,16}$/.test(value)) return undefined;
  const deadline = Number(value);
  return Number.isSafeInteger(deadline) && deadline > 0 ? deadline : undefined;
}

/**
 * How long a downstream request may wait: its own timeout, cut to what is left of the caller's
 * deadline less the margin. Zero or less means no time is left: the request must not be sent.
 */
export function requestBudgetMs(ownTimeoutMs: number, deadline: number | undefined, now: number, marginMs = DEADLINE_MARGIN_MS): number {
  if (deadline === undefined) return ownTimeoutMs;
  return Math.min(ownTimeoutMs, deadline - now - marginMs);
}
