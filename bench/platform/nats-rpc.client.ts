import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Requests to the services over NATS in the packet format of Nest's NATS transport. */
export class NatsRpcClient {
  private constructor(private readonly connection: NatsConnection) {}

  static async connect(url: string): Promise<NatsRpcClient> {
    return new NatsRpcClient(await connect({ servers: url, name: 'platform-bench' }));
  }

  async request<T>(subject: string, data: unknown, timeoutMs = 30_000): Promise<T> {
    const packet = encoder.encode(JSON.stringify({ pattern: subject, data, id: randomUUID() }));
    const reply = await this.connection.request(subject, packet, { timeout: timeoutMs });
    const parsed = JSON.parse(decoder.decode(reply.data)) as { response?: T; err?: unknown };
    if (parsed.err !== undefined && parsed.err !== null) throw new Error(`${subject} failed: ${JSON.stringify(parsed.err)}`);
    return parsed.response as T;
  }

  async close(): Promise<void> {
    if (!this.connection.isClosed()) await this.connection.close();
  }
}
