import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CompanyMatchesRequest, ForgetCompanyRequest, MatchByIdRequest, MatchingSubjects, OpportunityMatchesRequest, PreviewRequest } from '#contracts';
import { JsonReply } from '#platform';
import { LeadsService } from './leads.service.js';

const DEFAULT_LIMIT = 20;

@Controller()
export class LeadsNatsController {
  constructor(private readonly leads: LeadsService) {}

  @MessagePattern(MatchingSubjects.matchGet)
  match(@Payload() req: MatchByIdRequest) {
    return this.leads.matchById(req.id);
  }

  /** Rendered once here and passed on by the gateway as bytes. */
  @MessagePattern(MatchingSubjects.companyMatches)
  async companyMatches(@Payload() { caller, companyId, ...filter }: CompanyMatchesRequest): Promise<JsonReply> {
    return JsonReply.of(await this.leads.companyMatches(companyId, { ...filter, limit: filter.limit ?? DEFAULT_LIMIT }, caller));
  }

  @MessagePattern(MatchingSubjects.companyForget)
  forgetCompany(@Payload() req: ForgetCompanyRequest) {
    this.leads.forget(req.id);
    return { id: req.id };
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
