import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CoalescingRunner } from '#platform';
import { HeldIntroductionsService } from './held-introductions.service.js';

/** How often held requests are offered to screening when no hint says it is back. */
const RETRY_MS = 5_000;
const BATCH = 50;

/**
 * Offers held introduction requests to screening on a timer and whenever screening signals it is
 * there (`wake`). One pass at a time; a wake during a pass asks for another right after it.
 */
@Injectable()
export class HeldIntroductionsForwarder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(HeldIntroductionsForwarder.name);
  private timer: NodeJS.Timeout | undefined;
  private readonly runner = new CoalescingRunner(() => this.pass());

  constructor(private readonly held: HeldIntroductionsService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.wake(), RETRY_MS);
    this.timer.unref();
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.runner.stop();
  }

  wake(): void {
    this.runner.wake();
  }

  private async pass(): Promise<void> {
    try {
      for (;;) {
        if (this.runner.stopped) return;
        const { more } = await this.held.forwardSome(BATCH);
        if (!more) return;
      }
    } catch (error) {
      this.logger.warn({ msg: 'cannot send held introductions now; will retry', error: (error as Error).message });
    }
  }
}
