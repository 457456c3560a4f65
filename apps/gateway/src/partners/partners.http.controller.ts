import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CompaniesSubjects, CreatePartnerRequest } from '#contracts';
import { MESSAGE_BUS, type MessageBus } from '#platform';
import { AdminOnly } from '../auth/api-key.guard.js';
import { ref } from '../openapi/reply.schema.js';

@ApiTags('partners')
@ApiSecurity('api-key')
@Controller('v1/partners')
export class PartnersHttpController {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  @Post()
  @HttpCode(201)
  @AdminOnly()
  @ApiOperation({ summary: 'Register a partner; its API key is shown once' })
  @ApiCreatedResponse({ description: 'The partner and its API key (tmn_…), shown this once', schema: ref('PartnerCreated') })
  @ApiResponse({ status: 403, description: 'Not the admin key' })
  create(@Body() body: CreatePartnerRequest) {
    return this.bus.request(CompaniesSubjects.partnerCreate, { name: body.name });
  }
}
