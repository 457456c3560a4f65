import { Controller, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateOpportunityRequest,
  ListOpportunitiesRequest,
  OpportunityByIdRequest,
  sectorSubjects,
  UpdateOpportunityRequest,
  type HealthReply,
  type SectorId,
} from '#contracts';
import { ServiceHealth } from '#platform';
import { OpportunitiesService } from './opportunities.service.js';

/**
 * The NATS controller of one sector. Subjects carry the sector's name, so the class is made per
 * sector: a process serving only `mining` does not answer `automobile`.
 */
export function createOpportunitiesController(sector: SectorId): Type<unknown> {
  const subjects = sectorSubjects(sector);

  @Controller()
  class OpportunitiesNatsController {
    constructor(
      readonly opportunities: OpportunitiesService,
      readonly serviceHealth: ServiceHealth,
    ) {}

    @MessagePattern(subjects.describe)
    describe() {
      return this.opportunities.describe();
    }

    @MessagePattern(subjects.opportunityCreate)
    create(@Payload() req: CreateOpportunityRequest) {
      return this.opportunities.create(req.opportunity);
    }

    @MessagePattern(subjects.opportunityGet)
    get(@Payload() req: OpportunityByIdRequest) {
      return this.opportunities.get(req.id, req.withContact ?? false);
    }

    @MessagePattern(subjects.opportunityList)
    list(@Payload() req: ListOpportunitiesRequest) {
      return this.opportunities.list(req);
    }

    @MessagePattern(subjects.opportunityUpdate)
    update(@Payload() req: UpdateOpportunityRequest) {
      return this.opportunities.update(req.id, req.patch);
    }

    @MessagePattern(subjects.opportunityDelete)
    delete(@Payload() req: OpportunityByIdRequest) {
      return this.opportunities.delete(req.id);
    }

    @MessagePattern(subjects.healthCheck)
    health(): Promise<HealthReply> {
      return this.serviceHealth.reply(`sectors.${sector}`);
    }
  }
  Object.defineProperty(OpportunitiesNatsController, 'name', { value: `${sector[0].toUpperCase()}${sector.slice(1)}OpportunitiesNatsController` });
  return OpportunitiesNatsController;
}
