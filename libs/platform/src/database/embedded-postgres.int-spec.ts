import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { EMBEDDED_MAX_CONNECTIONS, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

let directory: string;
let server: EmbeddedPostgres;
let pool: pg.Pool;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'tumen-embedded-pg-'));
  server = await startEmbeddedPostgres(directory);
  pool = new pg.Pool({ connectionString: server.url, max: EMBEDDED_MAX_CONNECTIONS });
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await server?.stop();
  rmSync(directory, { recursive: true, force: true });
});

describe('the embedded PostgreSQL over its socket', () => {
  it("runs concurrent parameterised queries of several connections each with its own statement and parameters", async () => {
    // Each shape has its own number of parameters: a Bind of one connection applied to another's Parse fails or answers another sum.
    const shapes = [
      { sql: 'SELECT $1::int AS v', params: (i: number) => [i], expected: (i: number) => i },
      { sql: 'SELECT $1::int + $2::int AS v', params: (i: number) => [i, 1000], expected: (i: number) => i + 1000 },
      { sql: 'SELECT $1::int + $2::int + $3::int AS v', params: (i: number) => [i, 20000, 300000], expected: (i: number) => i + 320000 },
    ];
    const runs = Array.from({ length: 600 }, (_, i) => {
      const shape = shapes[i % shapes.length]!;
      return pool.query(shape.sql, shape.params(i)).then((r) => [Number(r.rows[0].v), shape.expected(i)]);
    });
    const results = await Promise.all(runs);
    expect(results.filter(([got, expected]) => got !== expected)).toEqual([]);
  }, 60_000);

  it('keeps a transaction to its connection while others query', async () => {
    await pool.query('CREATE TABLE counter (n int NOT NULL)');
    await pool.query('INSERT INTO counter VALUES (0)');
    const increments = Array.from({ length: 40 }, async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query('SELECT n FROM counter FOR UPDATE');
        await client.query('UPDATE counter SET n = $1', [rows[0].n + 1]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    });
    const reads = Array.from({ length: 40 }, (_, i) => pool.query('SELECT $1::int AS v', [i]).then((r) => r.rows[0].v === i));
    const [, readsOk] = await Promise.all([Promise.all(increments), Promise.all(reads)]);
    expect(readsOk.every(Boolean)).toBe(true);
    expect((await pool.query('SELECT n FROM counter')).rows[0].n).toBe(40);
  }, 60_000);
});
