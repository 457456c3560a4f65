import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DecideIntroductionRequest,
  IntroductionByIdRequest,
  ListAuditRequest,
  ListIntroductionsRequest,
  NameCheckRequest,
  RequestIntroductionRequest,
  ScreeningSubjects,
  ScreenPartiesRequest,
  type HealthReply,
} from '#contracts';
import { decodeCursor, invalidCursor, ServiceHealth } from '#platform';
import { AuditRepository } from './audit/audit.repository.js';
import { DismissalsService } from './dismissals/dismissals.service.js';
import { IntroductionsService } from './introductions/introductions.service.js';
import { SanctionsListService } from './list/sanctions-list.service.js';
import { ScreeningService } from './screening/screening.service.js';
import { SCREENING_CONFIG, type ScreeningConfig } from './screening.config.js';

@Controller()
export class ScreeningNatsController {
  constructor(
    private readonly screening: ScreeningService,
    private readonly list: SanctionsListService,
    private readonly introductions: IntroductionsService,
    private readonly audit: AuditRepository,
    private readonly dismissals: DismissalsService,
    @Inject(SCREENING_CONFIG) private readonly config: ScreeningConfig,
    private readonly serviceHealth: ServiceHealth,
  ) {}

  @MessagePattern(ScreeningSubjects.partiesScreen)
  screenParties(@Payload() req: ScreenPartiesRequest) {
    return this.screening.screenParties(req);
  }

  @MessagePattern(ScreeningSubjects.nameCheck)
  checkName(@Payload() req: NameCheckRequest) {
    return this.screening.checkName(req.name, req.type, {
      ...(req.dateOfBirth ? { dateOfBirth: req.dateOfBirth } : {}),
      ...(req.nationality ? { nationality: req.nationality } : {}),
    });
  }

  @MessagePattern(ScreeningSubjects.versionsGet)
  async versions() {
    return { ...(await this.screening.versions()), dismissalsSeq: await this.dismissals.lastChange() };
  }

  @MessagePattern(ScreeningSubjects.rulesGet)
  rules() {
    return this.screening.ruleCatalogue();
  }

  @MessagePattern(ScreeningSubjects.introductionRequest)
  requestIntroduction(@Payload() req: RequestIntroductionRequest) {
    return this.introductions.request(req);
  }

  @MessagePattern(ScreeningSubjects.introductionGet)
  getIntroduction(@Payload() req: IntroductionByIdRequest) {
    return this.introductions.get(req.caller, req.id);
  }

  @MessagePattern(ScreeningSubjects.introductionList)
  listIntroductions(@Payload() req: ListIntroductionsRequest) {
    return this.introductions.list(req.caller, req.status, req.limit, req.after);
  }

  @MessagePattern(ScreeningSubjects.introductionDecide)
  decide(@Payload() req: DecideIntroductionRequest) {
    return this.introductions.decide(req);
  }

  @MessagePattern(ScreeningSubjects.auditVerify)
  auditVerify() {
    return this.audit.verify();
  }

  @MessagePattern(ScreeningSubjects.auditList)
  auditLog(@Payload() req: ListAuditRequest) {
    // The cursor holds the seq of the last entry given; `after` as a bare seq is the deprecated way.
    const after = req.cursor ? Number(decodeCursor(req.cursor, ['integer'])![0]) : req.after;
    if (!Number.isSafeInteger(after ?? 0) || (after ?? 0) < 0) throw invalidCursor();
    return this.audit.list(after, req.limit, req.kind, req.decision, this.config.AUDIT_PAGE_MAX_BYTES);
  }

  @MessagePattern(ScreeningSubjects.healthCheck)
  health(): Promise<HealthReply> {
    return this.serviceHealth.reply();
  }
}
