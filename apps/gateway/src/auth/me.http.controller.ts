import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Caller } from '#contracts';
import type { OfficerIdentity, Role } from './api-key.guard.js';

/** Who a key belongs to, as `GET /v1/me` answers. */
export interface MeResponse {
  role: Role;
  /** The partner whose key it is (partners only). */
  partnerId: string | null;
  /** The officer whose key it is (officers only). */
  officer: OfficerIdentity | null;
}

@ApiTags('auth')
@ApiSecurity('api-key')
@Controller('v1')
export class MeHttpController {
  @Get('me')
  @ApiOperation({ summary: 'Who the key belongs to: the admin, a compliance officer (with id and name) or a partner (with its id)' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['role', 'partnerId', 'officer'],
      properties: {
        role: { type: 'string', enum: ['admin', 'officer', 'partner'] },
        partnerId: { type: 'string', format: 'uuid', nullable: true },
        officer: { type: 'object', nullable: true, properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' } } },
      },
    },
  })
  me(@Req() request: Request & { caller: Caller; officer?: OfficerIdentity }): MeResponse {
    const { caller, officer } = request;
    const role: Role = officer ? 'officer' : caller.admin ? 'admin' : 'partner';
    return { role, partnerId: caller.partnerId, officer: officer ?? null };
  }
}
