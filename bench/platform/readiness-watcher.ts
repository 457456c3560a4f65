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
 * with stored matches, and each of those is confirmed once over REST (the moment it answers with a
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
      const { rows } = await this.pool.query<{ company_id: string }>(
        'SELECT DISTINCT company_id FROM matching.match WHERE company_id = ANY($1::uuid[])',
        [waiting],
      );
      for (const { company_id: id } of rows) void this.confirm(id);
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
