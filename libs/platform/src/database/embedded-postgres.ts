import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { SyncBoundQueryQueue } from './pglite-query-queue.js';

/** A PGlite database served over the Postgres wire protocol on a loopback port. */
export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Connections the embedded server accepts; a service's pool must not exceed it. */
export const EMBEDDED_MAX_CONNECTIONS = 8;

/**
 * Starts PGlite persisted in `directory` and serves it on 127.0.0.1. PGlite has one session; the
 * socket server multiplexes connections onto it and, while one connection is inside a transaction
 * or an extended-protocol query (Parse to Sync), runs only that connection's messages, so concurrent
 * queries and transactions are serialised, never interleaved (SyncBoundQueryQueue).
 */
export async function startEmbeddedPostgres(directory: string): Promise<EmbeddedPostgres> {
  mkdirSync(directory, { recursive: true });
  const db = await PGlite.create(directory);
  const port = await freePort();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: EMBEDDED_MAX_CONNECTIONS });
  // Each connection's handler takes the server's queue when it connects: replaced before any does.
  (server as unknown as { queryQueue: SyncBoundQueryQueue }).queryQueue = new SyncBoundQueryQueue(db);
  await server.start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
