import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { throwError, type Observable } from 'rxjs';
import { ErrorCode, isErrorEnvelope, type ErrorEnvelope } from '#contracts';
import { currentCorrelationId } from '../context/request-context.js';
import { DomainError, RpcError } from '../errors/domain-error.js';

/**
 * Every failure of a message handler leaves the service as one envelope. Domain errors keep their
 * code and details; failures of services this one called keep theirs; anything else is logged here
 * and leaves as INTERNAL without its message or stack.
 */
@Catch()
export class RpcErrorFilter implements ExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    const envelope = this.toEnvelope(exception, host);
    // A service's own HTTP routes (health and metrics on OPS_PORT) answer the envelope as JSON.
    if (host.getType() === 'http') {
      host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>().status(500).json(envelope);
      return;
    }
    return throwError(() => envelope);
  }

  private toEnvelope(exception: unknown, host: ArgumentsHost): ErrorEnvelope {
    const correlationId = currentCorrelationId();
    if (exception instanceof DomainError) {
      return { code: exception.code, message: exception.message, details: exception.details, correlationId };
    }
    if (exception instanceof RpcError) {
      return { ...exception.envelope, correlationId };
    }
    if (exception instanceof RpcException) {
      const error = exception.getError();
      if (isErrorEnvelope(error)) return { ...error, correlationId };
    }
    const pattern = host.switchToRpc().getContext()?.getSubject?.() ?? 'unknown';
    this.logger.error({ msg: `Unhandled failure in ${pattern}`, err: exception, correlationId });
    return { code: ErrorCode.INTERNAL, message: 'Internal error', correlationId };
  }
}
