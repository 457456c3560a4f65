import { resolve } from 'node:path';
import pg from 'pg';
import { provisionServiceRoles } from '#platform';
import { createTestDatabase, eventually, JetStreamProbe, ServiceProcess, TEST_NATS_URL } from '#testing';
import { freePort, RestClient, UNLIMITED_RATES } from './rest-client.js';

export type { ApiResponse } from './rest-client.js';

export type ServiceName = 'screening' | 'sectors' | 'companies' | 'matching' | 'gateway';

export interface PlatformOptions {
  /** The NATS to run on; TEST_NATS_URL unless given. */
  natsUrl?: string;
  /** Environment of one service only, over the platform's (an OPS_PORT of its own, say). */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /**
   * A second process of a service, started with the others (as a deployment of two replicas starts
   * them), with the service's environment but for these overrides (a gateway's own PORT, an OPS_PORT).
   */
  replicas?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Matching as this many partitioned replicas (MATCHING_REPLICAS, MATCHING_REPLICA), each its own process. */
  matchingReplicas?: number;
}

/** The whole platform, every service its own process on the real NATS and PostgreSQL, driven through REST. */
export class Platform extends RestClient {
  readonly adminKey = `admin-${Math.random().toString(36).slice(2)}`;
  readonly services: Record<ServiceName, ServiceProcess>;
  /** The second processes asked for in `options.replicas`, by service. */
  readonly replicas: Partial<Record<ServiceName, ServiceProcess>> = {};
  /** Matching's replicas beyond the first (`services.matching`, replica 0), by index less one. */
  matchingReplicas: ServiceProcess[] = [];
  private dropDatabase: () => Promise<void> = async () => undefined;
  /** The platform's PostgreSQL database, for the few checks REST cannot make (there is no route listing partners). */
  databaseUrl = '';
  natsUrl = '';
  /** Its streams' prefix on the shared NATS, so that platforms of different tests never share events. */
  eventNamespace = '';

  private constructor(services: Platform['services']) {
    super();
    this.services = services;
  }

  /**
   * Starts every service on a fresh database and on `options.natsUrl` (TEST_NATS_URL unless given).
   * As deployed: each service connects as its own least-privileged role and migrates as its
   * schema's owner (`npm run db:provision`).
   */
  static async start(label: string, extraEnv: Record<string, string> = {}, options: PlatformOptions = {}): Promise<Platform> {
    const db = await createTestDatabase(label);
    const port = await freePort();
    const adminKey = `admin-${Math.random().toString(36).slice(2)}`;
    const env = {
      NATS_URL: options.natsUrl ?? TEST_NATS_URL,
      EVENT_NAMESPACE: db.name,
      DATABASE_URL: db.url,
      ADMIN_API_KEY: adminKey,
      PORT: String(port),
      REQUEST_TIMEOUT_MS: '2000',
      SEED_ON_EMPTY: 'true',
      OUTBOX_RELAY_POLL_MS: '200',
      MATCHING_POLL_MS: '200',
      SANCTIONS_LIST_PATH: resolve(process.cwd(), '../shared/data/un-sc-consolidated-list/consolidated.xml'),
      // Tests send thousands of requests a minute from one address with a few keys: no limit unless a test sets one.
      ...UNLIMITED_RATES,
      ...extraEnv,
    };
    const roles = await provisionRoles(db.url, ['screening', 'sectors', 'companies', 'matching']);
    const own = options.serviceEnv ?? {};
    const platform = new Platform({
      screening: new ServiceProcess('screening', 'dist/apps/screening/src/main.js', { ...env, ...roles.screening, ...own.screening }),
      sectors: new ServiceProcess('sectors', 'dist/apps/sectors/src/main.js', { ...env, ...roles.sectors, ...own.sectors }),
      companies: new ServiceProcess('companies', 'dist/apps/companies/src/main.js', { ...env, ...roles.companies, ...own.companies }),
      matching: new ServiceProcess('matching', 'dist/apps/matching/src/main.js', { ...env, ...roles.matching, ...own.matching }),
      gateway: new ServiceProcess('gateway', 'dist/apps/gateway/src/main.js', { ...env, ...own.gateway }),
    });
    Object.assign(platform, { adminKey });
    platform.dropDatabase = db.drop;
    platform.databaseUrl = db.url;
    platform.natsUrl = env.NATS_URL;
    platform.eventNamespace = db.name;
    platform.baseUrl = `http://127.0.0.1:${port}`;
    for (const [name, overrides] of Object.entries(options.replicas ?? {}) as [ServiceName, Record<string, string>][]) {
      platform.replicas[name] = platform.services[name].replica(overrides);
    }
    if (options.matchingReplicas && options.matchingReplicas > 1) platform.partitionMatching(options.matchingReplicas);
    for (const s of platform.processes()) s.start();
    try {
      await platform.healthy(Number(process.env.TEST_PLATFORM_START_MS ?? 60_000));
    } catch (error) {
      await platform.stop();
      throw error;
    }
    return platform;
  }

