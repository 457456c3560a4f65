import { join } from 'node:path';
import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigError, env, loadEnv } from '../config/env.js';
import { EVENT_LOG, type EventLog } from './event-log.js';
import { InProcessEventLog } from './in-process-event-log.js';
import { JetStreamEventLog } from './jetstream-event-log.js';

export const EventLogEnv = {
  NATS_URL: env.optional(),
  /**
   * A prefix for every stream (`<ns>_COMPANIES`) and subject (`<ns>.companies.v1.…`), so that several
   * platforms (a staging and a test one, say) can share a NATS cluster without sharing events.
   */
  EVENT_NAMESPACE: env.optional(),
  DATA_DIR: env.string('./data'),
  /** Keep the embedded event log in memory only (tests); by default it persists under DATA_DIR/events. */
  EVENT_LOG_IN_MEMORY: env.bool(false),
};

let embedded: Promise<InProcessEventLog> | undefined;
let embeddedLog: InProcessEventLog | undefined;

/**
 * The one in-process log every service of an embedded process shares, persisted under
 * DATA_DIR/events so that what the relays published survives a restart as JetStream's file storage does.
 */
export function embeddedEventLog(config = loadEnv(EventLogEnv)): Promise<InProcessEventLog> {
  embedded ??= InProcessEventLog.open(config.EVENT_LOG_IN_MEMORY ? {} : { directory: join(config.DATA_DIR, 'events') }).then((log) => (embeddedLog = log));
  return embedded;
}

/** JetStream when NATS_URL is set, else the embedded in-process log. */
export async function createEventLog(name: string, config = loadEnv(EventLogEnv)): Promise<EventLog> {
  if (!config.NATS_URL) return embeddedEventLog(config);
  const namespace = config.EVENT_NAMESPACE ?? '';
  if (!/^[A-Za-z0-9_-]*$/.test(namespace)) throw new ConfigError([`EVENT_NAMESPACE must hold only letters, digits, _ and -, got "${namespace}"`]);
  return JetStreamEventLog.connect(config.NATS_URL, name, { namespace });
}

@Global()
@Module({})
export class EventLogModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_LOG) private readonly log: EventLog) {}

  /** Provides EVENT_LOG to the whole application. */
  static forService(name: string): DynamicModule {
    return {
      module: EventLogModule,
      providers: [{ provide: EVENT_LOG, useFactory: () => createEventLog(name) }],
      exports: [EVENT_LOG],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    // The embedded log is shared by every service of the process: it outlives each of them.
    if (this.log !== embeddedLog) await this.log.close();
  }
}
