import { createRequire } from 'node:module';

/** What one autocannon run reports that the benchmark uses. */
export interface LoadResult {
  requests: number;
  durationS: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** One request autocannon sends: a path and headers chosen per request. */
export interface LoadRequest {
  path: string;
  headers?: Record<string, string>;
}

interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p90: number; p99: number; max: number; average: number };
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

type Autocannon = (options: Record<string, unknown>, done: (error: Error | null, result: AutocannonResult) => void) => unknown;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** Drives `connections` keep-alive connections at `baseUrl` for `durationS` seconds; `next` picks each request. */
export function runLoad(baseUrl: string, connections: number, durationS: number, next: () => LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: baseUrl,
        connections,
        duration: durationS,
        timeout: 10,
        requests: [
          {
            method: 'GET',
            setupRequest: (request: Record<string, unknown>) => {
              const r = next();
              return { ...request, path: r.path, headers: { ...(request.headers as object), ...(r.headers ?? {}) } };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          requests: result.requests.total,
          durationS: result.duration,
          requestsPerSecond: result.requests.total / result.duration,
          latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.average },
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
  });
}
