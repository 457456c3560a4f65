import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AppendImportRowsRequest, CompaniesSubjects, FinishImportRequest, GetImportRequest, ListImportsRequest, StartImportRequest } from '#contracts';
import { ImportsService } from './imports.service.js';

@Controller()
export class ImportsNatsController {
  constructor(private readonly imports: ImportsService) {}

  @MessagePattern(CompaniesSubjects.importStart)
  start(@Payload() req: StartImportRequest) {
    return this.imports.start(req.caller, req.dryRun);
  }

  @MessagePattern(CompaniesSubjects.importAppend)
  append(@Payload() req: AppendImportRowsRequest) {
    return this.imports.stage(req.caller, req.id, req.rows);
  }

  @MessagePattern(CompaniesSubjects.importFinish)
  finish(@Payload() req: FinishImportRequest) {
    return this.imports.finish(req.caller, req.id, req.outcome, req.total, req.error, req.idempotencyKey && req.requestHash ? { key: req.idempotencyKey, requestHash: req.requestHash } : undefined);
  }

  @MessagePattern(CompaniesSubjects.importGet)
  get(@Payload() req: GetImportRequest) {
    return this.imports.get(req.caller, req.id, req);
  }

  @MessagePattern(CompaniesSubjects.importList)
  list(@Payload() req: ListImportsRequest) {
    return this.imports.list(req.caller, req.limit, req.after);
  }
}
