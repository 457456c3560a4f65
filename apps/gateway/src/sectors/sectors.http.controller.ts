import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  MatchingSubjects,
  MAX_MATCHES_PER_READ,
  CURSOR_PATTERN,
  MAX_PAGE_SIZE,
  OpportunityInputDto,
  SECTOR_IDS,
  sectorSubjects,
  type Caller,
  type ListPage,
  type OpportunitySummary,
} from '#contracts';
import { decodeCursor, DomainError, encodeCursor, invalidCursor, MESSAGE_BUS, type MessageBus } from '#platform';
import { AdminOnly, CurrentCaller, StaffOnly } from '../auth/api-key.guard.js';
import { optionalBoolean, optionalCursor, optionalInt, optionalNumber, optionalSector, uuidParam } from '../http-params.js';
import { ApiCursorQuery } from '../openapi/cursor-query.js';
import { ref } from '../openapi/reply.schema.js';
import { locateOpportunity } from './opportunity-locator.js';

@ApiTags('sectors')
@ApiSecurity('api-key')
@Controller('v1')
export class SectorsHttpController {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  @Get('sectors')
  @ApiOperation({ summary: 'Each sector with its scoring criteria, weights and capability vocabulary' })
  @ApiOkResponse({ schema: { type: 'array', items: ref('Sector') } })
  sectors() {
    return Promise.all(SECTOR_IDS.map((s) => this.bus.request(sectorSubjects(s).describe, {})));
  }

  @Get('opportunities')
  @ApiOperation({ summary: 'The catalogue of opportunities, sector by sector, without counterparty contacts' })
  @ApiQuery({ name: 'sector', required: false, enum: SECTOR_IDS })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', description: `1 to ${MAX_PAGE_SIZE}, default 50` })
  @ApiCursorQuery()
  @ApiOkResponse({ schema: ref('OpportunityPage') })
  async list(@Query('sector') sector?: string, @Query('limit') limit?: string, @Query('after') after?: string, @Query('offset') offset?: string): Promise<ListPage<OpportunitySummary>> {
    const one = optionalSector(sector);
    const take = optionalInt('limit', limit, 1, MAX_PAGE_SIZE) ?? 50;
    const skip = optionalInt('offset', offset, 0, 100_000);
    const cursor = optionalCursor(after);
    if (one) return this.bus.request(sectorSubjects(one).opportunityList, { limit: take, after: cursor, offset: skip });
    return skip === undefined ? this.catalogueByKey(take, cursor) : this.catalogueByOffset(take, skip);
  }

  /**
   * Every sector's opportunities, the sectors one after the other, by key: the cursor holds the
   * sector reached and that sector's own cursor, so each page asks only the sectors it spans.
   */
  private async catalogueByKey(take: number, after: string | undefined): Promise<ListPage<OpportunitySummary>> {
    let [sectorIndex, inner] = after ? catalogueCursor(after) : [0, ''];
    const items: OpportunitySummary[] = [];
    for (; sectorIndex < SECTOR_IDS.length && items.length < take; sectorIndex++, inner = '') {
      const page = await this.bus.request(sectorSubjects(SECTOR_IDS[sectorIndex]!).opportunityList, { limit: take - items.length, after: inner || undefined });
      items.push(...page.items);
      // More in this sector (the page was full, or cut short by the byte budget): go on inside it.
      if (page.nextCursor) return { items, nextCursor: encodeCursor([sectorIndex, page.nextCursor]) };
    }
    return { items, nextCursor: sectorIndex < SECTOR_IDS.length ? encodeCursor([sectorIndex, '']) : null };
  }

  /** The deprecated offset page over every sector: each sector is asked only for its part of the page. */
  private async catalogueByOffset(take: number, skip: number): Promise<ListPage<OpportunitySummary>> {
    const totals = await Promise.all(SECTOR_IDS.map(async (s) => (await this.bus.request(sectorSubjects(s).opportunityList, { limit: 1, offset: 0 })).total ?? 0));
    const total = totals.reduce((n, t) => n + t, 0);
    const items: OpportunitySummary[] = [];
    let nextCursor: string | null = null;
    let position = skip;
    let start = 0;
    for (const [i, s] of SECTOR_IDS.entries()) {
      const end = start + totals[i]!;
      if (position < end && items.length < take) {
        const want = Math.min(take - items.length, end - position);
        const page = await this.bus.request(sectorSubjects(s).opportunityList, { limit: want, offset: position - start });
        items.push(...page.items);
        position += page.items.length;
        nextCursor = page.nextCursor ? encodeCursor([i, page.nextCursor]) : i + 1 < SECTOR_IDS.length ? encodeCursor([i + 1, '']) : null;
        if (page.items.length < want) break; // cut short by the byte budget: the next page goes on from here
      }
      start = end;
    }
    return { items, nextCursor: position < total ? nextCursor : null, total, limit: take, offset: skip, nextOffset: position < total ? position : null };
  }

