import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CoalescingRunner, SessionLock } from '#platform';
import { HeldIntroductionsService } from './held-introductions.service.js';

/** How often held requests are offered to screening when no hint says it is back. */
const RETRY_MS = 5_000;
const BATCH = 50;

/** The lock that makes one replica of several the forwarder. */
export const FORWARDER_LOCK = Symbol('FORWARDER_LOCK');
export type ForwarderLock = Pick<SessionLock, 'acquire' | 'release'>;
export const forwarderLockProvider = {
  provide: FORWARDER_LOCK,
  useFactory: (dataSource: DataSource): ForwarderLock => new SessionLock(dataSource, 'matching.held-introductions.forwarder'),
  inject: [getDataSourceToken()],
};

/**
 * Offers held introduction requests to screening on a timer and whenever screening signals it is
 * there (`wake`). One pass at a time; a wake during a pass asks for another right after it. Of
 * several matching replicas, the one holding the forwarder's session lock sends, so no request is
 * sent twice at once; when it dies, another takes the lock at its next try.
 */
@Injectable()
export class HeldIntroductionsForwarder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(HeldIntroductionsForwarder.name);
  private timer: NodeJS.Timeout | undefined;
  private readonly runner = new CoalescingRunner(() => this.pass());
  constructor(
    private readonly held: HeldIntroductionsService,
    @Inject(FORWARDER_LOCK) private readonly lock: ForwarderLock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.wake(), RETRY_MS);
    this.timer.unref();
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.runner.stop();
    await this.lock.release();
  }

  wake(): void {
    this.runner.wake();
  }

  private async pass(): Promise<void> {
    try {
      if (!(await this.lock.acquire())) return;
      for (;;) {
        if (this.runner.stopped) return;
        const { more } = await this.held.forwardSome(BATCH);
        if (!more) return;
      }
    } catch (error) {
      this.logger.warn({ msg: 'cannot send held introductions now; will retry', error: (error as Error).message });
      // The lock's connection may be what failed: take it again, fresh, at the next try.
      await this.lock.release();
    }
  }
}
