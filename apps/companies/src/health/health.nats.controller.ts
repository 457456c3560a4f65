import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { CompaniesSubjects, type HealthReply } from '#contracts';
import { ServiceHealth } from '#platform';

@Controller()
export class HealthNatsController {
  constructor(private readonly health: ServiceHealth) {}

  @MessagePattern(CompaniesSubjects.healthCheck)
  check(): Promise<HealthReply> {
    return this.health.reply();
  }
}
