import type { DataSource, QueryRunner } from 'typeorm';

/**
 * A PostgreSQL session advisory lock held on a connection of its own: how one replica of several
 * takes a job only one may do at a time. A holder that dies loses its connection and, with it, the
 * lock, so another replica's next try takes it over.
 */
export class SessionLock {
  private connection: QueryRunner | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly key: string,
  ) {}

  /** The lock's connection while this process holds it. */
  get held(): QueryRunner | null {
    return this.connection;
  }

  /** Takes the lock if no other session holds it; answers its connection, or null. */
  async acquire(): Promise<QueryRunner | null> {
    if (this.connection) return this.connection;
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      const [{ held }] = (await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS held', [this.key])) as { held: boolean }[];
      if (!held) {
        await runner.release();
        return null;
      }
      this.connection = runner;
      return runner;
    } catch (error) {
      await runner.release().catch(() => undefined);
      throw error;
    }
  }

  /** Lets the lock go (and its connection), whatever state the connection is in. */
  async release(): Promise<void> {
    const runner = this.connection;
    this.connection = null;
    if (!runner) return;
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [this.key]).catch(() => undefined);
    await runner.release().catch(() => undefined);
  }
}
