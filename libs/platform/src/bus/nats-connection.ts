import type { ConnectionOptions, NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { createLogger } from '../logging/logger.js';
import type { BusState } from './message-bus.js';

/** Between two attempts to reach NATS again: this much, plus up to RECONNECT_JITTER_MS so replicas do not dial in step. */
export const RECONNECT_WAIT_MS = 1000;
export const RECONNECT_JITTER_MS = 1000;

/**
 * The options of every NATS connection the platform opens (listeners and clients alike). The
 * client's defaults, 10 attempts 2 s apart, closed each connection for good about 19 s into an
 * outage; these try again forever, every 1–2 s. Pings every 10 s (three unanswered close the
 * socket and start reconnecting) notice a server that vanished without closing it.
 */
export function natsConnectionOptions(servers: string, name: string): ConnectionOptions & { servers: string[]; name: string } {
  return {
    servers: servers.split(',').map((s) => s.trim()).filter(Boolean),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: RECONNECT_WAIT_MS,
    reconnectJitter: RECONNECT_JITTER_MS,
    pingInterval: 10_000,
    maxPingOut: 3,
  };
}

/**
 * Follows one NATS connection: its state, for /health and to refuse requests at once while it is
 * away, and the one fault it must not hide. Reconnecting forever, a connection closes only when
 * asked to or on a fault the client does not retry (credentials refused, say); a process left with
 * a closed connection would stay alive but deaf, so it exits non-zero for its supervisor to start
 * it again.
 */
export class NatsConnectionWatch {
  private current: BusState = 'up';
  private closeExpected = false;
  private lostAt = 0;

  /** `role` names the connection in the service's log lines: its `client` (the bus) or its `listener`. */
  constructor(
    connection: Pick<NatsConnection, 'status' | 'closed'>,
    service: string,
    private readonly role: string,
    private readonly logger: Logger = createLogger(service),
    private readonly exit: (code: number) => void = (code) => process.exit(code),
  ) {
    void this.follow(connection);
    void connection.closed().then((error) => this.closed(error));
  }

  get state(): BusState {
    return this.current;
  }

  /** The next close is asked for (shutdown): it is not a fault. */
  expectClose(): void {
    this.closeExpected = true;
  }

  private async follow(connection: Pick<NatsConnection, 'status'>): Promise<void> {
    for await (const status of connection.status()) {
      if (status.type === 'disconnect' && this.current === 'up') {
        this.current = 'reconnecting';
        this.lostAt = Date.now();
        this.logger.warn({ connection: this.role, server: status.server }, 'NATS connection lost; reconnecting');
      } else if (status.type === 'reconnect' && this.current === 'reconnecting') {
        this.current = 'up';
        this.logger.info({ connection: this.role, server: status.server, awayMs: Date.now() - this.lostAt }, 'NATS connection back');
      }
    }
  }

  private closed(error: void | Error): void {
    this.current = 'down';
    if (this.closeExpected) return;
    this.logger.fatal({ connection: this.role, err: error }, 'NATS connection closed for good; exiting so that the process is started again');
    this.exit(1);
  }
}
