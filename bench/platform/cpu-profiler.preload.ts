import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/**
 * Loaded with `node --import` into a service the benchmark profiles: the first SIGWINCH (a signal Nest's shutdown hooks leave alone) starts
 * the V8 CPU profiler, the next one writes `<BENCH_PROFILE_DIR>/<BENCH_PROFILE_NAME>-<n>.cpuprofile`.
 * Unlike `--cpu-prof`, this profiles one phase and does not depend on how the process exits.
 */
const dir = process.env.BENCH_PROFILE_DIR ?? '.';
const name = process.env.BENCH_PROFILE_NAME ?? `pid${process.pid}`;
const session = new Session();
session.connect();
let profiling = false;
let written = 0;

process.on('SIGWINCH', () => {
  if (!profiling) {
    profiling = true;
    session.post('Profiler.enable', () => session.post('Profiler.start'));
    return;
  }
  profiling = false;
  session.post('Profiler.stop', (error, result) => {
    if (error) return;
    written += 1;
    writeFileSync(join(dir, `${name}-${written}.cpuprofile`), JSON.stringify(result.profile));
  });
});
