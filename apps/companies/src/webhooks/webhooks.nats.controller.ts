import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CompaniesSubjects, CreateWebhookRequest, ListWebhookDeliveriesRequest, ListWebhooksRequest, WebhookByIdRequest } from '#contracts';
import { WebhooksService } from './webhooks.service.js';

@Controller()
export class WebhooksNatsController {
  constructor(private readonly webhooks: WebhooksService) {}

  @MessagePattern(CompaniesSubjects.webhookCreate)
  create(@Payload() req: CreateWebhookRequest) {
    return this.webhooks.create(req.caller, req.url, req.events, req.minScore);
  }

  @MessagePattern(CompaniesSubjects.webhookList)
  list(@Payload() req: ListWebhooksRequest) {
    return this.webhooks.list(req.caller, req.limit, req.after);
  }

  @MessagePattern(CompaniesSubjects.webhookGet)
  get(@Payload() req: WebhookByIdRequest) {
    return this.webhooks.get(req.caller, req.id);
  }

  @MessagePattern(CompaniesSubjects.webhookDelete)
  delete(@Payload() req: WebhookByIdRequest) {
    return this.webhooks.delete(req.caller, req.id);
  }

  @MessagePattern(CompaniesSubjects.webhookRotateSecret)
  rotateSecret(@Payload() req: WebhookByIdRequest) {
    return this.webhooks.rotateSecret(req.caller, req.id);
  }

  @MessagePattern(CompaniesSubjects.webhookEnable)
  enable(@Payload() req: WebhookByIdRequest) {
    return this.webhooks.enable(req.caller, req.id);
  }

  @MessagePattern(CompaniesSubjects.webhookDeliveries)
  deliveries(@Payload() req: ListWebhookDeliveriesRequest) {
    return this.webhooks.deliveries(req.caller, req.id, req.limit, req.after);
  }
}
