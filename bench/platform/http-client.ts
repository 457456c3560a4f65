/** A REST response with its parsed body. */
export interface HttpResponse<T = unknown> {
  status: number;
  body: T;
}

/** A small JSON client of the gateway. */
export class HttpClient {
  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(method: string, path: string, key?: string, body?: unknown, timeoutMs = 30_000): Promise<HttpResponse<T>> {
    const headers: Record<string, string> = {};
    if (key) headers['x-api-key'] = key;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: parsed as T };
  }

  get<T = unknown>(path: string, key?: string) {
    return this.request<T>('GET', path, key);
  }

  post<T = unknown>(path: string, body: unknown, key?: string) {
    return this.request<T>('POST', path, key, body);
  }
}

/** Polls `probe` every `intervalMs` until it returns a value other than undefined; undefined after `timeoutMs`. */
export async function pollUntil<T>(probe: () => Promise<T | undefined>, intervalMs: number, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) return undefined;
    await sleep(intervalMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
