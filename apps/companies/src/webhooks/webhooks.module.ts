import { Module } from '@nestjs/common';
import { WebhookDeliveryWorker } from './webhook-delivery.worker.js';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository.js';
import { WebhookEventsConsumer } from './webhook-events.consumer.js';
import { WebhookQueueRepository } from './webhook-queue.repository.js';
import { WebhooksNatsController } from './webhooks.nats.controller.js';
import { WebhooksService } from './webhooks.service.js';
import { loadWebhooksConfig, WEBHOOKS_CONFIG } from './webhooks.config.js';

/** Partners' webhooks: endpoints, the durable delivery queue fed by lead, introduction and import events, and its worker. */
@Module({
  controllers: [WebhooksNatsController],
  providers: [
    { provide: WEBHOOKS_CONFIG, useFactory: () => loadWebhooksConfig() },
    WebhookEndpointsRepository,
    WebhookQueueRepository,
    WebhooksService,
    WebhookDeliveryWorker,
    WebhookEventsConsumer,
  ],
  exports: [WebhookQueueRepository, WebhookDeliveryWorker],
})
export class WebhooksModule {}
