import { createServer } from 'node:net';

/** Rate limits no test reaches by accident (tests send thousands of requests a minute from one address); a test of the limits sets its own. */
export const UNLIMITED_RATES = { RATE_LIMIT_PER_MINUTE: '100000000', RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '100000000' };

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A free TCP port on the loopback, for a gateway a test starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The REST API of a running platform, as a client sees it: JSON bodies in, parsed bodies out. */
export class RestClient {
  baseUrl = '';

  async request<T = any>(method: string, path: string, options: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.key) headers['x-api-key'] = options.key;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body, signal: AbortSignal.timeout(15_000) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = any>(path: string, key?: string) {
    return this.request<T>('GET', path, { key });
  }

  post<T = any>(path: string, body: unknown, key?: string) {
    return this.request<T>('POST', path, { key, body });
  }
}
