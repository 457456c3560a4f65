import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The name matcher's version: the SHA-256 (first 16 hex digits) of the matcher's own code, the files
 * of `domain/names` and `domain/screening` as this process runs them (tests and specs left out), so
 * that any change to how names are compared or verdicts are drawn gives another version without
 * anyone having to remember to bump a number.
 */
export function matcherVersion(): string {
  const domain = join(dirname(fileURLToPath(import.meta.url)), '..', 'domain');
  const hash = createHash('sha256');
  for (const folder of ['names', 'screening']) {
    const dir = join(domain, folder);
    const files = readdirSync(dir).filter((f) => /\.(js|ts)$/.test(f) && !/\.(spec|int-spec)\.(js|ts)$/.test(f) && !f.endsWith('.d.ts')).sort();
    for (const f of files) hash.update(`${folder}/${f}\n`).update(readFileSync(join(dir, f)));
  }
  return `names-${hash.digest('hex').slice(0, 16)}`;
}
