import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** One service of the built platform running as its own OS process. */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private output = '';
  private lastExit: number | null = null;

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
    this.lastExit = null;
    child.on('exit', (code) => {
      this.lastExit = code;
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

  /** Another process of the same service, with the same environment but for `overrides` (a replica, or a restart beside this one). */
  replica(overrides: Record<string, string> = {}): ServiceProcess {
    return new ServiceProcess(this.name, this.entry, { ...this.env, ...overrides });
  }

  /** The exit code of the last process, once it has exited; null while it runs or if it never ran. */
  get exitCode(): number | null {
    return this.lastExit;
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
