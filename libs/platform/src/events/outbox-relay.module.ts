import { Inject, Injectable, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { env, loadEnv } from '../config/env.js';
import { EVENT_LOG, type EventLog } from './event-log.js';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay.js';

export const RelayEnv = {
  /** How often a standby relay tries for the lock, and the active one looks for rows other replicas committed. */
  OUTBOX_RELAY_POLL_MS: env.int(250, 10, 60_000),
  OUTBOX_RELAY_BATCH: env.int(500, 1, 10_000),
};

const RELAY_OPTIONS = Symbol('RELAY_OPTIONS');

/**
 * What a writer of the outbox needs of the relay: a nudge after commit. A process without a relay
 * (a seed script) passes one that does nothing; the running service's relay finds the rows at its poll.
 */
export abstract class OutboxWaker {
  abstract wake(): void;
}

/** The service's outbox relay, started once the application is up and stopped before its database closes. */
@Injectable()
export class OutboxRelayHost implements OutboxWaker, OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly relay: OutboxRelay;

  constructor(
    @Inject(getDataSourceToken()) dataSource: DataSource,
    @Inject(EVENT_LOG) log: EventLog,
    @Inject(RELAY_OPTIONS) options: OutboxRelayOptions,
  ) {
    this.relay = new OutboxRelay(dataSource, log, options);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }

  /** A change was just committed: publish it now. */
  wake(): void {
    this.relay.wake();
  }
}

@Module({})
export class OutboxRelayModule {
  static forSchema(options: Omit<OutboxRelayOptions, 'pollMs' | 'batch'>): DynamicModule {
    return {
      module: OutboxRelayModule,
      global: true,
      providers: [
        {
          provide: RELAY_OPTIONS,
          useFactory: (): OutboxRelayOptions => {
            const config = loadEnv(RelayEnv);
            return { ...options, pollMs: config.OUTBOX_RELAY_POLL_MS, batch: config.OUTBOX_RELAY_BATCH };
          },
        },
        OutboxRelayHost,
        { provide: OutboxWaker, useExisting: OutboxRelayHost },
      ],
      exports: [OutboxRelayHost, OutboxWaker],
    };
  }
}
