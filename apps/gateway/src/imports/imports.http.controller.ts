import { Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CompaniesSubjects, IDEMPOTENCY_KEY_HEADER, MAX_PAGE_SIZE, type Caller } from '#contracts';
import { MESSAGE_BUS, type MessageBus } from '#platform';
import { CurrentCaller, Roles } from '../auth/api-key.guard.js';
import { optionalBoolean, optionalCursor, optionalIdempotencyKey, optionalInt, uuidParam } from '../http-params.js';
import { ApiIdempotencyKey } from '../openapi/idempotency.openapi.js';
import { ApiCursorQuery } from '../openapi/cursor-query.js';
import { ref } from '../openapi/reply.schema.js';
import { ImportsService } from './imports.service.js';

@ApiTags('imports')
@ApiSecurity('api-key')
@Controller('v1')
export class ImportsHttpController {
  constructor(
    private readonly imports: ImportsService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  @Post('companies/import')
  @HttpCode(202)
  @Roles('partner')
  @ApiOperation({
    summary: 'Import company profiles in bulk (CSV or a JSON array), keyed by INN: created, updated, unchanged or rejected row by row',
  })
  @ApiConsumes('text/csv', 'application/json')
  @ApiQuery({ name: 'dryRun', required: false, description: 'true: validate and report what would happen, store nothing' })
  @ApiIdempotencyKey('starts the import')
  import(@CurrentCaller() caller: Caller, @Req() request: Request, @Query('dryRun') dryRun?: string, @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey?: string) {
    return this.imports.import(caller, request, optionalBoolean('dryRun', dryRun) ?? false, optionalIdempotencyKey(idempotencyKey));
  }

  @Get('imports')
  @ApiOperation({ summary: "The caller's imports, newest first, each with its progress (the admin: every partner's)" })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', description: `1 to ${MAX_PAGE_SIZE}, default 50` })
  @ApiCursorQuery({ offset: false })
  @ApiOkResponse({ schema: ref('ImportPage') })
  list(@CurrentCaller() caller: Caller, @Query('limit') limit?: string, @Query('after') after?: string) {
    return this.bus.request(CompaniesSubjects.importList, { caller, limit: optionalInt('limit', limit, 1, MAX_PAGE_SIZE), after: optionalCursor(after) });
  }

  @Get('imports/:id')
  @ApiOperation({ summary: "An import's progress and a page of its rows' results, in row order" })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', description: `rows per page, 1 to ${MAX_PAGE_SIZE}, default 100` })
  @ApiCursorQuery()
  get(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query('limit') limit?: string, @Query('after') after?: string, @Query('offset') offset?: string) {
    return this.bus.request(CompaniesSubjects.importGet, {
      caller,
      id: uuidParam('id', id),
      limit: optionalInt('limit', limit, 1, MAX_PAGE_SIZE),
      after: optionalCursor(after),
      offset: optionalInt('offset', offset, 0, Number.MAX_SAFE_INTEGER),
    });
  }
}
