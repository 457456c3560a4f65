import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateDismissalRequest, DismissalByIdRequest, DismissalChangesRequest, EvidenceRequest, ListDismissalsRequest, ScreeningSubjects } from '#contracts';
import { EvidenceService } from '../evidence/evidence.service.js';
import { DismissalsService } from './dismissals.service.js';

@Controller()
export class DismissalsNatsController {
  constructor(
    private readonly dismissals: DismissalsService,
    private readonly evidence: EvidenceService,
  ) {}

  @MessagePattern(ScreeningSubjects.dismissalCreate)
  create(@Payload() req: CreateDismissalRequest) {
    return this.dismissals.create(req);
  }

  @MessagePattern(ScreeningSubjects.dismissalGet)
  get(@Payload() req: DismissalByIdRequest) {
    return this.dismissals.get(req.id);
  }

  @MessagePattern(ScreeningSubjects.dismissalList)
  list(@Payload() req: ListDismissalsRequest) {
    return this.dismissals.listOf(req);
  }

  @MessagePattern(ScreeningSubjects.dismissalChanges)
  changes(@Payload() req: DismissalChangesRequest) {
    return this.dismissals.changes(req.after);
  }

  @MessagePattern(ScreeningSubjects.evidenceGet)
  evidenceOf(@Payload() req: EvidenceRequest) {
    return this.evidence.evidence(req);
  }
}
