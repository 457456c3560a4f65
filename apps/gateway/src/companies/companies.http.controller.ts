import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  CompaniesSubjects,
  CompanyProfileDto,
  ErrorCode,
  IDEMPOTENCY_KEY_HEADER,
  matchingSubjectsOf,
  MAX_MATCHES_PER_READ,
  MAX_PAGE_SIZE,
  SECTOR_IDS,
  type Caller,
  type CompanyMatchesRequest,
} from '#contracts';
import { DomainError, MESSAGE_BUS, RpcError, type MessageBus } from '#platform';
import { CurrentCaller, Roles } from '../auth/api-key.guard.js';
import { optionalBoolean, optionalCursor, optionalIdempotencyKey, optionalInt, optionalNumber, optionalSector, uuidParam } from '../http-params.js';
import { ApiIdempotencyKey } from '../openapi/idempotency.openapi.js';
import { ApiCursorQuery } from '../openapi/cursor-query.js';
import { ref } from '../openapi/reply.schema.js';

const FORGET_TIMEOUT_MS = 2_000;

@ApiTags('companies')
@ApiSecurity('api-key')
@Controller('v1/companies')
export class CompaniesHttpController {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Submit a company profile' })
  @ApiIdempotencyKey('stores the company')
  @ApiCreatedResponse({ description: 'The stored company (version 1); its matches follow within seconds', schema: ref('Company') })
  create(@CurrentCaller() caller: Caller, @Body() profile: CompanyProfileDto, @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey?: string) {
    return this.bus.request(CompaniesSubjects.companyCreate, { caller, profile, idempotencyKey: optionalIdempotencyKey(idempotencyKey) });
  }

  @Get()
  @ApiOperation({ summary: "List the caller's companies (admin: all)" })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', description: `1 to ${MAX_PAGE_SIZE}, default 50` })
  @ApiCursorQuery()
  @ApiOkResponse({ schema: ref('CompanyPage') })
  list(@CurrentCaller() caller: Caller, @Query('limit') limit?: string, @Query('after') after?: string, @Query('offset') offset?: string) {
    return this.bus.request(CompaniesSubjects.companyList, {
      caller,
      limit: optionalInt('limit', limit, 1, MAX_PAGE_SIZE),
      after: optionalCursor(after),
      offset: optionalInt('offset', offset, 0, Number.MAX_SAFE_INTEGER),
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One company profile (its partner, the admin or an officer)' })
  @ApiOkResponse({ schema: ref('Company') })
  @ApiResponse({ status: 404, description: "No such company, or another partner's" })
  get(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.bus.request(CompaniesSubjects.companyGet, { caller, id: uuidParam('id', id) });
  }

  @Patch(':id')
  @Roles('partner', 'admin')
  @ApiOperation({ summary: 'Change fields of a company profile; the result is validated as a whole (its partner, or the admin; not officers)' })
  @ApiOkResponse({ description: 'The company after the change, its version one higher', schema: ref('Company') })
  @ApiResponse({ status: 404, description: "No such company, or another partner's" })
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() patch: Record<string, unknown>) {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
      throw DomainError.validation([{ field: 'body', reason: 'must be a JSON object' }]);
    }
    return this.bus.request(CompaniesSubjects.companyUpdate, { caller, id: uuidParam('id', id), patch });
  }

  @Delete(':id')
  @Roles('partner', 'admin')
  @ApiOperation({ summary: 'Delete a company profile (its partner, or the admin; not officers)' })
  @ApiOkResponse({ schema: ref('CompanyDeleted') })
  @ApiResponse({ status: 404, description: "No such company, or another partner's" })
  async delete(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    const deleted = await this.bus.request(CompaniesSubjects.companyDelete, { caller, id: uuidParam('id', id) });
    // Matching removes the company when the deletion comes through the outbox; until then it hides it.
    // If matching cannot be told now, the outbox still removes it: the deletion stands either way.
    await this.bus.request(matchingSubjectsOf(id).companyForget, { id }, { timeoutMs: FORGET_TIMEOUT_MS }).catch(() => undefined);
    return deleted;
  }

  @Get(':id/matches')
  @ApiOperation({ summary: 'Ranked, explained matches of a company, best first' })
  @ApiQuery({ name: 'sector', required: false, enum: SECTOR_IDS })
  @ApiQuery({ name: 'minScore', required: false, type: 'number', description: '0 to 100' })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', description: `1 to ${MAX_MATCHES_PER_READ}` })
  @ApiQuery({ name: 'includeProhibited', required: false, type: 'boolean', description: 'show prohibited matches with their verdict and rules' })
  @ApiResponse({ status: 404, description: "No such company, or another partner's" })
  async matches(
    @Res() res: Response,
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Query('sector') sector?: string,
    @Query('minScore') minScore?: string,
    @Query('limit') limit?: string,
    @Query('includeProhibited') includeProhibited?: string,
  ): Promise<void> {
    const companyId = uuidParam('id', id);
    const filter = {
      sector: optionalSector(sector),
      minScore: optionalNumber('minScore', minScore, 0, 100),
      limit: optionalInt('limit', limit, 1, MAX_MATCHES_PER_READ),
      includeProhibited: optionalBoolean('includeProhibited', includeProhibited),
    };
    res.type('application/json').send(await this.matchesOf(caller, companyId, filter));
  }

  /**
   * One hop, to the matching replica that owns the company's partition: it checks that the caller may see the company. A company matching does not know
   * is asked of companies, the owner of the answer: the caller's own, not yet matched → no matches.
   */
  private async matchesOf(caller: Caller, companyId: string, filter: Omit<CompanyMatchesRequest, 'companyId' | 'caller'>): Promise<Buffer> {
    try {
      return await this.bus.requestJson(matchingSubjectsOf(companyId).companyMatches, { companyId, caller, ...filter });
    } catch (error) {
      if (!(error instanceof RpcError) || error.code !== ErrorCode.NOT_FOUND) throw error;
      await this.bus.request(CompaniesSubjects.companyGet, { caller, id: companyId });
      return Buffer.from(JSON.stringify({ items: [], rules: {}, decisions: {} }));
    }
  }
}
