import { Inject, Injectable } from '@nestjs/common';
import { COMPANY_PARTITIONS, companyPartition, ErrorCode } from '#contracts';
import { DomainError } from '#platform';
import { MATCHING_SCHEMA } from '../database/matching-database.js';
import { Transactions } from '../database/transactions.js';
import { MATCHING_CONFIG, ownedPartitions, type MatchingConfig } from '../matching.config.js';

const S = MATCHING_SCHEMA;

/**
 * The company partitions this replica owns (p mod MATCHING_REPLICAS = MATCHING_REPLICA), and the
 * record, in `matching.partition_owner`, of which replica owned each one last. A replica that takes
 * a partition over from another ranks its companies again before calling it settled: the other
 * replica applied the catalogue's events up to its own point, not this one's.
 */
@Injectable()
export class PartitionOwnership {
  readonly replica: number;
  readonly replicas: number;
  readonly partitions: readonly number[];
  private readonly owned: ReadonlySet<number>;
  private loaded = false;

  constructor(
    @Inject(MATCHING_CONFIG) config: MatchingConfig,
    private readonly tx: Transactions,
  ) {
    this.replica = config.MATCHING_REPLICA;
    this.replicas = config.MATCHING_REPLICAS;
    this.partitions = ownedPartitions(config);
    this.owned = new Set(this.partitions);
  }

  /** Whether its partitions' companies, matches and decisions are loaded (and those taken over ranked again): until then it answers no read. */
  get ready(): boolean {
    return this.loaded;
  }

  markLoaded(): void {
    this.loaded = true;
  }

  /** Refuses a read while loading, as UNAVAILABLE: an empty answer would say the company has no matches. */
  assertReady(): void {
    if (!this.loaded) throw new DomainError(ErrorCode.UNAVAILABLE, `matching replica ${this.replica} is loading its partitions; retry shortly`);
  }

  /** Whether this replica owns every partition (one replica): no query needs a partition filter. */
  get ownsAll(): boolean {
    return this.partitions.length === COMPANY_PARTITIONS;
  }

  owns(companyId: string): boolean {
    return this.ownsAll || this.owned.has(companyPartition(companyId));
  }

  /** The partitions a query keeps to: null for all of them. */
  get filter(): number[] | null {
    return this.ownsAll ? null : [...this.partitions];
  }

  /**
   * This replica's partitions that another replica owned last, or whose taking over did not finish:
   * their companies are to be ranked again. Each is recorded as owned here, not yet settled.
   * A partition never recorded was owned by the one process before partitioning (replica 0).
   */
  async claim(): Promise<number[]> {
    const rows: { partition: number; replica: number; settled: boolean }[] = await this.tx
      .manager()
      .query(`SELECT partition, replica, settled FROM ${S}.partition_owner WHERE partition = ANY($1::smallint[])`, [this.partitions]);
    const last = new Map(rows.map((r) => [r.partition, r]));
    const adopted = this.partitions.filter((p) => {
      const row = last.get(p);
      return row ? row.replica !== this.replica || !row.settled : this.replica !== 0;
    });
    const settled = this.partitions.filter((p) => !adopted.includes(p));
    await this.record(adopted, false);
    await this.record(settled, true);
    return adopted;
  }

  /** The partitions taken over are settled: their companies were ranked here. */
  settle(partitions: readonly number[]): Promise<void> {
    return this.record(partitions, true);
  }

  private async record(partitions: readonly number[], settled: boolean): Promise<void> {
    if (!partitions.length) return;
    await this.tx.manager().query(
      `INSERT INTO ${S}.partition_owner (partition, replica, replicas, settled)
       SELECT p, $2, $3, $4 FROM unnest($1::smallint[]) AS p
       ON CONFLICT (partition) DO UPDATE SET
         owned_since = CASE WHEN ${S}.partition_owner.replica = EXCLUDED.replica THEN ${S}.partition_owner.owned_since ELSE now() END,
         replica = EXCLUDED.replica, replicas = EXCLUDED.replicas, settled = EXCLUDED.settled`,
      [partitions, this.replica, this.replicas, settled],
    );
  }
}
