import { NatsRecord } from '@nestjs/microservices';
import { NatsRecordSerializer } from '@nestjs/microservices/serializers/nats-record.serializer.js';

/**
 * A reply already rendered as JSON. A large listing is rendered once, by the service that owns it,
 * and travels on as text: the bus and the gateway neither parse nor render it again. Anything that
 * serialises it generically (`JSON.stringify`) still gets the value it stands for.
 */
export class JsonReply {
  constructor(readonly json: string) {}

  static of(value: unknown): JsonReply {
    return new JsonReply(JSON.stringify(value));
  }

  toJSON(): unknown {
    return JSON.parse(this.json);
  }
}

interface ReplyPacket {
  response?: unknown;
  [key: string]: unknown;
}

/**
 * Nest's NATS reply serializer, except that a `JsonReply` is written into the packet as it is. The
 * packet keeps Nest's layout, `{"response":…,"isDisposed":true,"id":"…"}`, which the bus relies on
 * to hand the response on without parsing it (`MessageBus.requestJson`).
 */
export class JsonReplySerializer extends NatsRecordSerializer {
  override serialize(packet: ReplyPacket): NatsRecord {
    if (!(packet?.response instanceof JsonReply)) return super.serialize(packet);
    const { response, ...rest } = packet;
    const tail = JSON.stringify(rest);
    return new NatsRecord(`{"response":${response.json}${tail === '{}' ? '}' : `,${tail.slice(1)}`}`);
  }
}

const RESPONSE_PREFIX = Buffer.from('{"response":');

/**
 * The response of a Nest reply packet as JSON bytes, sliced out without parsing when the packet has
 * the layout `JsonReplySerializer` and Nest's own serializer write; undefined for any other packet
 * (an error, another layout), which the caller then parses.
 */
export function responseBytes(packet: Uint8Array, id: string): Buffer | undefined {
  const bytes = Buffer.from(packet.buffer, packet.byteOffset, packet.byteLength);
  const suffix = Buffer.from(`,"isDisposed":true,"id":${JSON.stringify(id)}}`);
  if (bytes.length < RESPONSE_PREFIX.length + suffix.length) return undefined;
  if (!bytes.subarray(0, RESPONSE_PREFIX.length).equals(RESPONSE_PREFIX)) return undefined;
  if (!bytes.subarray(bytes.length - suffix.length).equals(suffix)) return undefined;
  return bytes.subarray(RESPONSE_PREFIX.length, bytes.length - suffix.length);
}
