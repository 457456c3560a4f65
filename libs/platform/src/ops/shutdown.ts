import { Logger } from '@nestjs/common';
import { inFlight } from './in-flight.js';

/** Something the process stops on SIGTERM: it first stops taking requests, then closes. */
export interface Stoppable {
  name: string;
  /** Stop taking new requests (NATS: drain the subscriptions, so the queue group's other members get them). */
  stopTaking(): Promise<void>;
  /** Close: Nest's shutdown (background work stops, the listener closes, messaging drains, the database closes). */
  close(): Promise<void>;
}

const stoppables: Stoppable[] = [];
const logger = new Logger('Shutdown');
let stopping: Promise<void> | null = null;

/**
 * Stops the process gracefully on SIGTERM or SIGINT: every service in it stops taking requests,
 * those in flight are answered (for up to `graceMs`), then each closes, the last started first,
 * and the process exits 0. The embedded default, with every service in one process, stops them
 * all in one go.
 */
export function stopOnSignal(stoppable: Stoppable, graceMs: number): void {
  stoppables.push(stoppable);
  if (stoppables.length > 1) return;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stopping ??= stopAll(signal, graceMs);
    });
  }
}

async function stopAll(signal: string, graceMs: number): Promise<void> {
  const names = stoppables.map((s) => s.name).join(', ');
  logger.log(`${signal}: ${names} stop taking requests`);
  await Promise.allSettled(stoppables.map((s) => s.stopTaking()));
  const idle = await inFlight.idle(graceMs);
  if (!idle) logger.warn(`${inFlight.size} requests still in flight after ${graceMs} ms; closing anyway`);
  for (const s of [...stoppables].reverse()) {
    try {
      await s.close();
    } catch (error) {
      logger.error(`${s.name} did not close cleanly: ${(error as Error).message}`);
    }
  }
  logger.log(`${names} stopped`);
  process.exit(0);
}
