import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
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
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly held: HeldIntroductionsService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.wake(), RETRY_MS);
    this.timer.unref();
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  private async pass(): Promise<void> {
    try {
      for (;;) {
        if (this.stopped) return;
        const { more } = await this.held.forwardSome(BATCH);
        if (!more) return;
      }
    } catch (error) {
      this.logger.warn({ msg: 'cannot send held introductions now; will retry', error: (error as Error).message });
    }
  }
}
