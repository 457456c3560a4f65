import { Controller, Get, HttpStatus, Inject, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiSecurity, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CompaniesSubjects, MatchingSubjects, MAX_ECHO_BYTES, ScreeningSubjects, SECTOR_IDS, sectorSubjects, type RequestSubject } from '#contracts';
import { isUnreachable, MESSAGE_BUS, type MessageBus } from '#platform';
import { Public } from '../auth/api-key.guard.js';
import { optionalInt } from '../http-params.js';
import { ref } from '../openapi/reply.schema.js';
import { HEALTH_RESPONSE_SCHEMA, type HealthResponse } from './health.response.js';

const HEALTH_TIMEOUT_MS = 1500;

const SERVICES: [string, RequestSubject][] = [
  ['companies', CompaniesSubjects.healthCheck],
  ...SECTOR_IDS.map((s): [string, RequestSubject] => [`sectors.${s}`, sectorSubjects(s).healthCheck]),
  ['matching', MatchingSubjects.healthCheck],
  ['screening', ScreeningSubjects.healthCheck],
];

@ApiTags('health')
@Controller()
export class HealthHttpController {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  /**
   * One authenticated hop to the matching service and back, doing no work: the floor of every read.
   * `?bytes=N` has it carry a body of about N bytes, the floor of a read of that size.
   */
  @Get('/v1/echo')
  @ApiOperation({ summary: 'One hop to the matching service and back, doing no work (the floor of every read, for benchmarks)' })
  @ApiQuery({ name: 'bytes', required: false, type: 'integer', description: `a body of about this many bytes (0 to ${MAX_ECHO_BYTES})` })
  @ApiSecurity('api-key')
  @ApiOkResponse({ schema: ref('Echo') })
  async echo(@Res() response: Response, @Query('bytes') bytes?: string): Promise<void> {
    const body = await this.bus.requestJson(MatchingSubjects.echo, { bytes: optionalInt('bytes', bytes, 0, MAX_ECHO_BYTES) });
    response.type('application/json').send(body);
  }

  /**
   * 200 only when messaging, every service and every service's database answer; else 503 naming
   * what is down. While NATS is away the gateway's connection is `reconnecting` and every service
   * unreachable, answered at once (requests are not sent while the connection is away).
   */
  @Get('/health')
  @Public()
  @ApiOperation({ summary: 'Whether messaging, every service and every database answer (200), or what is down (503)' })
  @ApiOkResponse({ description: 'Everything is up.', schema: HEALTH_RESPONSE_SCHEMA })
  @ApiServiceUnavailableResponse({ description: 'Something is down, named in `down`.', schema: HEALTH_RESPONSE_SCHEMA })
  async check(@Res() response: Response): Promise<void> {
    const results = await Promise.all(
      SERVICES.map(async ([name, subject]) => {
        try {
          const reply = (await this.bus.request(subject, {} as never, { timeoutMs: HEALTH_TIMEOUT_MS })) as { status: string; checks: Record<string, string> };
          return [name, reply.status === 'up' ? 'up' : `down (${Object.entries(reply.checks).filter(([, v]) => v !== 'up').map(([k]) => k).join(', ')})`] as const;
        } catch (error) {
          return [name, `down (${isUnreachable(error) ? 'unreachable: ' : ''}${(error as Error).message})`] as const;
        }
      }),
    );
    const messaging = this.bus.connectionState();
    const down = [...(messaging === 'up' ? [] : ['messaging']), ...results.filter(([, s]) => s !== 'up').map(([n]) => n)];
    const body: HealthResponse = { status: down.length ? 'down' : 'up', down, messaging, services: Object.fromEntries(results) };
    response.status(down.length ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK).json(body);
  }
}
