import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IntroductionEvents } from '#contracts';
import { BusModule, DatabaseModule, EventLogModule, IdempotencyKeys, OpsModule, OutboxRelayModule } from '#platform';
import { AuditRepository } from './audit/audit.repository.js';
import { SCREENING_SCHEMA, screeningDatabase } from './database/screening-database.js';
import { DismissalsNatsController } from './dismissals/dismissals.nats.controller.js';
import { DismissalsRepository } from './dismissals/dismissals.repository.js';
import { DismissalsService } from './dismissals/dismissals.service.js';
import { EvidenceService } from './evidence/evidence.service.js';
import { IntroductionsService } from './introductions/introductions.service.js';
import { ListVersionsRepository } from './list/list-versions.repository.js';
import { SanctionsListNatsController } from './list/sanctions-list.nats.controller.js';
import { SanctionsListReadiness } from './list/sanctions-list.readiness.js';
import { SanctionsListService } from './list/sanctions-list.service.js';
import { RuleSetProvider } from './rules/rule-set.provider.js';
import { loadScreeningConfig, SCREENING_CONFIG } from './screening.config.js';
import { ScreeningNatsController } from './screening.nats.controller.js';
import { ScreeningService } from './screening/screening.service.js';

@Module({
  imports: [
    BusModule.forService('screening'),
    DatabaseModule.forService(screeningDatabase),
    EventLogModule.forService('screening'),
    OutboxRelayModule.forSchema({
      schema: SCREENING_SCHEMA,
      stream: { name: IntroductionEvents.stream, subjects: [...IntroductionEvents.subjects] },
      subjectOf: () => IntroductionEvents.decided,
    }),
    OpsModule.forService({ service: 'screening', checks: [SanctionsListReadiness] }),
  ],
  controllers: [ScreeningNatsController, SanctionsListNatsController, DismissalsNatsController],
  providers: [
    { provide: SCREENING_CONFIG, useFactory: loadScreeningConfig },
    RuleSetProvider,
    ListVersionsRepository,
    SanctionsListService,
    SanctionsListReadiness,
    AuditRepository,
    DismissalsRepository,
    DismissalsService,
    ScreeningService,
    IntroductionsService,
    EvidenceService,
    { provide: IdempotencyKeys, useFactory: (dataSource: DataSource) => new IdempotencyKeys(dataSource, SCREENING_SCHEMA), inject: [DataSource] },
  ],
})
export class ScreeningAppModule {}