  @Get('opportunities/:id')
  @ApiOperation({ summary: "One opportunity; the counterparty's contact for the admin only" })
  @ApiOkResponse({ schema: ref('Opportunity') })
  @ApiResponse({ status: 404, description: 'No such opportunity' })
  get(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return locateOpportunity(this.bus, uuidParam('id', id), caller.admin);
  }

  @Post('opportunities')
  @HttpCode(201)
  @AdminOnly()
  @ApiOperation({ summary: "Publish an opportunity in its sector's catalogue (admin); its attributes are checked by the sector" })
  @ApiCreatedResponse({ schema: ref('Opportunity') })
  @ApiResponse({ status: 403, description: 'Not the admin key' })
  create(@Body() opportunity: OpportunityInputDto) {
    return this.bus.request(sectorSubjects(opportunity.sector).opportunityCreate, { opportunity });
  }

  @Patch('opportunities/:id')
  @AdminOnly()
  @ApiOperation({ summary: 'Change fields of an opportunity; the result is validated as a whole (admin)' })
  @ApiOkResponse({ description: 'The opportunity after the change, its version one higher', schema: ref('Opportunity') })
  @ApiResponse({ status: 403, description: 'Not the admin key' })
  @ApiResponse({ status: 404, description: 'No such opportunity' })
  async update(@Param('id') id: string, @Body() patch: Record<string, unknown>) {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
      throw DomainError.validation([{ field: 'body', reason: 'must be a JSON object' }]);
    }
    const found = await locateOpportunity(this.bus, uuidParam('id', id), true);
    return this.bus.request(sectorSubjects(found.sector).opportunityUpdate, { id: found.id, patch });
  }

  @Delete('opportunities/:id')
  @AdminOnly()
  @ApiOperation({ summary: 'Remove an opportunity from the catalogue (admin); its matches go with it' })
  @ApiOkResponse({ schema: ref('OpportunityDeleted') })
  @ApiResponse({ status: 403, description: 'Not the admin key' })
  @ApiResponse({ status: 404, description: 'No such opportunity' })
  async delete(@Param('id') id: string) {
    const found = await locateOpportunity(this.bus, uuidParam('id', id), false);
    return this.bus.request(sectorSubjects(found.sector).opportunityDelete, { id: found.id });
  }

  @Get('opportunities/:id/matches')
  @StaffOnly()
  @ApiOperation({ summary: 'Companies for which this opportunity ranks among their best matches' })
  @ApiQuery({ name: 'minScore', required: false, type: 'number', description: '0 to 100' })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', description: `1 to ${MAX_MATCHES_PER_READ}` })
  @ApiQuery({ name: 'includeProhibited', required: false, type: 'boolean' })
  @ApiResponse({ status: 403, description: 'A partner key' })
  @ApiResponse({ status: 404, description: 'No such opportunity' })
  async matches(@Param('id') id: string, @Query('minScore') minScore?: string, @Query('limit') limit?: string, @Query('includeProhibited') includeProhibited?: string) {
    const opportunityId = uuidParam('id', id);
    const filter = {
      minScore: optionalNumber('minScore', minScore, 0, 100),
      limit: optionalInt('limit', limit, 1, MAX_MATCHES_PER_READ),
      includeProhibited: optionalBoolean('includeProhibited', includeProhibited),
    };
    await locateOpportunity(this.bus, opportunityId, false);
    return this.bus.request(MatchingSubjects.opportunityMatches, { opportunityId, ...filter });
  }
}

/** The catalogue's cursor: the index of the sector reached, and that sector's cursor ('' from its start). */
function catalogueCursor(after: string): [number, string] {
  const [sectorIndex, inner] = decodeCursor(after, ['integer', 'string'])! as [number, string];
  if (sectorIndex >= SECTOR_IDS.length || (inner !== '' && !CURSOR_PATTERN.test(inner))) throw invalidCursor();
  return [sectorIndex, inner];
}
