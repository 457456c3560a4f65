import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CoalescingRunner } from '#platform';
import { resolveWebhookTarget, WebhookUrlError } from './public-address.js';
import { nextAttemptDelayMs } from './retry-schedule.js';
import { signingSecrets } from './webhook-endpoints.repository.js';
import { WebhookQueueRepository, type AttemptOutcome, type ClaimedDelivery } from './webhook-queue.repository.js';
import { postWebhook, type SendResult } from './webhook-sender.js';
import { signedHeaders } from './webhook-signer.js';
import { WEBHOOKS_CONFIG, type WebhooksConfig } from './webhooks.config.js';

/**
 * Sends due deliveries. Each pass claims a few in a short transaction, sends them outside any
 * transaction (the address checked again, the request pinned to it, with a timeout), and records
 * each attempt with what follows: delivered on a 2xx, else due again after its backoff, or failed
 * and the endpoint disabled. Any number of replicas may run it (SKIP LOCKED); a replica killed
 * mid-attempt leaves a lease that runs out, and the delivery is sent again: at least once.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookDeliveryWorker.name);
  private readonly runner = new CoalescingRunner(() => this.pass());
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly queue: WebhookQueueRepository,
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.runner.wake(), this.config.pollMs);
    this.timer.unref();
    this.runner.wake();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.runner.stop();
  }

  /** New deliveries were enqueued here: send them now rather than at the next poll. */
  wake(): void {
    this.runner.wake();
  }

  private async pass(): Promise<void> {
    try {
      while (!this.runner.stopped) {
        const claimed = await this.queue.claim(this.config.concurrency, this.config.leaseMs);
        if (!claimed.length) break;
        await Promise.all(claimed.map((d) => this.attempt(d)));
      }
    } catch (error) {
      this.logger.warn(`Webhook deliveries not sent this pass: ${(error as Error).message}`);
    }
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const at = new Date();
    const started = performance.now();
    const result = await this.send(delivery, at);
    const delivered = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const outcome: AttemptOutcome = {
      at,
      durationMs: Math.round(performance.now() - started),
      ...result,
      delivered,
      retryInMs: delivered ? null : nextAttemptDelayMs(this.config.schedule, delivery.attempts + 1),
    };
    try {
      await this.queue.record(delivery, outcome);
    } catch (error) {
      // Unrecorded, the lease runs out and the delivery is sent again: at least once.
      this.logger.warn(`Webhook attempt of delivery ${delivery.id} not recorded: ${(error as Error).message}`);
    }
  }

  private async send(delivery: ClaimedDelivery, at: Date): Promise<SendResult> {
    try {
      // Checked again at each attempt: the name may resolve elsewhere than at registration.
      const target = await resolveWebhookTarget(delivery.endpoint.url, this.config.allowPrivate);
      const body = JSON.stringify(delivery.payload);
      const headers = signedHeaders(signingSecrets(delivery.endpoint, at), delivery.id, at, body);
      return await postWebhook(target, { ...headers }, body, this.config.timeoutMs);
    } catch (error) {
      if (error instanceof WebhookUrlError) return { statusCode: null, error: `url refused: ${error.message}` };
      return { statusCode: null, error: (error as Error).message };
    }
  }
}
