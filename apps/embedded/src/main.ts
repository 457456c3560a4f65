import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startService } from '#platform';
import { CompaniesAppModule } from '../../companies/src/companies-app.module.js';
import { startGateway } from '../../gateway/src/start-gateway.js';
import { ScreeningAppModule } from '../../screening/src/screening-app.module.js';
import { MatchingAppModule } from '../../matching/src/matching-app.module.js';
import { SectorsAppModule } from '../../sectors/src/sectors-app.module.js';

/**
 * The embedded default: every service in this one process, an embedded PostgreSQL (PGlite) per
 * service under DATA_DIR and the in-process broker, unless NATS_URL / DATABASE_URL point at real
 * ones. The seed catalogue is loaded once into an empty store. The sanctions list is read from
 * SANCTIONS_LIST_PATH, else from the shared data folder beside the project when present, else downloaded.
 */
const dataDir = resolve(process.env.DATA_DIR ?? './data');
mkdirSync(dataDir, { recursive: true });
process.env.DATA_DIR = dataDir;
process.env.SEED_ON_EMPTY ??= 'true';
const sharedList = resolve('../shared/data/un-sc-consolidated-list/consolidated.xml');
if (!process.env.SANCTIONS_LIST_PATH && !process.env.SANCTIONS_LIST_URL && existsSync(sharedList)) {
  process.env.SANCTIONS_LIST_PATH = sharedList;
}
if (!process.env.ADMIN_API_KEY) {
  const keyFile = join(dataDir, 'admin-api-key');
  if (!existsSync(keyFile)) writeFileSync(keyFile, `tmn_admin_${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  process.env.ADMIN_API_KEY = readFileSync(keyFile, 'utf8').trim();
}

await startService({ name: 'screening', module: ScreeningAppModule });
await startService({ name: 'sectors', module: SectorsAppModule.forSectors() });
await startService({ name: 'companies', module: CompaniesAppModule });
await startService({ name: 'matching', module: MatchingAppModule.register() });
const gateway = await startGateway();
const url = await gateway.getUrl();
process.stdout.write(
  `\nTumen is running at ${url.replace('[::1]', 'localhost')}  (API docs: ${url}/docs)\n` +
    `Admin API key: in ${join(dataDir, 'admin-api-key')} unless ADMIN_API_KEY is set\n\n`,
);
