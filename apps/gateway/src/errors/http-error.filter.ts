import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ErrorCode, type ErrorEnvelope } from '#contracts';
import { currentCorrelationId, DomainError, RpcError } from '#platform';
import { httpStatusOf } from './http-status.js';

/** The REST error body: `{statusCode, error, message, details?, correlationId}`. */
export interface HttpErrorBody {
  statusCode: number;
  error: ErrorCode;
  message: string;
  details?: ErrorEnvelope['details'];
  correlationId?: string;
}

/** Turns every failure into the REST error body; nothing else (no stack, no internal message) leaves. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const envelope = this.toEnvelope(exception, request);
    const statusCode = httpStatusOf(envelope.code);
    const correlationId = currentCorrelationId() ?? (request.headers['x-correlation-id'] as string | undefined);
    const body: HttpErrorBody = {
      statusCode,
      error: envelope.code,
      message: envelope.message,
      ...(envelope.details ? { details: envelope.details } : {}),
      correlationId,
    };
    if (correlationId) response.setHeader('x-correlation-id', correlationId);
    response.status(statusCode).json(body);
  }

  private toEnvelope(exception: unknown, request: Request): ErrorEnvelope {
    if (exception instanceof RpcError) return exception.envelope;
    if (exception instanceof DomainError) return { code: exception.code, message: exception.message, details: exception.details };
    const parserError = bodyParserError(exception) ?? bodyParserError((exception as { cause?: unknown })?.cause);
    if (parserError) return parserError;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === HttpStatus.NOT_FOUND) return { code: ErrorCode.NOT_FOUND, message: `No route ${request.method} ${request.path}` };
      if (status === HttpStatus.PAYLOAD_TOO_LARGE) return { code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'Request body too large' };
      if (status < 500) return { code: ErrorCode.VALIDATION_FAILED, message: exception.message };
    }
    this.logger.error({ msg: `Unhandled failure on ${request.method} ${request.path}`, err: exception });
    return { code: ErrorCode.INTERNAL, message: 'Internal error' };
  }
}

/** body-parser reports bad JSON, oversize bodies and bad encodings as errors with a `type`. */
function bodyParserError(exception: unknown): ErrorEnvelope | null {
  const type = (exception as { type?: string })?.type;
  switch (type) {
    case 'entity.parse.failed':
      return { code: ErrorCode.VALIDATION_FAILED, message: 'Request body is not valid JSON', details: [{ field: 'body', reason: 'is not valid JSON' }] };
    case 'entity.too.large':
      return { code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'Request body too large', details: [{ field: 'body', reason: `exceeds the limit of ${(exception as { limit?: number }).limit} bytes` }] };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { code: ErrorCode.VALIDATION_FAILED, message: 'Unsupported body encoding', details: [{ field: 'body', reason: 'unsupported encoding' }] };
    default:
      return null;
  }
}
