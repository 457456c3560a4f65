import { Body, Controller, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CompaniesSubjects, CompanyProfileDto, MatchingSubjects, MAX_MATCHES_PER_READ, SECTOR_IDS, type Caller } from '#contracts';
import { MESSAGE_BUS, type MessageBus } from '#platform';
import { CurrentCaller } from '../auth/api-key.guard.js';
import { RateCost } from '../rate-limits/rate-cost.decorator.js';
import { optionalBoolean, optionalInt, optionalNumber, optionalSector } from '../http-params.js';

/** A preview screens the profile (audited) and ranks it against every opportunity of its sectors: the work of about ten reads. */
const PREVIEW_COST = 10;

@ApiTags('matchmaking')
@ApiSecurity('api-key')
@Controller('v1/matchmaking')
export class MatchmakingHttpController {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  @Post('preview')
  @HttpCode(200)
  @RateCost(PREVIEW_COST)
  @ApiOperation({ summary: `Score an unsaved profile at once; nothing is stored. Counts ${PREVIEW_COST} requests against the key's rate limit` })
  @ApiQuery({ name: 'sector', required: false, enum: SECTOR_IDS })
  @ApiQuery({ name: 'minScore', required: false, type: 'number', description: '0 to 100' })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', description: `1 to ${MAX_MATCHES_PER_READ}` })
  @ApiQuery({ name: 'includeProhibited', required: false, type: 'boolean', description: 'rank prohibited matches in with their verdict and rules' })
  async preview(
    @CurrentCaller() caller: Caller,
    @Body() profile: CompanyProfileDto,
    @Query('sector') sector?: string,
    @Query('minScore') minScore?: string,
    @Query('limit') limit?: string,
    @Query('includeProhibited') includeProhibited?: string,
  ) {
    const filter = {
      sector: optionalSector(sector),
      minScore: optionalNumber('minScore', minScore, 0, 100),
      limit: optionalInt('limit', limit, 1, MAX_MATCHES_PER_READ),
      includeProhibited: optionalBoolean('includeProhibited', includeProhibited),
    };
    const validated = await this.bus.request(CompaniesSubjects.companyValidate, { caller, profile });
    return this.bus.request(MatchingSubjects.preview, { profile: validated, ...filter });
  }
}
