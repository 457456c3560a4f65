import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** One service of the built platform running as its own OS process. */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private output = '';

  constructor(
    readonly name: string,
    private readonly entry: string,
    private readonly env: Record<string, string>,
  ) {}

  start(): void {
    if (this.child) return;
    this.output = '';
    const child = spawn(process.execPath, [resolve(process.cwd(), this.entry)], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => (this.output += d));
    child.stderr?.on('data', (d) => (this.output += d));
    child.on('exit', () => {
      if (this.child === child) this.child = null;
    });
    this.child = child;
  }

  /** Kills the process the hard way, as a crash would. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill(signal);
    });
    this.child = null;
  }

  /** The OS process id while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null;
  }

  get log(): string {
    return this.output;
  }
}
