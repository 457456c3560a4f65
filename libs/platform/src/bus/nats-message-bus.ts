import { randomUUID } from 'node:crypto';
import {
  connect,
  headers as natsHeaders,
  RequestError,
  TimeoutError,
  type NatsConnection,
} from '@nats-io/transport-node';
import {
  ErrorCode,
  isErrorEnvelope,
  type EventMap,
  type EventSubject,
  type ReplyOf,
  type RequestOf,
  type RequestSubject,
} from '#contracts';
import {
  CORRELATION_HEADER,
  currentCorrelationId,
  currentDeadline,
  DEADLINE_HEADER,
  requestBudgetMs,
} from '../context/request-context.js';
import { RpcError } from '../errors/domain-error.js';
import { responseBytes } from './json-reply.js';
import { outOfTime, type BusState, type MessageBus, type RequestOptions } from './message-bus.js';
import { natsConnectionOptions, NatsConnectionWatch } from './nats-connection.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Nest's NATS transport reply packet. */
interface ReplyPacket {
  id?: string;
  response?: unknown;
  err?: unknown;
  isDisposed?: boolean;
}

/**
 * Requests and events over NATS, speaking the packet format of Nest's NATS transport so that
 * `@MessagePattern` handlers answer it. Uses NATS request-reply directly, so a subject without a
 * subscriber fails at once with UNAVAILABLE instead of waiting for the timeout; so does every
 * request while the connection is away (it reconnects forever), rather than waiting in the
 * client's buffer to be delivered, long after its caller gave up, once NATS is back.
 */
export class NatsMessageBus implements MessageBus {
  private constructor(
    private readonly connection: NatsConnection,
    private readonly watch: NatsConnectionWatch,
    private readonly defaultTimeoutMs: number,
  ) {}

  static async connect(url: string, name: string, defaultTimeoutMs: number): Promise<NatsMessageBus> {
    const connection = await connect(natsConnectionOptions(url, name));
    return new NatsMessageBus(connection, new NatsConnectionWatch(connection, name, 'client'), defaultTimeoutMs);
  }

  async request<S extends RequestSubject>(subject: S, payload: RequestOf<S>, options?: RequestOptions): Promise<ReplyOf<S>> {
    const { raw } = await this.exchange(subject, payload, options);
    return this.unpack(subject, raw) as ReplyOf<S>;
  }

  async requestJson<S extends RequestSubject>(subject: S, payload: RequestOf<S>, options?: RequestOptions): Promise<Buffer> {
    const { raw, id } = await this.exchange(subject, payload, options);
    return responseBytes(raw, id) ?? Buffer.from(JSON.stringify(this.unpack(subject, raw)));
  }

  private async exchange(subject: string, payload: unknown, options?: RequestOptions): Promise<{ raw: Uint8Array; id: string }> {
    const correlationId = currentCorrelationId();
    const timeout = requestBudgetMs(options?.timeoutMs ?? this.defaultTimeoutMs, currentDeadline(), Date.now());
    if (timeout <= 0) throw outOfTime(subject, correlationId);
    const state = this.watch.state;
    if (state !== 'up') {
      throw new RpcError({ code: ErrorCode.UNAVAILABLE, message: `NATS is ${state}: ${subject} not sent`, correlationId });
    }
    const id = randomUUID();
    const packet = encoder.encode(JSON.stringify({ pattern: subject, data: payload, id }));
    try {
      const headers = this.headersFor(correlationId);
      headers.set(DEADLINE_HEADER, String(Date.now() + timeout));
      const reply = await this.connection.request(subject, packet, { timeout, headers });
      return { raw: reply.data, id };
    } catch (error) {
      throw this.transportError(subject, error, timeout, correlationId);
    }
  }

  private unpack(subject: string, raw: Uint8Array): unknown {
    const reply = JSON.parse(decoder.decode(raw)) as ReplyPacket;
    if (reply.err !== undefined && reply.err !== null) {
      throw new RpcError(
        isErrorEnvelope(reply.err)
          ? reply.err
          : { code: ErrorCode.INTERNAL, message: `${subject} failed`, correlationId: currentCorrelationId() },
      );
    }
    return reply.response;
  }

  emit<S extends EventSubject>(subject: S, payload: EventMap[S]): void {
    const packet = encoder.encode(JSON.stringify({ pattern: subject, data: payload }));
    this.connection.publish(subject, packet, { headers: this.headersFor(currentCorrelationId()) });
  }

  connectionState(): BusState {
    return this.watch.state;
  }

  async close(): Promise<void> {
    this.watch.expectClose();
    if (this.connection.isClosed()) return;
    // Draining waits for the server; with NATS away it would hold the shutdown until NATS returns.
    await (this.watch.state === 'up' ? this.connection.drain() : this.connection.close());
  }

  private headersFor(correlationId: string | undefined) {
    const h = natsHeaders();
    if (correlationId) h.set(CORRELATION_HEADER, correlationId);
    return h;
  }

  private transportError(subject: string, error: unknown, timeout: number, correlationId?: string): RpcError {
    if (error instanceof RequestError && error.isNoResponders()) {
      return new RpcError({ code: ErrorCode.UNAVAILABLE, message: `No service answers ${subject}`, correlationId });
    }
    if (error instanceof TimeoutError || (error instanceof RequestError && error.cause instanceof TimeoutError)) {
      return new RpcError({ code: ErrorCode.TIMEOUT, message: `${subject} did not answer within ${timeout} ms`, correlationId });
    }
    return new RpcError({ code: ErrorCode.UNAVAILABLE, message: `Messaging failed for ${subject}`, correlationId });
  }
}
