import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Matching's transactions. A service runs work in one with `run`; the repositories it calls find
 * the transaction themselves (`manager()`), so no service hands a TypeORM manager around.
 */
@Injectable()
export class Transactions {
  private readonly current = new AsyncLocalStorage<EntityManager>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs work in a transaction, or in the one already under way. */
  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.current.getStore()) return work();
    return this.dataSource.transaction((m) => this.current.run(m, work));
  }

  /** The transaction under way, else the pool (one statement, its own transaction). */
  manager(): EntityManager | DataSource {
    return this.current.getStore() ?? this.dataSource;
  }
}
