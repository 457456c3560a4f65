import { performance } from 'node:perf_hooks';
import type { BenchProcess } from './bench-process.js';

/** The CPU seconds each of a set of processes spent over one phase, by the processes' order. */
export interface PhaseCpu {
  phase: string;
  wallMs: number;
  /** User and system CPU seconds per process; NaN for one that was gone at the phase's end. */
  cpuS: number[];
}

/** Records the CPU seconds of the same processes over named phases, from /proc. */
export class PhaseCpuMeter {
  readonly phases: PhaseCpu[] = [];
  private readonly open = new Map<string, { startedAt: number; cpuS: number[] }>();

  constructor(private readonly processes: readonly BenchProcess[]) {}

  start(phase: string): void {
    // A process not started yet has spent nothing: a phase that starts it counts all it spends.
    this.open.set(phase, { startedAt: performance.now(), cpuS: this.processes.map((p) => p.cpuSeconds() ?? 0) });
  }

  stop(phase: string): PhaseCpu {
    const started = this.open.get(phase);
    if (!started) throw new Error(`phase ${phase} was not started`);
    this.open.delete(phase);
    const record = {
      phase,
      wallMs: performance.now() - started.startedAt,
      cpuS: this.processes.map((p, i) => (p.cpuSeconds() ?? Number.NaN) - started.cpuS[i]!),
    };
    this.phases.push(record);
    return record;
  }
}
