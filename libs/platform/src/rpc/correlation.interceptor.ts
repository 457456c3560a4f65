import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { CORRELATION_HEADER, runWithCorrelation } from '../context/request-context.js';

/** Runs every message handler inside the correlation id its caller sent in the message headers. */
@Injectable()
export class CorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rpc = context.switchToRpc().getContext();
    const headers = rpc?.getHeaders?.();
    const correlationId = headers?.get?.(CORRELATION_HEADER) || undefined;
    return new Observable((subscriber) =>
      runWithCorrelation(correlationId, () => next.handle().subscribe(subscriber)),
    );
  }
}
