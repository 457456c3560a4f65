import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AuthenticatePartnerRequest, CompaniesSubjects, CreatePartnerRequest } from '#contracts';
import { PartnersService } from './partners.service.js';

@Controller()
export class PartnersNatsController {
  constructor(private readonly partners: PartnersService) {}

  @MessagePattern(CompaniesSubjects.partnerCreate)
  create(@Payload() req: CreatePartnerRequest) {
    return this.partners.create(req.name);
  }

  @MessagePattern(CompaniesSubjects.partnerAuthenticate)
  authenticate(@Payload() req: AuthenticatePartnerRequest) {
    return this.partners.authenticate(req.apiKeyHash);
  }
}
