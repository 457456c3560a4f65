import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';

/** An event as the stream stores it. */
export interface StoredEvent {
  seq: number;
  subject: string;
  id: string;
  payload: { seq: number; type: string; aggregateId: string; payload: Record<string, unknown> };
}

/** A test's look into JetStream: what a stream holds, and a message published past the relays. */
export class JetStreamProbe {
  private constructor(
    private readonly connection: NatsConnection,
    /** The platform's event namespace (EVENT_NAMESPACE): streams `<ns>_<name>`, subjects `<ns>.<subject>`. */
    private readonly namespace: string,
  ) {}

  static async open(url: string, namespace: string): Promise<JetStreamProbe> {
    return new JetStreamProbe(await connect({ servers: url, name: 'jetstream-probe' }), namespace);
  }

  streamName(name: string): string {
    return this.namespace ? `${this.namespace}_${name}` : name;
  }

  subject(subject: string): string {
    return this.namespace ? `${this.namespace}.${subject}` : subject;
  }

  /** Every message of a stream, oldest first. */
  async events(stream: string): Promise<StoredEvent[]> {
    const jsm = await jetstreamManager(this.connection);
    const name = this.streamName(stream);
    const info = await jsm.streams.info(name);
    const out: StoredEvent[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const message = await jsm.streams.getMessage(name, { seq }).catch(() => null);
      if (!message) continue;
      out.push({ seq, subject: message.subject, id: message.header.get('Nats-Msg-Id'), payload: message.json() });
    }
    return out;
  }

  /** Publishes a message straight onto a stream's subject, as no relay would. */
  async publish(subject: string, id: string, payload: unknown): Promise<void> {
    await jetstream(this.connection).publish(this.subject(subject), JSON.stringify(payload), { msgID: id });
  }

  /** Deletes the namespace's streams (and with them their consumers). */
  async deleteNamespace(): Promise<void> {
    if (!this.namespace) return;
    const jsm = await jetstreamManager(this.connection);
    for await (const name of jsm.streams.names()) if (name.startsWith(`${this.namespace}_`)) await jsm.streams.delete(name);
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
