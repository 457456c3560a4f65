import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { CORRELATION_HEADER, DEADLINE_HEADER, parseDeadline, runWithCorrelation } from '../context/request-context.js';

/**
 * Runs every message handler inside the correlation id and the deadline its caller sent in the
 * message headers, so the requests the handler makes wait no longer than its caller does.
 */
@Injectable()
export class CorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rpc = context.switchToRpc().getContext();
    const headers = rpc?.getHeaders?.();
    const correlationId = headers?.get?.(CORRELATION_HEADER) || undefined;
    const deadline = parseDeadline(headers?.get?.(DEADLINE_HEADER));
    return new Observable((subscriber) =>
      runWithCorrelation(correlationId, () => next.handle().subscribe(subscriber), deadline),
    );
  }
}
