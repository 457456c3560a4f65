import { ErrorCode, type EventMap, type EventSubject, type ReplyOf, type RequestOf, type RequestSubject } from '#contracts';
import { RpcError } from '../errors/domain-error.js';

/** A bus's link to its broker: serving, trying to get it back, or closed. */
export type BusState = 'up' | 'reconnecting' | 'down';

export interface RequestOptions {
  /**
   * Overrides the bus's default request timeout. Either is cut to what is left of the deadline of
   * the request being handled, less DEADLINE_MARGIN_MS; the request carries its own deadline on.
   */
  timeoutMs?: number;
}

/**
 * How a service asks other services and tells them things. Both the NATS and the in-process
 * implementation keep the same semantics: a request with no responder fails with UNAVAILABLE,
 * one with no reply in time fails with TIMEOUT, a handler's failure arrives as its envelope.
 */
export interface MessageBus {
  request<S extends RequestSubject>(subject: S, payload: RequestOf<S>, options?: RequestOptions): Promise<ReplyOf<S>>;
  /**
   * The same request, with the reply as the JSON bytes of `ReplyOf<S>`: what a `JsonReply` handler
   * rendered is handed on unparsed (a gateway sends it as the response body); other replies are rendered.
   */
  requestJson<S extends RequestSubject>(subject: S, payload: RequestOf<S>, options?: RequestOptions): Promise<Buffer>;
  emit<S extends EventSubject>(subject: S, payload: EventMap[S]): void;
  /** Whether the bus can reach its broker now; while not 'up', requests fail at once with UNAVAILABLE. */
  connectionState(): BusState;
  close(): Promise<void>;
}

export const MESSAGE_BUS = Symbol('MESSAGE_BUS');

/** A request its caller's deadline leaves no time for: it fails at once, as it would have timed out. */
export function outOfTime(subject: string, correlationId: string | undefined): RpcError {
  return new RpcError({ code: ErrorCode.TIMEOUT, message: `${subject} not sent: the caller's deadline leaves no time for it`, correlationId });
}
