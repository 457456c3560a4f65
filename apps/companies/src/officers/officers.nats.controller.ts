import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AuthenticateOfficerRequest, CompaniesSubjects, CreateOfficerRequest, OfficerByIdRequest } from '#contracts';
import { OfficersService } from './officers.service.js';

@Controller()
export class OfficersNatsController {
  constructor(private readonly officers: OfficersService) {}

  @MessagePattern(CompaniesSubjects.officerCreate)
  create(@Payload() req: CreateOfficerRequest) {
    return this.officers.create(req.name, req.email);
  }

  @MessagePattern(CompaniesSubjects.officerList)
  list() {
    return this.officers.list();
  }

  @MessagePattern(CompaniesSubjects.officerRevoke)
  revoke(@Payload() req: OfficerByIdRequest) {
    return this.officers.revoke(req.id);
  }

  @MessagePattern(CompaniesSubjects.officerAuthenticate)
  authenticate(@Payload() req: AuthenticateOfficerRequest) {
    return this.officers.authenticate(req.apiKeyHash);
  }
}
