import { describe, expect, it } from '@jest/globals';
import { NatsRecordSerializer } from '@nestjs/microservices/serializers/nats-record.serializer.js';
import { JsonReply, JsonReplySerializer, responseBytes } from './json-reply.js';

const ID = '7f2c1e8a-1111-4222-8333-944445555666';
const VALUE = [{ id: 'm-1', score: 81.25, reason: 'covers "drilling", 2 of 3' }, { id: 'm-2', score: 40, nested: { ok: true } }];

const encode = (data: unknown) => new TextEncoder().encode(String(data));

describe('JsonReplySerializer', () => {
  it('writes a JsonReply as it is, in the packet layout of Nest', () => {
    const rendered = new JsonReplySerializer().serialize({ response: JsonReply.of(VALUE), isDisposed: true, id: ID });
    const plain = new NatsRecordSerializer().serialize({ response: VALUE, isDisposed: true, id: ID });
    expect(rendered.data).toBe(plain.data);
    expect(JSON.parse(rendered.data)).toEqual({ response: VALUE, isDisposed: true, id: ID });
  });

  it('leaves every other packet to Nest', () => {
    const error = { err: { code: 'NOT_FOUND', message: 'Company x not found' }, isDisposed: true, id: ID };
    expect(new JsonReplySerializer().serialize(error).data).toBe(new NatsRecordSerializer().serialize(error).data);
  });

  it('stands for its value when serialised generically', () => {
    expect(JSON.parse(JSON.stringify({ response: JsonReply.of(VALUE) }))).toEqual({ response: VALUE });
  });
});

describe('responseBytes', () => {
  it('slices the response out of a reply packet without parsing it', () => {
    const packet = new JsonReplySerializer().serialize({ response: JsonReply.of(VALUE), isDisposed: true, id: ID });
    const bytes = responseBytes(encode(packet.data), ID);
    expect(bytes?.toString('utf8')).toBe(JSON.stringify(VALUE));
  });

  it('works on a view into a larger buffer', () => {
    const data = `{"response":[1,2,3],"isDisposed":true,"id":"${ID}"}`;
    const big = Buffer.concat([Buffer.from('xxxx'), Buffer.from(data), Buffer.from('yyyy')]);
    const view = new Uint8Array(big.buffer, big.byteOffset + 4, Buffer.byteLength(data));
    expect(responseBytes(view, ID)?.toString()).toBe('[1,2,3]');
  });

  it('gives nothing for an error packet, another request id or another layout', () => {
    expect(responseBytes(encode(`{"err":{"code":"NOT_FOUND"},"isDisposed":true,"id":"${ID}"}`), ID)).toBeUndefined();
    expect(responseBytes(encode(`{"response":[],"isDisposed":true,"id":"other"}`), ID)).toBeUndefined();
    expect(responseBytes(encode(`{"id":"${ID}","response":[]}`), ID)).toBeUndefined();
    expect(responseBytes(encode('{}'), ID)).toBeUndefined();
  });
});
