import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CompaniesSubjects, type HealthReply } from '#contracts';
import { pingDatabase } from '#platform';

@Controller()
export class HealthNatsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @MessagePattern(CompaniesSubjects.healthCheck)
  async check(): Promise<HealthReply> {
    const database = (await pingDatabase(this.dataSource)) ? 'up' : 'down';
    return { service: 'companies', status: database, checks: { database } };
  }
}
