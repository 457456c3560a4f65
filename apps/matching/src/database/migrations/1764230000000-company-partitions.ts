import type { MigrationInterface, QueryRunner } from 'typeorm';
import { companyPartition } from '#contracts';

/**
 * Each company copy carries its partition, so a replica loads and clears only the companies of the
 * partitions it owns; and `partition_owner` records which replica owned each partition last, so a
 * replica that takes a partition over (the number of replicas changed) ranks its companies again
 * against its own catalogue. Rows stored before partitioning were owned by the one process there was.
 */
export class CompanyPartitions1764230000000 implements MigrationInterface {
  name = 'CompanyPartitions1764230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE matching.company ADD COLUMN partition smallint`);
    const rows: { id: string }[] = await q.query(`SELECT id FROM matching.company`);
    for (let i = 0; i < rows.length; i += 5000) {
      const chunk = rows.slice(i, i + 5000);
      await q.query(
        `UPDATE matching.company c SET partition = p.partition FROM unnest($1::uuid[], $2::smallint[]) AS p(id, partition) WHERE c.id = p.id`,
        [chunk.map((r) => r.id), chunk.map((r) => companyPartition(r.id))],
      );
    }
    await q.query(`ALTER TABLE matching.company ALTER COLUMN partition SET NOT NULL`);
    await q.query(`CREATE INDEX company_partition_idx ON matching.company (partition)`);
    await q.query(`CREATE TABLE matching.partition_owner (
      partition smallint PRIMARY KEY,
      replica smallint NOT NULL,
      replicas smallint NOT NULL,
      settled boolean NOT NULL,
      owned_since timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE matching.partition_owner`);
    await q.query(`ALTER TABLE matching.company DROP COLUMN partition`);
  }
}