  async healthy(timeoutMs = 15_000): Promise<void> {
    await eventually(async () => ((await this.get('/health')).status === 200 ? true : undefined), timeoutMs, 'the platform to be healthy').catch(
      (error: Error) => {
        const logs = this.processes().map((s) => `--- ${s.name}\n${s.log.slice(-2000)}`).join('\n');
        throw new Error(`${error.message}\n${logs}`);
      },
    );
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes().map((s) => s.kill('SIGTERM')));
    await this.dropDatabase();
    const probe = await this.jetstream().catch(() => null);
    await probe?.deleteNamespace().catch(() => undefined);
    await probe?.close();
  }

  /** Every process of the platform: one per service, and the replicas. */
  processes(): ServiceProcess[] {
    return [...Object.values(this.services), ...Object.values(this.replicas), ...this.matchingReplicas];
  }

  /** Matching's processes, replica 0 first. */
  matching(): ServiceProcess[] {
    return [this.services.matching, ...this.matchingReplicas];
  }

  /**
   * Changes the number of matching replicas as a deployment does: every matching process stops
   * (SIGTERM), then `n` start with the new settings.
   */
  async rescaleMatching(n: number): Promise<ServiceProcess[]> {
    await Promise.all(this.matching().map((m) => m.kill('SIGTERM')));
    this.partitionMatching(n);
    for (const m of this.matching()) m.start();
    return this.matching();
  }

  /** Makes (not starts) `n` matching processes from the first one's settings. */
  private partitionMatching(n: number): void {
    const base = this.services.matching;
    const replica = (i: number) => base.replica({ MATCHING_REPLICAS: String(n), MATCHING_REPLICA: String(i) });
    this.services.matching = replica(0);
    this.matchingReplicas = Array.from({ length: n - 1 }, (_, i) => replica(i + 1));
  }

  /** A look into the platform's streams. */
  jetstream(): Promise<JetStreamProbe> {
    return JetStreamProbe.open(this.natsUrl, this.eventNamespace);
  }

  async createPartner(name = `Partner ${Math.random().toString(36).slice(2, 8)}`): Promise<{ id: string; apiKey: string }> {
    const response = await this.post('/v1/partners', { name }, this.adminKey);
    if (response.status !== 201) throw new Error(`partner creation failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }
}

/** Provisions each schema's owner and service roles in the test database, and gives each service the two URLs to connect with. */
async function provisionRoles(superuserUrl: string, schemas: string[]): Promise<Record<string, Record<string, string>>> {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const database = new URL(superuserUrl).pathname.slice(1);
    const urls: Record<string, Record<string, string>> = {};
    for (const schema of schemas) {
      const roles = await provisionServiceRoles(client, database, schema);
      const as = (role: string) => Object.assign(new URL(superuserUrl), { username: role }).toString();
      urls[schema] = { DATABASE_URL: as(roles.service), MIGRATION_DATABASE_URL: as(roles.owner) };
    }
    return urls;
  } finally {
    await client.end();
  }
}
