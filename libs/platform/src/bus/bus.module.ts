import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { loadEnv, NatsEnv, type NatsConfig } from '../config/env.js';
import { InProcessBroker, InProcessMessageBus } from './in-process-transport.js';
import { MESSAGE_BUS, type MessageBus } from './message-bus.js';
import { NatsMessageBus } from './nats-message-bus.js';

/** The one broker every service of an embedded process shares. */
export const embeddedBroker = new InProcessBroker();

/** Connects to NATS when NATS_URL is set, else to the in-process broker. */
export async function createMessageBus(name: string, config: NatsConfig = loadEnv(NatsEnv)): Promise<MessageBus> {
  return config.NATS_URL
    ? NatsMessageBus.connect(config.NATS_URL, name, config.REQUEST_TIMEOUT_MS)
    : new InProcessMessageBus(embeddedBroker, config.REQUEST_TIMEOUT_MS);
}

@Global()
@Module({})
export class BusModule implements OnApplicationShutdown {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  /** Provides MESSAGE_BUS to the whole application. */
  static forService(name: string): DynamicModule {
    return {
      module: BusModule,
      providers: [{ provide: MESSAGE_BUS, useFactory: () => createMessageBus(name) }],
      exports: [MESSAGE_BUS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}
