import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CompaniesSubjects, type HealthReply } from '#contracts';
import { databaseHealth } from '#platform';

@Controller()
export class HealthNatsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @MessagePattern(CompaniesSubjects.healthCheck)
  check(): Promise<HealthReply> {
    return databaseHealth('companies', this.dataSource);
  }
}
