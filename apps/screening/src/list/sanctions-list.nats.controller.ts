import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DecideListCandidateRequest, ListVersionsRequest, ScreeningSubjects } from '#contracts';
import { SanctionsListService } from './sanctions-list.service.js';

@Controller()
export class SanctionsListNatsController {
  constructor(private readonly list: SanctionsListService) {}

  @MessagePattern(ScreeningSubjects.listGet)
  status() {
    return this.list.status();
  }

  @MessagePattern(ScreeningSubjects.listRefresh)
  refresh() {
    return this.list.refresh();
  }

  @MessagePattern(ScreeningSubjects.listVersions)
  versions(@Payload() req: ListVersionsRequest) {
    return this.list.listVersions(req);
  }

  @MessagePattern(ScreeningSubjects.listCandidateDecide)
  decide(@Payload() req: DecideListCandidateRequest) {
    return this.list.decide(req);
  }
}
