import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, ServiceProcess } from '#testing';
import type { ApiResponse } from './platform.js';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The embedded default, as `npm start` runs it: one process, PGlite under a fresh DATA_DIR, the in-process broker. */
export class EmbeddedPlatform {
  readonly adminKey = `admin-${Math.random().toString(36).slice(2)}`;
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'tumen-embedded-'));
  private process: ServiceProcess | undefined;
  baseUrl = '';

  static async start(): Promise<EmbeddedPlatform> {
    const platform = new EmbeddedPlatform();
    const port = await freePort();
    platform.baseUrl = `http://127.0.0.1:${port}`;
    platform.process = new ServiceProcess('embedded', 'dist/apps/embedded/src/main.js', {
      DATA_DIR: platform.dataDir,
      PORT: String(port),
      ADMIN_API_KEY: platform.adminKey,
      OUTBOX_POLL_MS: '200',
      NATS_URL: '',
      DATABASE_URL: '',
    });
    platform.process.start();
    await eventually(async () => ((await platform.get('/health')).status === 200 ? true : undefined), 180_000, 'the embedded platform to be healthy').catch(
      (error: Error) => {
        throw new Error(`${error.message}\n${platform.process!.log.slice(-3000)}`);
      },
    );
    return platform;
  }

  async stop(): Promise<void> {
    await this.process?.kill('SIGTERM');
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async request<T = any>(method: string, path: string, options: { key?: string; body?: unknown } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (options.key) headers['x-api-key'] = options.key;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(15_000),
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

  get<T = any>(path: string, key?: string) {
    return this.request<T>('GET', path, { key });
  }

  post<T = any>(path: string, body: unknown, key?: string) {
    return this.request<T>('POST', path, { key, body });
  }
}
