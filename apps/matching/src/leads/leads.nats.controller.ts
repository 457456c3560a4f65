import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MatchByIdRequest, MatchingSubjects, OpportunityMatchesRequest, PreviewRequest } from '#contracts';
import { LeadsService } from './leads.service.js';

/** Matches a read answers when it names no limit. */
export const DEFAULT_LIMIT = 20;

/** The reads any replica answers: one match, the reverse view, a preview. A company's own are in the partition controller. */
@Controller()
export class LeadsNatsController {
  constructor(private readonly leads: LeadsService) {}

  @MessagePattern(MatchingSubjects.matchGet)
  match(@Payload() req: MatchByIdRequest) {
    return this.leads.matchById(req.id);
  }

  @MessagePattern(MatchingSubjects.opportunityMatches)
  opportunityMatches(@Payload() { opportunityId, ...filter }: OpportunityMatchesRequest) {
    return this.leads.opportunityMatches(opportunityId, { ...filter, limit: filter.limit ?? DEFAULT_LIMIT });
  }

  @MessagePattern(MatchingSubjects.preview)
  preview(@Payload() { profile, ...filter }: PreviewRequest) {
    return this.leads.preview(profile, { ...filter, limit: filter.limit ?? DEFAULT_LIMIT });
  }
}
