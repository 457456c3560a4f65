import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { HeldIntroductionsForwarder } from './held-introductions.forwarder.js';
import type { HeldIntroductionsService } from './held-introductions.service.js';

/** A service whose successive `forwardSome` calls answer `more` as listed, then false. */
class ScriptedService {
  calls = 0;
  private release: (() => void) | null = null;

  constructor(
    private readonly more: boolean[],
    private readonly blockFirst = false,
  ) {}

  async forwardSome(): Promise<{ decided: number; more: boolean }> {
    const call = this.calls++;
    if (call === 0 && this.blockFirst) await new Promise<void>((r) => (this.release = r));
    return { decided: 1, more: this.more[call] ?? false };
  }

  unblock(): void {
    this.release?.();
  }
}

const flush = () => new Promise((r) => setImmediate(r));

/** A lock this process always gets (the replicas' contention is the int-spec's). */
const freeLock = { acquire: async () => ({}) as never, release: async () => undefined };

function forwarder(service: ScriptedService) {
  return new HeldIntroductionsForwarder(service as unknown as HeldIntroductionsService, freeLock);
}

describe('HeldIntroductionsForwarder', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('keeps sending batches while screening takes them and more may be waiting', async () => {
    const service = new ScriptedService([true, true, false]);
    const f = forwarder(service);
    f.wake();
    await flush();
    expect(service.calls).toBe(3);
    await f.onModuleDestroy();
  });

  it('stops between batches once the module is being destroyed', async () => {
    const service = new ScriptedService([true, true, false], true);
    const f = forwarder(service);
    f.wake();
    await flush();
    const destroyed = f.onModuleDestroy();
    service.unblock();
    await destroyed;
    expect(service.calls).toBe(1);
  });

  it('runs one pass at a time: a wake during a pass asks for one more pass after it', async () => {
    const service = new ScriptedService([], true);
    const f = forwarder(service);
    f.wake();
    await flush();
    f.wake();
    f.wake();
    expect(service.calls).toBe(1);
    service.unblock();
    await flush();
    expect(service.calls).toBe(2);
    await f.onModuleDestroy();
  });

  it('offers held requests at boot and again on its timer, and stops when the module is destroyed', async () => {
    jest.useFakeTimers();
    const service = new ScriptedService([]);
    const f = forwarder(service);
    f.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    expect(service.calls).toBe(1);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(service.calls).toBe(2);
    await f.onModuleDestroy();
    await jest.advanceTimersByTimeAsync(20_000);
    f.wake();
    expect(service.calls).toBe(2);
  });

  it('sends nothing while another replica holds the forwarder lock, and takes over once it is free', async () => {
    const service = new ScriptedService([false]);
    let free = false;
    const f = new HeldIntroductionsForwarder(service as unknown as HeldIntroductionsService, {
      acquire: async () => (free ? ({} as never) : null),
      release: async () => undefined,
    });
    f.wake();
    await flush();
    expect(service.calls).toBe(0);
    free = true;
    f.wake();
    await flush();
    expect(service.calls).toBe(1);
    await f.onModuleDestroy();
  });

  it('survives a failing pass and tries again at the next wake', async () => {
    let calls = 0;
    const f = new HeldIntroductionsForwarder({
      forwardSome: async () => {
        if (calls++ === 0) throw new Error('database unreachable');
        return { decided: 0, more: false };
      },
    } as unknown as HeldIntroductionsService, freeLock);
    f.wake();
    await flush();
    f.wake();
    await flush();
    expect(calls).toBe(2);
    await f.onModuleDestroy();
  });
});
