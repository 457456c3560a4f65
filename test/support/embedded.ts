import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, ServiceProcess } from '#testing';
import { freePort, RestClient, UNLIMITED_RATES } from './rest-client.js';

/** The embedded default, as `npm start` runs it: one process, PGlite under a fresh DATA_DIR, the in-process broker. */
export class EmbeddedPlatform extends RestClient {
  readonly adminKey = `admin-${Math.random().toString(36).slice(2)}`;
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'tumen-embedded-'));
  private process: ServiceProcess | undefined;

  static async start(): Promise<EmbeddedPlatform> {
    const platform = new EmbeddedPlatform();
    const port = await freePort();
    platform.baseUrl = `http://127.0.0.1:${port}`;
    platform.process = new ServiceProcess('embedded', 'dist/apps/embedded/src/main.js', {
      DATA_DIR: platform.dataDir,
      PORT: String(port),
      ADMIN_API_KEY: platform.adminKey,
      OUTBOX_RELAY_POLL_MS: '200',
      MATCHING_POLL_MS: '200',
      NATS_URL: '',
      DATABASE_URL: '',
      ...UNLIMITED_RATES,
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
}
