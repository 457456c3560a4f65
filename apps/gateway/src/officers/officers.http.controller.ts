import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CompaniesSubjects, CreateOfficerRequest } from '#contracts';
import { MESSAGE_BUS, type MessageBus } from '#platform';
import { ApiKeyCache } from '../auth/api-key.cache.js';
import { AdminOnly } from '../auth/api-key.guard.js';
import { uuidParam } from '../http-params.js';
import { ref } from '../openapi/reply.schema.js';

@ApiTags('officers')
@ApiSecurity('api-key')
@AdminOnly()
@Controller('v1/officers')
export class OfficersHttpController {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly keys: ApiKeyCache,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create a compliance officer; their API key (tmo_…) is shown once',
    description:
      'Officers decide held introductions (two different officers for an exemption_required one), dismiss false list hits and read the audit log and evidence packs. ' +
      'Only the SHA-256 of the key is stored.',
  })
  @ApiResponse({ status: 201, description: 'The officer and their API key, shown this once', schema: ref('OfficerCreated') })
  @ApiResponse({ status: 400, description: 'name missing or not 2–200 characters, email not an address' })
  @ApiResponse({ status: 403, description: 'Not the admin key' })
  create(@Body() body: CreateOfficerRequest) {
    return this.bus.request(CompaniesSubjects.officerCreate, { name: body.name, ...(body.email ? { email: body.email } : {}) });
  }

  @Get()
  @ApiOperation({ summary: 'Every compliance officer, revoked ones with revokedAt (never their keys)' })
  @ApiOkResponse({ schema: { type: 'array', items: ref('Officer') } })
  list() {
    return this.bus.request(CompaniesSubjects.officerList, {});
  }

  @Delete(':id')
  @ApiOperation({
    summary: "Revoke an officer: their key is refused (401) from now on; what they decided stays theirs in the audit log",
    description: 'This gateway forgets the key at once; other gateway replicas within AUTH_CACHE_MS (30 s).',
  })
  @ApiResponse({ status: 200, description: 'The officer, with revokedAt', schema: ref('Officer') })
  @ApiResponse({ status: 404, description: 'No such officer' })
  async revoke(@Param('id') id: string) {
    const officer = await this.bus.request(CompaniesSubjects.officerRevoke, { id: uuidParam('id', id) });
    this.keys.forgetOfficer(officer.id);
    return officer;
  }
}
