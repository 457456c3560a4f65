import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { env, loadEnv, type EnvVar } from '#platform';

/** The official download address of the UN Security Council consolidated list (XML). */
export const OFFICIAL_LIST_URL = 'https://scsanctions.un.org/resources/xml/en/consolidated.xml';

/** The project's root: the nearest folder above this file holding the project's package.json. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'tumen') return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/** A share from 0 to 1, e.g. 0.05 for 5 %. */
function share(fallback: number): EnvVar<number> {
  return {
    read(raw) {
      if (raw === undefined || raw === '') return fallback;
      const value = Number(raw);
      if (!Number.isFinite(value) || value < 0 || value > 1) throw new Error(`must be a share from 0 to 1 (0.05 is 5 %), got "${raw}"`);
      return value;
    },
  };
}

export const ScreeningEnv = {
  /** A local copy of the list (tests, local runs); when unset the list is downloaded from SANCTIONS_LIST_URL. */
  SANCTIONS_LIST_PATH: env.optional(),
  SANCTIONS_LIST_URL: env.string(OFFICIAL_LIST_URL),
  /** How often the list is fetched again. */
  SANCTIONS_REFRESH_MS: env.int(6 * 3600_000, 10_000, 7 * 24 * 3600_000),
  /** A new list that removes more than this share of the entries in force (or any DPRK entry) is held for an admin. */
  LIST_MAX_REMOVED_SHARE: share(0.05),
  /**
   * The most JSON bytes one audit page carries (GET /v1/audit): well under the 1 MiB a NATS message
   * may hold, so a page of large entries is cut short (with `nextAfter`) instead of being refused.
   */
  /** Screening is ready only while the list in force was confirmed current (put in force, or fetched and found unchanged) within this many days. */
  LIST_MAX_AGE_DAYS: env.int(3, 1, 365),
  AUDIT_PAGE_MAX_BYTES: env.int(512 * 1024, 16 * 1024, 768 * 1024),
  /** How long a dismissal of a false hit holds at most (an officer may set an earlier expiry). */
  DISMISSAL_PERIOD_DAYS: env.int(180, 1, 3650),
  /** How often dismissals whose time is up are ended (and their parties screened again). */
  DISMISSAL_SWEEP_MS: env.int(60_000, 200, 24 * 3600_000),
  RULES_PATH: env.string(resolve(projectRoot(), 'apps/screening/rules/dprk-rules.v1.json')),
};

export type ScreeningConfig = ReturnType<typeof loadScreeningConfig>;
export const SCREENING_CONFIG = Symbol('SCREENING_CONFIG');

export function loadScreeningConfig() {
  return loadEnv(ScreeningEnv);
}
