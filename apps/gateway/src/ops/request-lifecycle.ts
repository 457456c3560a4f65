import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ErrorCode } from '#contracts';
import { currentCorrelationId, inFlight, Metrics } from '#platform';

let stopping = false;

/** From now on the gateway answers 503 to new requests (its process is stopping: a replica or its restart takes them). */
export function stopTakingRequests(): void {
  stopping = true;
}

/**
 * Every REST request: counted in flight (shutdown waits for it), timed by route pattern and status
 * once answered, and, once the gateway is stopping, refused with 503, `Retry-After` and
 * `Connection: close` so the client's next attempt opens a connection elsewhere.
 */
export function requestLifecycle(request: Request, response: Response, next: NextFunction): void {
  if (stopping) {
    const correlationId = currentCorrelationId() ?? randomUUID();
    response.setHeader('Connection', 'close');
    response.setHeader('Retry-After', '1');
    response.setHeader('x-correlation-id', correlationId);
    response.status(503).json({ statusCode: 503, error: ErrorCode.UNAVAILABLE, message: 'The gateway is stopping; retry the request', correlationId });
    return;
  }
  inFlight.enter();
  const stop = Metrics.http.startTimer({ method: request.method });
  response.once('close', () => {
    inFlight.leave();
    // The pattern, not the path: ids would make a series per company.
    const route = request.route?.path ? `${request.baseUrl}${request.route.path}` : 'unmatched';
    stop({ route, status: String(response.statusCode) });
  });
  next();
}
