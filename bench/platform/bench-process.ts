import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';

const LOG_TAIL = 20_000;

/** Peak and current resident memory of a process, in KiB, from /proc/<pid>/status. */
export interface ProcessMemory {
  peakRssKb: number;
  rssKb: number;
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
