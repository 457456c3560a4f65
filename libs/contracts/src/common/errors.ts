/** Stable error codes shared by every service; the gateway maps each to one HTTP status. */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  /** The UN DPRK sanctions regime prohibits it (HTTP 451). */
  PROHIBITED: 'PROHIBITED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** A request body that is not JSON (HTTP 415): another content type, a charset other than UTF-8, an unknown content encoding. */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** An Idempotency-Key used again with a different request (HTTP 422). */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  /** Over a rate limit (HTTP 429, with Retry-After). */
  RATE_LIMITED: 'RATE_LIMITED',
  UNAVAILABLE: 'UNAVAILABLE',
  TIMEOUT: 'TIMEOUT',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One reason one input field was refused. `field` is a dotted path such as `owners.0.sharePct`. */
export interface FieldError {
  field: string;
  reason: string;
}

/** The one shape every failure takes when it crosses NATS. */
export interface ErrorEnvelope {
  code: ErrorCode;
  message: string;
  details?: FieldError[] | Record<string, unknown>;
  correlationId?: string;
}

export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorEnvelope).code === 'string' &&
    typeof (value as ErrorEnvelope).message === 'string' &&
    Object.values(ErrorCode).includes((value as ErrorEnvelope).code)
  );
}
