import { performance } from 'node:perf_hooks';
import type pg from 'pg';

interface Pending {
  confirm: () => Promise<boolean>;
  resolve: (readyAt: number | undefined) => void;
  deadline: number;
  confirming: boolean;
}

/**
 * Tells when each submitted company's matches become readable without a storm of polling reads,
 * which would load the very services being measured: one SQL probe every tick finds the companies
 * matching has stored (with their matches), and each of those is confirmed once over REST (the moment it answers with a
 * match is the one recorded).
 */
export class ReadinessWatcher {
  private readonly pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | undefined;
  private probing = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly tickMs: number,
  ) {}

  /** Resolves with the time the company's matches were first read over REST, or undefined after the timeout. */
  watch(companyId: string, confirm: () => Promise<boolean>, timeoutMs: number): Promise<number | undefined> {
    return new Promise((resolve) => {
      this.pending.set(companyId, { confirm, resolve, deadline: performance.now() + timeoutMs, confirming: false });
      this.timer ??= setInterval(() => void this.tick(), this.tickMs);
    });
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    for (const p of this.pending.values()) p.resolve(undefined);
    this.pending.clear();
  }

  private async tick(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      const now = performance.now();
      for (const [id, p] of this.pending) {
        if (now > p.deadline && !p.confirming) {
          this.pending.delete(id);
          p.resolve(undefined);
        }
      }
      const waiting = [...this.pending.entries()].filter(([, p]) => !p.confirming).map(([id]) => id);
      if (!waiting.length) return;
      // Matching stores a company's projection in the transaction that stores its matches: a probe of
      // that 100,000-row table by key stays cheap, where one over the 5 M-row match table for
      // thousands of ids every tick cost the database a third of a core while it was being measured.
      const { rows } = await this.pool.query<{ id: string }>('SELECT id FROM matching.company WHERE id = ANY($1::uuid[])', [waiting]);
      for (const { id } of rows) void this.confirm(id);
    } finally {
      this.probing = false;
      if (!this.pending.size) this.stop();
    }
  }

  private async confirm(id: string): Promise<void> {
    const p = this.pending.get(id);
    if (!p || p.confirming) return;
    p.confirming = true;
    const readable = await p.confirm().catch(() => false);
    if (readable) {
      this.pending.delete(id);
      p.resolve(performance.now());
    } else {
      p.confirming = false;
    }
  }
}
