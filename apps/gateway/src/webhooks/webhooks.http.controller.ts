import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CompaniesSubjects, MAX_PAGE_SIZE, WebhookRegistrationDto, type Caller } from '#contracts';
import { MESSAGE_BUS, type MessageBus } from '#platform';
import { CurrentCaller, Roles } from '../auth/api-key.guard.js';
import { optionalCursor, optionalInt, uuidParam } from '../http-params.js';

const NOT_YOURS = { status: 404, description: "No such endpoint, or another partner's" } as const;

/** A partner's webhook endpoints and their deliveries (the companies service owns them). */
@ApiTags('webhooks')
@ApiSecurity('api-key')
@Roles('partner')
@Controller('v1/webhooks')
export class WebhooksHttpController {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Register an endpoint for match.created, match.verdict_changed, introduction.decided or import.finished; answers its whsec_ secret once',
    description: 'The URL must be http(s) without credentials and resolve only to public addresses (400 on url otherwise).',
  })
  create(@CurrentCaller() caller: Caller, @Body() body: WebhookRegistrationDto) {
    return this.bus.request(CompaniesSubjects.webhookCreate, { caller, url: body.url, events: body.events, minScore: body.minScore });
  }

  @Get()
  @ApiOperation({ summary: "The partner's endpoints, oldest first" })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', description: `1 to ${MAX_PAGE_SIZE}, default 50` })
  @ApiQuery({ name: 'after', required: false, description: 'the nextCursor of the previous page' })
  list(@CurrentCaller() caller: Caller, @Query('limit') limit?: string, @Query('after') after?: string) {
    return this.bus.request(CompaniesSubjects.webhookList, { caller, limit: optionalInt('limit', limit, 1, MAX_PAGE_SIZE), after: optionalCursor(after) });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One endpoint' })
  @ApiResponse(NOT_YOURS)
  get(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.bus.request(CompaniesSubjects.webhookGet, { caller, id: uuidParam('id', id) });
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete an endpoint and its deliveries' })
  @ApiResponse(NOT_YOURS)
  delete(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.bus.request(CompaniesSubjects.webhookDelete, { caller, id: uuidParam('id', id) });
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new secret, answered once; the previous one keeps signing beside it for WEBHOOK_SECRET_OVERLAP_MS (24 h)' })
  @ApiResponse(NOT_YOURS)
  rotateSecret(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.bus.request(CompaniesSubjects.webhookRotateSecret, { caller, id: uuidParam('id', id) });
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable an endpoint disabled after a delivery failed every attempt; its pending deliveries are sent' })
  @ApiResponse(NOT_YOURS)
  enable(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.bus.request(CompaniesSubjects.webhookEnable, { caller, id: uuidParam('id', id) });
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: "An endpoint's deliveries, oldest first, each with every attempt and its status" })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', description: `1 to ${MAX_PAGE_SIZE}, default 50` })
  @ApiQuery({ name: 'after', required: false, description: 'the nextCursor of the previous page' })
  @ApiResponse(NOT_YOURS)
  deliveries(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query('limit') limit?: string, @Query('after') after?: string) {
    return this.bus.request(CompaniesSubjects.webhookDeliveries, {
      caller,
      id: uuidParam('id', id),
      limit: optionalInt('limit', limit, 1, MAX_PAGE_SIZE),
      after: optionalCursor(after),
    });
  }
}
