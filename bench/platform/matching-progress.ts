import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { matchingPartitionSubjects, MatchingSubjects, type MatchingStatusReply } from '#contracts';
import type { OutboxHeads } from './bulk-seeder.js';
import { pollUntil } from './http-client.js';
import type { NatsRpcClient } from './nats-rpc.client.js';

const STATUS_TIMEOUT_MS = 2_000;

/** Seeded events matching has applied: companies, opportunities and both. */
export interface AppliedEvents {
  total: number;
  companies: number;
  opportunities: number;
}

/**
 * Whether matching, as its status summed over every replica tells, has applied the outboxes up to
 * their heads. The cursors alone cannot say it: company events come through one consumer per
 * partition, even to a single replica, so the companies cursor is the highest any partition has
 * reached; and a replica's own cursors start from the shared table's, the furthest any replica had
 * gone. But a cursor at a head means the relay published every event up to it (it publishes in
 * sequence order), and then nothing pending at any consumer of any replica means every replica has
 * applied, and acknowledged, all it was to take.
 */
export function statusReachedHeads(status: Pick<MatchingStatusReply, 'cursors' | 'pending' | 'replicas'>, heads: OutboxHeads): boolean {
  // A replica still loading says nothing of its consumers yet.
  if (!(status.replicas ?? []).every((r) => r.ready)) return false;
  if ((status.cursors.companies ?? 0) < heads.companies) return false;
  if (!Object.entries(heads.sectors).every(([stream, head]) => (status.cursors[`sectors.${stream}`] ?? 0) >= head)) return false;
  return Object.values(status.pending).every((n) => n === 0);
}

/**
 * How far matching has applied the event log. The table `matching.cursor` holds the greatest
 * position applied per source, by any replica and any partition's consumer: it cannot say that a
 * backlog is applied, so the summed status (`matching.v1.status.get`) is asked. For one opportunity
 * event it can, with one replica (whose opportunity consumer applies in order), and is read with
 * SQL, which costs matching nothing; with several, each replica's own status says it.
 */
export class MatchingProgress {
  constructor(
    private readonly pool: pg.Pool,
    private readonly rpc: NatsRpcClient,
    private readonly replicas: number,
  ) {}

  /** Seeded events applied (0 for what cannot be read yet): the companies held, the opportunities every replica applied. */
  async applied(): Promise<AppliedEvents> {
    const status = await this.status().catch(() => undefined);
    if (!status) return { total: 0, companies: 0, opportunities: 0 };
    const sectors = Object.entries(status.cursors).filter(([source]) => source.startsWith('sectors.'));
    const opportunities = await count(
      this.pool,
      `SELECT count(*) AS n FROM sectors.outbox o JOIN unnest($1::text[], $2::bigint[]) AS c(stream, position) ON c.stream = o.stream WHERE o.seq <= c.position`,
      [sectors.map(([source]) => source.slice('sectors.'.length)), sectors.map(([, position]) => position)],
    ).catch(() => 0);
    // Each seeded company is one event, applied by the replica that holds it.
    return { total: status.companies + opportunities, companies: status.companies, opportunities };
  }

  /** Whether every replica has applied every event up to the heads. */
  async reached(heads: OutboxHeads): Promise<boolean> {
    const status = await this.status().catch(() => undefined);
    return status !== undefined && statusReachedHeads(status, heads);
  }

  /**
   * When every replica had applied the sector's event `seq` (performance.now()), or undefined after
   * the timeout. With several replicas the shared table is watched first, as with one: it costs the
   * replicas nothing while none has the event. Then each replica not seen with it yet is asked for
   * its own status, which reads its consumers' state: a load on the replicas still working.
   */
  async sectorApplied(sector: string, seq: number, intervalMs: number, timeoutMs: number): Promise<number | undefined> {
    const deadline = performance.now() + timeoutMs;
    const source = `sectors.${sector}`;
    const first = await pollUntil(async () => ((await cursorTablePosition(this.pool, source)) >= seq ? performance.now() : undefined), intervalMs, timeoutMs);
    if (first === undefined || this.replicas === 1) return first;
    const waiting = new Set(Array.from({ length: this.replicas }, (_, i) => i));
    return pollUntil(
      async () => {
        await Promise.all(
          [...waiting].map(async (replica) => {
            // Replica i owns partition i: the status subject of partition i is replica i's own.
            const own = await this.rpc.request<MatchingStatusReply>(matchingPartitionSubjects(replica).status, {}, STATUS_TIMEOUT_MS).catch(() => undefined);
            if ((own?.cursors[source] ?? 0) >= seq) waiting.delete(replica);
          }),
        );
        return waiting.size === 0 ? performance.now() : undefined;
      },
      intervalMs,
      Math.max(0, deadline - performance.now()),
    );
  }

  private status(): Promise<MatchingStatusReply> {
    return this.rpc.request<MatchingStatusReply>(MatchingSubjects.status, {}, STATUS_TIMEOUT_MS);
  }
}

async function cursorTablePosition(pool: pg.Pool, source: string): Promise<number> {
  const r = await pool.query<{ position: string }>('SELECT position FROM matching.cursor WHERE source = $1', [source]);
  return Number(r.rows[0]?.position ?? 0);
}

async function count(pool: pg.Pool, sql: string, params: unknown[] = []): Promise<number> {
  const r = await pool.query<{ n: string }>(sql, params);
  return Number(r.rows[0]?.n ?? 0);
}
