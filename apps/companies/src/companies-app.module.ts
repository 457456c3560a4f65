import { Module } from '@nestjs/common';
import { BusModule, DatabaseModule, OpsModule } from '#platform';
import { CompaniesNatsController } from './companies/companies.nats.controller.js';
import { CompaniesRepository } from './companies/companies.repository.js';
import { CompaniesService } from './companies/companies.service.js';
import { companiesDatabase } from './database/companies-database.js';
import { HealthNatsController } from './health/health.nats.controller.js';
import { OfficersNatsController } from './officers/officers.nats.controller.js';
import { OfficersService } from './officers/officers.service.js';
import { PartnersNatsController } from './partners/partners.nats.controller.js';
import { PartnersService } from './partners/partners.service.js';
import { SectorVocabularyClient } from './vocabulary/sector-vocabulary.client.js';

@Module({
  imports: [BusModule.forService('companies'), DatabaseModule.forService(companiesDatabase), OpsModule.forService({ service: 'companies' })],
  controllers: [CompaniesNatsController, PartnersNatsController, OfficersNatsController, HealthNatsController],
  providers: [CompaniesRepository, CompaniesService, PartnersService, OfficersService, SectorVocabularyClient],
})
export class CompaniesAppModule {}
