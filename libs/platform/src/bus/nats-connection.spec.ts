import { describe, expect, it } from '@jest/globals';
import type { Status } from '@nats-io/transport-node';
import { natsConnectionOptions, NatsConnectionWatch } from './nats-connection.js';

/** A stand-in for the two things the watch reads of a connection: its status events and its end. */
function fakeConnection() {
  const queue: Status[] = [];
  let wake: (() => void) | undefined;
  let close!: (error?: Error) => void;
  const closed = new Promise<void | Error>((resolve) => (close = resolve));
  return {
    status: () =>
      (async function* () {
        for (;;) {
          while (queue.length) yield queue.shift()!;
          await new Promise<void>((r) => (wake = r));
        }
      })(),
    closed: () => closed,
    emit(status: Status) {
      queue.push(status);
      wake?.();
    },
    close,
  };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('natsConnectionOptions', () => {
  it('reconnects forever, 1-2 s apart, and pings often enough to notice a vanished server', () => {
    expect(natsConnectionOptions('nats://a:4222, nats://b:4222', 'companies')).toEqual({
      servers: ['nats://a:4222', 'nats://b:4222'],
      name: 'companies',
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1000,
      reconnectJitter: 1000,
      pingInterval: 10_000,
      maxPingOut: 3,
    });
  });
});

describe('NatsConnectionWatch', () => {
  it('is reconnecting from a disconnect until the reconnect', async () => {
    const connection = fakeConnection();
    const watch = new NatsConnectionWatch(connection, 'test', 'client', undefined, () => undefined);
    expect(watch.state).toBe('up');
    connection.emit({ type: 'disconnect', server: 'nats://a:4222' });
    connection.emit({ type: 'reconnecting' });
    await settle();
    expect(watch.state).toBe('reconnecting');
    connection.emit({ type: 'reconnecting' });
    await settle();
    expect(watch.state).toBe('reconnecting');
    connection.emit({ type: 'reconnect', server: 'nats://a:4222' });
    await settle();
    expect(watch.state).toBe('up');
  });

  it('exits the process with 1 when the connection closes unasked', async () => {
    const connection = fakeConnection();
    const exits: number[] = [];
    const watch = new NatsConnectionWatch(connection, 'test', 'client', undefined, (code) => exits.push(code));
    connection.close(new Error('Authorization Violation'));
    await settle();
    expect(watch.state).toBe('down');
    expect(exits).toEqual([1]);
  });

  it('lets a close it was told of pass', async () => {
    const connection = fakeConnection();
    const exits: number[] = [];
    const watch = new NatsConnectionWatch(connection, 'test', 'client', undefined, (code) => exits.push(code));
    watch.expectClose();
    connection.close();
    await settle();
    expect(watch.state).toBe('down');
    expect(exits).toEqual([]);
  });
});
