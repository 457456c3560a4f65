import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CompaniesSubjects,
  CompanyByIdRequest,
  CreateCompanyRequest,
  ListCompaniesRequest,
  UpdateCompanyRequest,
} from '#contracts';
import { CompaniesService } from './companies.service.js';

@Controller()
export class CompaniesNatsController {
  constructor(private readonly companies: CompaniesService) {}

  @MessagePattern(CompaniesSubjects.companyCreate)
  create(@Payload() req: CreateCompanyRequest) {
    return this.companies.create(req.caller, req.profile, req.idempotencyKey);
  }

  @MessagePattern(CompaniesSubjects.companyValidate)
  validate(@Payload() req: CreateCompanyRequest) {
    return this.companies.validate(req.caller, req.profile);
  }

  @MessagePattern(CompaniesSubjects.companyGet)
  get(@Payload() req: CompanyByIdRequest) {
    return this.companies.get(req.caller, req.id);
  }

  @MessagePattern(CompaniesSubjects.companyList)
  list(@Payload() req: ListCompaniesRequest) {
    return this.companies.list(req.caller, req);
  }

  @MessagePattern(CompaniesSubjects.companyUpdate)
  update(@Payload() req: UpdateCompanyRequest) {
    return this.companies.update(req.caller, req.id, req.patch);
  }

  @MessagePattern(CompaniesSubjects.companyDelete)
  delete(@Payload() req: CompanyByIdRequest) {
    return this.companies.delete(req.caller, req.id);
  }
}
