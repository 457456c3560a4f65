import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  MatchingSubjects,
  MAX_MATCHES_PER_READ,
  MAX_PAGE_SIZE,
  OpportunityInputDto,
  SECTOR_IDS,
  sectorSubjects,
  type Caller,
  type OpportunitySummary,
  type Page,
} from '#contracts';
import { DomainError, MESSAGE_BUS, type MessageBus } from '#platform';
import { AdminOnly, CurrentCaller, StaffOnly } from '../auth/api-key.guard.js';
import { optionalBoolean, optionalInt, optionalNumber, optionalSector, uuidParam } from '../http-params.js';
import { locateOpportunity } from './opportunity-locator.js';

@ApiTags('sectors')
@ApiSecurity('api-key')
@Controller('v1')
export class SectorsHttpController {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  @Get('sectors')
  @ApiOperation({ summary: 'Each sector with its scoring criteria, weights and capability vocabulary' })
  sectors() {
    return Promise.all(SECTOR_IDS.map((s) => this.bus.request(sectorSubjects(s).describe, {})));
  }

  @Get('opportunities')
  @ApiQuery({ name: 'sector', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  async list(@Query('sector') sector?: string, @Query('limit') limit?: string, @Query('offset') offset?: string): Promise<Page<OpportunitySummary>> {
    const one = optionalSector(sector);
    const take = optionalInt('limit', limit, 1, MAX_PAGE_SIZE) ?? 50;
    const skip = optionalInt('offset', offset, 0, 100_000) ?? 0;
    if (one) return this.bus.request(sectorSubjects(one).opportunityList, { limit: take, offset: skip });
    // The sectors one after the other: each is asked only for its part of the page.
    const totals = await Promise.all(SECTOR_IDS.map(async (s) => (await this.bus.request(sectorSubjects(s).opportunityList, { limit: 1, offset: 0 })).total));
    const total = totals.reduce((n, t) => n + t, 0);
    const items: OpportunitySummary[] = [];
    let position = skip;
    let start = 0;
    for (const [i, s] of SECTOR_IDS.entries()) {
      const end = start + totals[i]!;
      if (position < end && items.length < take) {
        const want = Math.min(take - items.length, end - position);
        const page = await this.bus.request(sectorSubjects(s).opportunityList, { limit: want, offset: position - start });
        items.push(...page.items);
        position += page.items.length;
        if (page.items.length < want) break; // cut short by the byte budget: the next page goes on from here
      }
      start = end;
    }
    return { items, total, limit: take, offset: skip, nextOffset: position < total ? position : null };
  }

  @Get('opportunities/:id')
  get(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return locateOpportunity(this.bus, uuidParam('id', id), caller.admin);
  }

  @Post('opportunities')
  @HttpCode(201)
  @AdminOnly()
  create(@Body() opportunity: OpportunityInputDto) {
    return this.bus.request(sectorSubjects(opportunity.sector).opportunityCreate, { opportunity });
  }

  @Patch('opportunities/:id')
  @AdminOnly()
  async update(@Param('id') id: string, @Body() patch: Record<string, unknown>) {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
      throw DomainError.validation([{ field: 'body', reason: 'must be a JSON object' }]);
    }
    const found = await locateOpportunity(this.bus, uuidParam('id', id), true);
    return this.bus.request(sectorSubjects(found.sector).opportunityUpdate, { id: found.id, patch });
  }

  @Delete('opportunities/:id')
  @AdminOnly()
  async delete(@Param('id') id: string) {
    const found = await locateOpportunity(this.bus, uuidParam('id', id), false);
    return this.bus.request(sectorSubjects(found.sector).opportunityDelete, { id: found.id });
  }

  @Get('opportunities/:id/matches')
  @StaffOnly()
  @ApiOperation({ summary: 'Companies for which this opportunity ranks among their best matches' })
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
