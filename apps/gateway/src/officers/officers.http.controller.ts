import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CompaniesSubjects, CreateOfficerRequest } from '#contracts';
import { MESSAGE_BUS, type MessageBus } from '#platform';
import { AdminOnly } from '../auth/api-key.guard.js';

@ApiTags('officers')
@ApiSecurity('api-key')
@AdminOnly()
@Controller('v1/officers')
export class OfficersHttpController {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create a compliance officer; their API key (tmo_…) is shown once',
    description:
      'Officers decide held introductions (two different officers for an exemption_required one), dismiss false list hits and read the audit log and evidence packs. ' +
      'Only the SHA-256 of the key is stored.',
  })
  @ApiResponse({ status: 201, description: '{id, name, email, createdAt, apiKey}' })
  @ApiResponse({ status: 400, description: 'name missing or not 2–200 characters, email not an address' })
  @ApiResponse({ status: 403, description: 'Not the admin key' })
  create(@Body() body: CreateOfficerRequest) {
    return this.bus.request(CompaniesSubjects.officerCreate, { name: body.name, ...(body.email ? { email: body.email } : {}) });
  }

  @Get()
  @ApiOperation({ summary: 'Every compliance officer (never their keys)' })
  list() {
    return this.bus.request(CompaniesSubjects.officerList, {});
  }
}
