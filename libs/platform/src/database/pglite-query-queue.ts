import type { PGlite } from '@electric-sql/pglite';

interface Queued {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

/**
 * Extended-protocol messages that a Sync (or a Flush-less end) must follow before another
 * connection may speak: Parse, Bind, Describe, Execute, Close, Flush.
 */
const OPENS_SEQUENCE = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));

/**
 * The order in which the embedded socket server hands its connections' messages to PGlite's one
 * session. The stock queue of @electric-sql/pglite-socket keeps a transaction's messages together
 * but, outside one, takes messages one by one from whichever connection sent them: two
 * connections' parameterised queries then interleave (Parse of one, Bind of the other) and a query
 * runs with another's statement or fails ("bind message supplies 2 parameters, but prepared
 * statement requires 3"). This queue also keeps each connection's Parse…Sync sequence together,
 * as a server with a session per connection would.
 */
export class SyncBoundQueryQueue {
  private queue: Queued[] = [];
  private processing = false;
  /** The connection whose transaction or extended-protocol sequence is open: only its messages run. */
  private owner: number | null = null;
  private lastHandlerId: number | null = null;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.processQueue();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((q) => {
      if (q.handlerId !== handlerId) return true;
      q.reject(new Error('Handler disconnected'));
      return false;
    });
    if (this.owner === handlerId && !this.db.isInTransaction()) {
      this.owner = null;
      void this.processQueue();
    }
  }

  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.lastHandlerId !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    this.lastHandlerId = null;
    await this.processQueue();
  }

  private async processQueue(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length) {
        const exclusive = this.owner ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
        const index = exclusive === null ? 0 : this.queue.findIndex((q) => q.handlerId === exclusive);
        // The owner's next message has not come yet: the others wait for it.
        if (index === -1) break;
        const [next] = this.queue.splice(index, 1) as [Queued];
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(next.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                next.onData(data);
              },
            }),
          );
        } catch (error) {
          this.owner = null;
          next.reject(error);
          continue;
        }
        this.lastHandlerId = next.handlerId;
        this.owner = OPENS_SEQUENCE.has(next.message[0]!) ? next.handlerId : null;
        next.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }
}
