import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** Work a transaction carries besides its statements: done last before its commit, and told after it. */
export interface TransactionPart {
  /** Runs in the transaction, after its work: what it writes commits with the rest. */
  beforeCommit(): Promise<void>;
  /** Runs once the transaction committed. */
  afterCommit?(): void;
}

interface Scope {
  manager: EntityManager;
  parts: Map<object, TransactionPart>;
}

/**
 * Matching's transactions. A service runs work in one with `run`; the repositories it calls find
 * the transaction themselves (`manager()`), so no service hands a TypeORM manager around.
 */
@Injectable()
export class Transactions {
  private readonly current = new AsyncLocalStorage<Scope>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs work in a transaction, or in the one already under way. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.current.getStore()) return work();
    const parts = new Map<object, TransactionPart>();
    const result = await this.dataSource.transaction((manager) =>
      this.current.run({ manager, parts }, async () => {
        const done = await work();
        for (const part of parts.values()) await part.beforeCommit();
        return done;
      }),
    );
    for (const part of parts.values()) part.afterCommit?.();
    return result;
  }

  /**
   * The transaction's part of one kind (`key`), made on first use: how a writer gathers what a
   * whole transaction changed and writes it once, just before the commit. Only within `run`.
   */
  part<T extends TransactionPart>(key: object, make: () => T): T {
    const scope = this.current.getStore();
    if (!scope) throw new Error('a transaction part is asked for outside a transaction');
    let part = scope.parts.get(key) as T | undefined;
    if (!part) scope.parts.set(key, (part = make()));
    return part;
  }

  /** The transaction under way, else the pool (one statement, its own transaction). */
  manager(): EntityManager | DataSource {
    return this.current.getStore()?.manager ?? this.dataSource;
  }
}
