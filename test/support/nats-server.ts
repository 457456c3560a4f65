import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NATS_SERVER = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';

/** The first port of [from, to] nobody listens on. */
async function freePortIn(from: number, to: number): Promise<number> {
  for (let port = from; port <= to; port += 1) {
    const free = await new Promise<boolean>((done) => {
      const s = createServer()
        .once('error', () => done(false))
        .listen(port, '127.0.0.1', () => s.close(() => done(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}-${to}`);
}

/** A nats-server of a test's own, on one loopback port, that the test may stop and start again on that port. */
export class NatsServerProcess {
  private child: ChildProcess | null = null;
  private output = '';
  private readonly storeDir = mkdtempSync(join(tmpdir(), 'tumen-nats-'));

  private constructor(readonly port: number) {}

  /** Starts one on a free port of [from, to]. */
  static async start(from = 4320, to = 4339): Promise<NatsServerProcess> {
    const server = new NatsServerProcess(await freePortIn(from, to));
    await server.start();
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get log(): string {
    return this.output;
  }

  /** Starts the server (again) on its port and resolves once it accepts clients. */
  async start(timeoutMs = 10_000): Promise<void> {
    if (this.child) return;
    const child = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`nats-server on ${this.port} not ready within ${timeoutMs} ms:\n${this.output}`)), timeoutMs);
      const onData = (d: Buffer) => {
        this.output += d;
        if (this.output.includes('Server is ready')) {
          clearTimeout(timer);
          ready();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        if (this.child === child) this.child = null;
        fail(new Error(`nats-server on ${this.port} exited with ${code}:\n${this.output}`));
      });
    });
  }

  /** Stops the server (SIGTERM) and resolves once the process has exited. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
    this.child = null;
    this.output = '';
  }

  /** Stops the server and removes its store. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}
