import { Controller, type Type } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import {
  CompanyMatchesRequest,
  ForgetCompanyRequest,
  matchingPartitionSubjects,
  PresentMatchesRequest,
  ScreeningSubjects,
  type MatchingStatusReply,
  type MatchList,
  type VersionsChangedEvent,
} from '#contracts';
import { EventIngestService } from '../ingest/event-ingest.service.js';
import { HeldIntroductionsForwarder } from '../introductions/held-introductions.forwarder.js';
import { JsonReply } from '#platform';
import { DEFAULT_LIMIT } from '../leads/leads.nats.controller.js';
import { LeadsService } from '../leads/leads.service.js';
import { MatchingStatus } from './matching-status.service.js';

/**
 * What one replica answers alone. The company partitions it owns: each handler listens on its
 * subject of every one of them, so a company's reads reach the one replica that holds it. And the
 * hints every replica must hear, in a queue group of its own. Made per replica, since the subjects
 * are known only once the replica's settings are read.
 */
export function replicaController(replica: number, partitions: readonly number[]): Type<unknown> {
  const on = (key: keyof ReturnType<typeof matchingPartitionSubjects>) => partitions.map((p) => matchingPartitionSubjects(p)[key]);

  @Controller()
  class ReplicaNatsController {
    constructor(
      private readonly leads: LeadsService,
      private readonly matchingStatus: MatchingStatus,
      private readonly ingest: EventIngestService,
      private readonly heldForwarder: HeldIntroductionsForwarder,
    ) {}

    /** Rendered once here and passed on by the gateway as bytes. */
    @MessagePattern(on('companyMatches'))
    async companyMatches(@Payload() { caller, companyId, ...filter }: CompanyMatchesRequest): Promise<JsonReply> {
      return JsonReply.of(await this.leads.companyMatches(companyId, { ...filter, limit: filter.limit ?? DEFAULT_LIMIT }, caller));
    }

    @MessagePattern(on('companyForget'))
    forgetCompany(@Payload() req: ForgetCompanyRequest): { id: string } {
      this.leads.forget(req.id);
      return { id: req.id };
    }

    @MessagePattern(on('matchesPresent'))
    present(@Payload() req: PresentMatchesRequest): Promise<MatchList> {
      return this.leads.presentStored(req.matches, req.withCompany);
    }

    @MessagePattern(on('status'))
    status(): Promise<MatchingStatusReply> {
      return this.matchingStatus.own();
    }

    /** A new list or rules version: every replica screens its parties again, so each hears it. */
    @EventPattern(ScreeningSubjects.versionsChanged, { queue: `matching-replica-${replica}` })
    screeningChanged(@Payload() _event: VersionsChangedEvent): void {
      this.ingest.screeningChanged();
      this.heldForwarder.wake();
    }
  }
  return ReplicaNatsController;
}
