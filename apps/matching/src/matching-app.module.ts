import { Module } from '@nestjs/common';
import { BusModule, DatabaseModule } from '#platform';
import { RubricClient } from './catalogue/rubric.client.js';
import { ScreeningClient } from './catalogue/screening.client.js';
import { matchingDatabase } from './database/matching-database.js';
import { OutboxFollowerService } from './ingest/outbox-follower.service.js';
import { HeldIntroductionsForwarder } from './introductions/held-introductions.forwarder.js';
import { HeldIntroductionsRepository } from './introductions/held-introductions.repository.js';
import { HeldIntroductionsService } from './introductions/held-introductions.service.js';
import { MatchMakerService } from './matches/match-maker.service.js';
import { MatchesRepository } from './matches/matches.repository.js';
import { MatchingNatsController } from './matches/matching.nats.controller.js';
import { loadMatchingConfig, MATCHING_CONFIG } from './matching.config.js';

@Module({
  imports: [BusModule.forService('matching'), DatabaseModule.forService(matchingDatabase)],
  controllers: [MatchingNatsController],
  providers: [
    { provide: MATCHING_CONFIG, useFactory: loadMatchingConfig },
    MatchesRepository,
    RubricClient,
    ScreeningClient,
    MatchMakerService,
    OutboxFollowerService,
    HeldIntroductionsRepository,
    HeldIntroductionsService,
    HeldIntroductionsForwarder,
  ],
})
export class MatchingAppModule {}
