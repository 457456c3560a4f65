import { ServerNats } from '@nestjs/microservices';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { JsonReplySerializer } from './json-reply.js';
import { natsConnectionOptions, NatsConnectionWatch } from './nats-connection.js';

/**
 * Nest's NATS listener on the platform's connection options (reconnecting forever), with a watch
 * on its connection that ends the process if the connection ever closes without being asked to.
 * Its subscriptions, queue groups included, are renewed by the client on every reconnect.
 */
export class NatsServer extends ServerNats {
  private watch?: NatsConnectionWatch;

  constructor(
    private readonly label: string,
    servers: string,
    extra: { queue: string; serializer: JsonReplySerializer },
  ) {
    super({ ...natsConnectionOptions(servers, label), ...extra });
  }

  override async createNatsClient(): Promise<NatsConnection> {
    const connection = (await super.createNatsClient()) as NatsConnection;
    this.watch = new NatsConnectionWatch(connection, this.label, 'listener');
    return connection;
  }

  /**
   * Stops taking requests: each subscription is drained (what NATS already delivered is still
   * handled), so the queue group's other members get what comes next. The connection stays open
   * for the replies of requests in flight.
   */
  async stopTaking(): Promise<void> {
    // Nest keeps the subscriptions private; draining them is the documented way to leave a queue group.
    const subscriptions = (this as unknown as { subscriptions: Subscription[] }).subscriptions ?? [];
    await Promise.allSettled(subscriptions.map((s) => s.drain()));
  }

  override async close(): Promise<void> {
    this.watch?.expectClose();
    await super.close();
  }
}
