import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { finalize, Observable, tap } from 'rxjs';
import { inFlight } from './in-flight.js';
import { Metrics } from './metrics.js';

/**
 * Counts and times every request a service answers, by subject and outcome, and keeps it in the
 * in-flight count that graceful shutdown waits on.
 */
@Injectable()
export class RpcMetricsInterceptor implements NestInterceptor {
  constructor(private readonly service: string) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const rpc = context.switchToRpc().getContext();
    const subject: string = rpc?.getSubject?.() ?? rpc?.getPattern?.() ?? context.getHandler().name;
    const stop = Metrics.rpc.startTimer({ service: this.service, subject });
    let outcome = 'ok';
    inFlight.enter();
    Metrics.inFlight.inc({ service: this.service });
    return next.handle().pipe(
      tap({ error: (error: { code?: unknown; error?: { code?: unknown } }) => (outcome = String(error?.error?.code ?? error?.code ?? 'error')) }),
      finalize(() => {
        stop({ outcome });
        inFlight.leave();
        Metrics.inFlight.dec({ service: this.service });
      }),
    );
  }
}
