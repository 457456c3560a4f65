import { Module, type DynamicModule } from '@nestjs/common';
import { LeadEventType, LeadEvents as LeadEventSubjects, companyPartition } from '#contracts';
import { BusModule, DatabaseModule, EventLogModule, OpsModule, OutboxRelayModule, type OutboxRow } from '#platform';
import { RubricClient } from './clients/rubric.client.js';
import { ScreeningClient } from './clients/screening.client.js';
import { MATCHING_SCHEMA, matchingDatabase } from './database/matching-database.js';
import { Transactions } from './database/transactions.js';
import { DecisionSync } from './decisions/decision-sync.service.js';
import { DecisionsRepository } from './decisions/decisions.repository.js';
import { PartyDecisions } from './decisions/party-decisions.service.js';
import { EventApplier } from './ingest/event-applier.service.js';
import { IngestNatsController } from './ingest/ingest.nats.controller.js';
import { EventIngestService } from './ingest/event-ingest.service.js';
import { ProjectionsRepository } from './ingest/projections.repository.js';
import { forwarderLockProvider, HeldIntroductionsForwarder } from './introductions/held-introductions.forwarder.js';
import { HeldIntroductionsRepository } from './introductions/held-introductions.repository.js';
import { HeldIntroductionsService } from './introductions/held-introductions.service.js';
import { LeadEvents } from './leads/lead-events.js';
import { LeadStore } from './leads/lead-store.js';
import { LeadsNatsController } from './leads/leads.nats.controller.js';
import { LeadsRepository } from './leads/leads.repository.js';
import { LeadsService } from './leads/leads.service.js';
import { MatchingNatsController } from './matching.nats.controller.js';
import { loadMatchingConfig, MATCHING_CONFIG, ownedPartitions, type MatchingConfig } from './matching.config.js';
import { MatchingStatus } from './partitions/matching-status.service.js';
import { replicaController } from './partitions/replica.nats.controller.js';
import { PartitionOwnership } from './partitions/partition-ownership.js';
import { PartitionsReadiness } from './partitions/partitions.readiness.js';
import { CandidateIndex } from './ranking/candidate-index.js';
import { RankingService } from './ranking/ranking.service.js';

/**
 * One matching replica. Its settings are read first: the subjects it answers depend on the company
 * partitions it owns (MATCHING_REPLICAS, MATCHING_REPLICA).
 */
@Module({})
export class MatchingAppModule {
  static register(config: MatchingConfig = loadMatchingConfig()): DynamicModule {
    return {
      module: MatchingAppModule,
      imports: [
        BusModule.forService('matching'),
        DatabaseModule.forService(matchingDatabase),
        EventLogModule.forService('matching'),
        // Every replica runs a relay; the relay's lock lets one publish at a time.
        OutboxRelayModule.forSchema({
          schema: MATCHING_SCHEMA,
          stream: { name: LeadEventSubjects.stream, subjects: [...LeadEventSubjects.subjects] },
          subjectOf: leadEventSubject,
        }),
        OpsModule.forService({ service: 'matching', checks: [PartitionsReadiness] }),
      ],
      controllers: [LeadsNatsController, IngestNatsController, MatchingNatsController, replicaController(config.MATCHING_REPLICA, ownedPartitions(config))],
      providers: [
        { provide: MATCHING_CONFIG, useValue: config },
        PartitionOwnership,
        MatchingStatus,
        PartitionsReadiness,
        { provide: CandidateIndex, useFactory: () => new CandidateIndex() },
        Transactions,
        RubricClient,
        ScreeningClient,
        DecisionsRepository,
        PartyDecisions,
        DecisionSync,
        RankingService,
        LeadsRepository,
        LeadEvents,
        LeadStore,
        LeadsService,
        ProjectionsRepository,
        EventApplier,
        EventIngestService,
        HeldIntroductionsRepository,
        HeldIntroductionsService,
        HeldIntroductionsForwarder,
        forwarderLockProvider,
      ],
    };
  }
}

/** A company's lead events go to its partition's subjects, as its company events do. */
function leadEventSubject(row: OutboxRow): string {
  const partition = companyPartition(row.aggregateId);
  return row.type === LeadEventType.VERDICT_CHANGED ? LeadEventSubjects.verdictChanged(partition) : LeadEventSubjects.created(partition);
}
