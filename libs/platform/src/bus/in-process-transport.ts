import { randomUUID } from 'node:crypto';
import { CustomTransportStrategy, NatsContext, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
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
import { outOfTime, type BusState, type MessageBus, type RequestOptions } from './message-bus.js';
import { JsonReply } from './json-reply.js';

type Dispatch = (pattern: string, data: unknown, correlationId: string | undefined, deadline?: number) => Promise<unknown>;

interface Registration {
  server: InProcessServer;
  dispatch: Dispatch;
  isEvent: boolean;
}

/** Headers as Nest's NATS context exposes them, so handlers cannot tell the transports apart. */
class InProcessHeaders {
  constructor(private readonly values: Map<string, string>) {}
  get(key: string): string {
    return this.values.get(key) ?? '';
  }
  has(key: string): boolean {
    return this.values.has(key);
  }
}

/**
 * The broker of the embedded run: every service of the process registers its handlers here, and
 * the in-process bus delivers to them with the same semantics as NATS (round-robin among
 * replicas for requests, every subscriber for events, JSON-copied payloads).
 */
export class InProcessBroker {
  private readonly routes = new Map<string, Registration[]>();
  private readonly turn = new Map<string, number>();

  register(pattern: string, registration: Registration): void {
    const list = this.routes.get(pattern) ?? [];
    list.push(registration);
    this.routes.set(pattern, list);
  }

  unregister(server: InProcessServer): void {
    for (const [pattern, list] of this.routes) {
      const kept = list.filter((r) => r.server !== server);
      if (kept.length) this.routes.set(pattern, kept);
      else this.routes.delete(pattern);
    }
  }

  responder(pattern: string): Registration | undefined {
    const list = this.routes.get(pattern)?.filter((r) => !r.isEvent);
    if (!list?.length) return undefined;
    const next = (this.turn.get(pattern) ?? 0) % list.length;
    this.turn.set(pattern, next + 1);
    return list[next];
  }

  subscribers(pattern: string): Registration[] {
    return this.routes.get(pattern)?.filter((r) => r.isEvent) ?? [];
  }
}

/** Nest transport strategy that serves a module's `@MessagePattern`/`@EventPattern` handlers in-process. */
export class InProcessServer extends Server implements CustomTransportStrategy {
  constructor(private readonly broker: InProcessBroker) {
    super();
  }

  listen(callback: () => void): void {
    for (const [pattern, handler] of this.messageHandlers) {
      this.broker.register(pattern, {
        server: this,
        isEvent: handler.isEventHandler === true,
        dispatch: (p, data, correlationId, deadline) => this.dispatch(p, data, correlationId, deadline),
      });
    }
    callback();
  }

  close(): void {
    this.broker.unregister(this);
  }

  on(): void {}

  unwrap<T>(): T {
    return this.broker as T;
  }

  private async dispatch(pattern: string, data: unknown, correlationId: string | undefined, deadline?: number): Promise<unknown> {
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) throw new RpcError({ code: ErrorCode.UNAVAILABLE, message: `No service answers ${pattern}` });
    const values = new Map<string, string>();
    if (correlationId) values.set(CORRELATION_HEADER, correlationId);
    if (deadline !== undefined) values.set(DEADLINE_HEADER, String(deadline));
    const headers = new InProcessHeaders(values);
    const context = new NatsContext([pattern, headers as never]);
    const result$ = this.transformToObservable(await handler(data, context));
    return lastValueFrom(result$, { defaultValue: undefined });
  }
}

/** The in-process counterpart of the NATS bus. */
export class InProcessMessageBus implements MessageBus {
  private closed = false;

  constructor(
    private readonly broker: InProcessBroker,
    private readonly defaultTimeoutMs: number,
  ) {}

  async request<S extends RequestSubject>(subject: S, payload: RequestOf<S>, options?: RequestOptions): Promise<ReplyOf<S>> {
    return copy(await this.exchange(subject, payload, options)) as ReplyOf<S>;
  }

  async requestJson<S extends RequestSubject>(subject: S, payload: RequestOf<S>, options?: RequestOptions): Promise<Buffer> {
    const reply = await this.exchange(subject, payload, options);
    return Buffer.from(reply instanceof JsonReply ? reply.json : JSON.stringify(reply));
  }

  private async exchange(subject: RequestSubject, payload: unknown, options?: RequestOptions): Promise<unknown> {
    const correlationId = currentCorrelationId();
    const timeout = requestBudgetMs(options?.timeoutMs ?? this.defaultTimeoutMs, currentDeadline(), Date.now());
    if (timeout <= 0) throw outOfTime(subject, correlationId);
    const responder = this.closed ? undefined : this.broker.responder(subject);
    if (!responder) {
      throw new RpcError({ code: ErrorCode.UNAVAILABLE, message: `No service answers ${subject}`, correlationId });
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RpcError({ code: ErrorCode.TIMEOUT, message: `${subject} did not answer within ${timeout} ms`, correlationId })),
        timeout,
      );
    });
    try {
      return await Promise.race([responder.dispatch(subject, copy(payload), correlationId, Date.now() + timeout), timedOut]);
    } catch (error) {
      if (error instanceof RpcError) throw error;
      throw new RpcError(
        isErrorEnvelope(error) ? error : { code: ErrorCode.INTERNAL, message: `${subject} failed`, correlationId },
      );
    } finally {
      clearTimeout(timer);
    }
  }

  emit<S extends EventSubject>(subject: S, payload: EventMap[S]): void {
    const correlationId = currentCorrelationId() ?? randomUUID();
    for (const subscriber of this.broker.subscribers(subject)) {
      subscriber.dispatch(subject, copy(payload), correlationId).catch(() => undefined);
    }
  }

  connectionState(): BusState {
    return this.closed ? 'down' : 'up';
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
