import { IsOptional, Matches } from 'class-validator';

/** The header a partner sends to have a POST done once however often it is retried. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** 1 to 255 visible ASCII characters (no space, no control character). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** How long a key holds: a request repeated later with the same key is a new request. */
export const IDEMPOTENCY_KEY_HOURS = 24;

/** Marks the optional idempotency key of a request payload (the service checks it again, as every field). */
export function IdempotencyKeyField(): PropertyDecorator {
  return (target, property) => {
    IsOptional()(target, property);
    Matches(IDEMPOTENCY_KEY_PATTERN, { message: 'must be 1 to 255 visible ASCII characters' })(target, property);
  };
}
