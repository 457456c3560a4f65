import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { ErrorCode, type ErrorEnvelope } from '#contracts';
import { currentCorrelationId, DomainError, RpcError } from '#platform';
import { bodyErrorEnvelope } from '../body/body-errors.js';
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
    // A body refused before the routes (by the body parser) is answered outside the request's context.
    const correlationId = currentCorrelationId() ?? validCorrelationId(request.headers['x-correlation-id']) ?? randomUUID();
    const body: HttpErrorBody = {
      statusCode,
      error: envelope.code,
      message: envelope.message,
      ...(envelope.details ? { details: envelope.details } : {}),
      correlationId,
    };
    response.setHeader('x-correlation-id', correlationId);
    response.status(statusCode).json(body);
  }

  private toEnvelope(exception: unknown, request: Request): ErrorEnvelope {
    if (exception instanceof RpcError) return exception.envelope;
    if (exception instanceof DomainError) return { code: exception.code, message: exception.message, details: exception.details };
    const cause = (exception as { cause?: unknown })?.cause;
    const bodyError = bodyErrorEnvelope(exception, request) ?? bodyErrorEnvelope(cause, request);
    if (bodyError) return bodyError;
    if (cause instanceof URIError || exception instanceof URIError) {
      return { code: ErrorCode.VALIDATION_FAILED, message: 'The path is not valid percent-encoding', details: [{ field: 'path', reason: 'is not valid percent-encoding' }] };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === HttpStatus.NOT_FOUND) return { code: ErrorCode.NOT_FOUND, message: `No route ${request.method} ${request.path}` };
      if (status === HttpStatus.PAYLOAD_TOO_LARGE) return { code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'Request body too large' };
      if (status < 500) return { code: ErrorCode.VALIDATION_FAILED, message: exception.message, details: [{ field: 'request', reason: exception.message }] };
    }
    this.logger.error({ msg: `Unhandled failure on ${request.method} ${request.path}`, err: exception });
    return { code: ErrorCode.INTERNAL, message: 'Internal error' };
  }
}

function validCorrelationId(given: string | string[] | undefined): string | undefined {
  return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : undefined;
}
