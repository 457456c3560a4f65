import { COMPANY_PARTITIONS } from '#contracts';

/** Scale and durations of one benchmark run. */
export interface BenchOptions {
  mode: 'quick' | 'full';
  seed: number;
  companies: number;
  opportunitiesPerSector: number;
  partners: number;
  connections: number;
  readDurationS: number;
  submitRate: number;
  submitDurationS: number;
  sqlPeerCompanies: number;
  rebuildTimeoutS: number;
  profile: boolean;
  /** NATS max_payload in bytes for the benchmark's own nats-server; 0 keeps the server default (1 MiB). */
  natsMaxPayload: number;
  /** Matching processes, each a replica owning the company partitions p with p mod matchingReplicas = its index. */
  matchingReplicas: number;
  /** Rows of the bulk import phase's CSV (`--import-rows`), at most the gateway's IMPORT_MAX_ROWS. */
  importRows: number;
  /** Companies the import phase's floor submits one POST each. */
  importFloorCompanies: number;
  /** A sector every generated company declares besides its own, so that one opportunity of it has every company as a candidate. */
  wideSector?: 'mining' | 'automobile' | 'electricity';
}

const FULL: BenchOptions = {
  mode: 'full',
  seed: 20_250_401,
  companies: 100_000,
  opportunitiesPerSector: 10_000,
  partners: 20,
  connections: 50,
  readDurationS: 20,
  submitRate: 200,
  submitDurationS: 20,
  sqlPeerCompanies: 20,
  rebuildTimeoutS: 1_800,
  profile: false,
  natsMaxPayload: 0,
  matchingReplicas: 1,
  importRows: 5_000,
  importFloorCompanies: 1_000,
};

const QUICK: BenchOptions = {
  ...FULL,
  mode: 'quick',
  companies: 5_000,
  opportunitiesPerSector: 500,
  partners: 5,
  readDurationS: 5,
  submitRate: 50,
  submitDurationS: 5,
  sqlPeerCompanies: 10,
  rebuildTimeoutS: 90,
  importFloorCompanies: 500,
};

/**
 * Options from the command line: `--quick` for the small scale; `--profile` to record CPU profiles
 * of the services during each phase; `--companies=N`, `--opportunities-per-sector=N`,
 * `--duration=S` (match reads), `--rate=R` and `--submit-duration=S` (submissions),
 * `--rebuild-timeout=S`, `--seed=N`, `--nats-max-payload=BYTES` override single values;
 * `--wide-sector=SECTOR` makes every company declare SECTOR too (a fan-out to every company);
 * `--matching-replicas=N` runs matching as N partitioned replicas (1 to COMPANY_PARTITIONS);
 * `--import-rows=N` sizes the bulk import's CSV.
 */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const options = { ...(argv.includes('--quick') ? QUICK : FULL) };
  if (argv.includes('--profile')) options.profile = true;
  const numeric: [string, keyof BenchOptions][] = [
    ['--companies', 'companies'],
    ['--opportunities-per-sector', 'opportunitiesPerSector'],
    ['--duration', 'readDurationS'],
    ['--rate', 'submitRate'],
    ['--submit-duration', 'submitDurationS'],
    ['--rebuild-timeout', 'rebuildTimeoutS'],
    ['--seed', 'seed'],
    ['--connections', 'connections'],
    ['--nats-max-payload', 'natsMaxPayload'],
    ['--import-rows', 'importRows'],
  ];
  for (const arg of argv) {
    const [flag, value] = arg.split('=');
    if (flag === '--wide-sector') {
      if (value !== 'mining' && value !== 'automobile' && value !== 'electricity') throw new Error(`--wide-sector needs mining, automobile or electricity, got "${value}"`);
      options.wideSector = value;
      continue;
    }
    if (flag === '--matching-replicas') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > COMPANY_PARTITIONS) throw new Error(`--matching-replicas needs a whole number from 1 to ${COMPANY_PARTITIONS}, got "${value}"`);
      options.matchingReplicas = n;
      continue;
    }
    const key = numeric.find(([f]) => f === flag)?.[1];
    if (!key) continue;
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number, got "${value}"`);
    (options as Record<string, unknown>)[key] = n;
  }
  return options;
}
