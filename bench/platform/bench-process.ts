import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';

const LOG_TAIL = 20_000;

/** Peak and current resident memory of a process, in KiB, from /proc/<pid>/status. */
export interface ProcessMemory {
  peakRssKb: number;
  rssKb: number;
}

/** CPU time a process has spent, in clock ticks, from /proc/<pid>/stat. */
export interface ProcessCpuTicks {
  utime: number;
  stime: number;
}

/**
 * utime and stime (fields 14 and 15) of a /proc/<pid>/stat line. They are counted after the last
 * `)`: the command name before it (field 2, in parentheses) may itself hold spaces and parentheses.
 */
export function parseProcStat(stat: string): ProcessCpuTicks {
  const close = stat.lastIndexOf(')');
  // After the name: field 3 (state) is at index 0, so field k is at index k - 3.
  const fields = stat.slice(close + 1).trim().split(/\s+/);
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (close < 0 || !Number.isInteger(utime) || !Number.isInteger(stime)) throw new Error(`not a /proc/<pid>/stat line: "${stat.slice(0, 80)}"`);
  return { utime, stime };
}

let clockTicks: number | undefined;

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`; 100 on Linux where it cannot be asked). */
export function clockTicksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** One OS process the benchmark started: its pid, the tail of its output, its memory, and a stop that always ends it. */
export class BenchProcess {
  private child: ChildProcess | null = null;
  private output = '';
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: readonly string[],
    private readonly env: Record<string, string>,
    private readonly logFile?: string,
  ) {}

  start(): void {
    if (this.child) return;
    const child = spawn(this.command, [...this.args], { env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const file: WriteStream | undefined = this.logFile ? createWriteStream(this.logFile, { flags: 'w' }) : undefined;
    const keep = (d: Buffer) => {
      this.output = (this.output + d.toString()).slice(-LOG_TAIL);
      file?.write(d);
    };
    child.once('exit', () => file?.end());
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((done) => child.once('exit', () => done()));
    child.once('exit', () => {
      if (this.child === child) this.child = null;
    });
    this.child = child;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null;
  }

  get log(): string {
    return this.output;
  }

  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  /** Peak (VmHWM) and current (VmRSS) resident set; undefined once the process is gone. */
  memory(): ProcessMemory | undefined {
    if (!this.child?.pid) return undefined;
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
      return { peakRssKb: field('VmHWM'), rssKb: field('VmRSS') };
    } catch {
      return undefined;
    }
  }

  /** CPU seconds the process has spent, user and system, its threads included; undefined once it is gone. */
  cpuSeconds(): number | undefined {
    if (!this.child?.pid) return undefined;
    try {
      const { utime, stime } = parseProcStat(readFileSync(`/proc/${this.child.pid}/stat`, 'utf8'));
      return (utime + stime) / clockTicksPerSecond();
    } catch {
      return undefined;
    }
  }

  /** SIGTERM, then SIGKILL if the process has not exited within `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Kills at once, synchronously: for process exit handlers. */
  killNow(): void {
    this.child?.kill('SIGKILL');
  }
}
