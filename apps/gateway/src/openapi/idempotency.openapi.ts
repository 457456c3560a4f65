import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_HOURS } from '#contracts';

/** Declares a route's optional Idempotency-Key header and the answers it adds. */
export const ApiIdempotencyKey = (what: string) =>
  applyDecorators(
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        `1 to 255 visible ASCII characters, chosen by the partner. The same key with the same request within ${IDEMPOTENCY_KEY_HOURS} h ` +
        `${what} once and answers the first answer again (same status and body); keys are per partner. An answer that was an error is not kept.`,
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
    }),
    ApiResponse({ status: 400, description: `Invalid input; an ${IDEMPOTENCY_KEY_HEADER} that is not 1 to 255 visible ASCII characters names the header` }),
    ApiResponse({ status: 422, description: `IDEMPOTENCY_KEY_REUSED: this ${IDEMPOTENCY_KEY_HEADER} was used within ${IDEMPOTENCY_KEY_HOURS} h for a different request` }),
  );
