import { ErrorCode, type ErrorEnvelope, type FieldError } from '#contracts';

/** An expected failure with a stable code; services throw it, the RPC filter turns it into the envelope. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorEnvelope['details'],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static validation(details: FieldError[]): DomainError {
    const summary = details.map((d) => `${d.field}: ${d.reason}`).join('; ');
    return new DomainError(ErrorCode.VALIDATION_FAILED, `Invalid input: ${summary}`, details);
  }

  static notFound(what: string, id: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${what} ${id} not found`);
  }
}

/** A failure reported by another service (or by the transport on its behalf), as received by a caller. */
export class RpcError extends Error {
  constructor(readonly envelope: ErrorEnvelope) {
    super(envelope.message);
    this.name = 'RpcError';
  }

  get code(): ErrorCode {
    return this.envelope.code;
  }
}

/** The bus's own failures: nothing answered (UNAVAILABLE) or nothing answered in time (TIMEOUT). */
export function isUnreachable(error: unknown): error is RpcError {
  return error instanceof RpcError && (error.code === ErrorCode.UNAVAILABLE || error.code === ErrorCode.TIMEOUT);
}
