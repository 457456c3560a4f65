import { Module } from '@nestjs/common';
import { CompanyEventType, CompanyEvents, companyPartition } from '#contracts';
import { DataSource } from 'typeorm';
import { BusModule, DatabaseModule, EventLogModule, IdempotencyKeys, OpsModule, OutboxRelayModule, type OutboxRow } from '#platform';
import { CompaniesNatsController } from './companies/companies.nats.controller.js';
import { CompaniesRepository } from './companies/companies.repository.js';
import { CompaniesService } from './companies/companies.service.js';
import { COMPANIES_SCHEMA, companiesDatabase } from './database/companies-database.js';
import { HealthNatsController } from './health/health.nats.controller.js';
import { ImportsNatsController } from './imports/imports.nats.controller.js';
import { ImportsRepository } from './imports/imports.repository.js';
import { ImportsService } from './imports/imports.service.js';
import { OfficersNatsController } from './officers/officers.nats.controller.js';
import { OfficersService } from './officers/officers.service.js';
import { PartnersNatsController } from './partners/partners.nats.controller.js';
import { PartnersService } from './partners/partners.service.js';
import { SectorVocabularyClient } from './vocabulary/sector-vocabulary.client.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

@Module({
  imports: [
    BusModule.forService('companies'),
    DatabaseModule.forService(companiesDatabase),
    EventLogModule.forService('companies'),
    OutboxRelayModule.forSchema({
      schema: COMPANIES_SCHEMA,
      stream: { name: CompanyEvents.stream, subjects: [...CompanyEvents.subjects] },
      subjectOf: companyEventSubject,
    }),
    OpsModule.forService({ service: 'companies' }),
    WebhooksModule,
  ],
  controllers: [CompaniesNatsController, ImportsNatsController, PartnersNatsController, OfficersNatsController, HealthNatsController],
  providers: [
    CompaniesRepository,
    CompaniesService,
    ImportsRepository,
    ImportsService,
    PartnersService,
    OfficersService,
    SectorVocabularyClient,
    { provide: IdempotencyKeys, useFactory: (dataSource: DataSource) => new IdempotencyKeys(dataSource, COMPANIES_SCHEMA), inject: [DataSource] },
  ],
})
export class CompaniesAppModule {}

/** A company's events go to its partition's subjects, so each partition's events stay in order. */
function companyEventSubject(row: OutboxRow): string {
  const partition = companyPartition(row.aggregateId);
  return row.type === CompanyEventType.DELETED ? CompanyEvents.deleted(partition) : CompanyEvents.upserted(partition);
}
