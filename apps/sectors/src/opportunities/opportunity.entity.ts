import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Direction, SectorId, Structure } from '#contracts';

@Entity({ name: 'opportunity' })
export class OpportunityEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') sector: SectorId;
  @Column({ name: 'seed_key', type: 'text', nullable: true }) seedKey: string | null;
  @Column('text') title: string;
  @Column('text') description: string;
  @Column('jsonb') site: { name: string; lat: number; lon: number };
  @Column('jsonb') counterparty: { name: string; contact?: string };
  @Column({ name: 'required_capabilities', type: 'text', array: true }) requiredCapabilities: string[];
  @Column({ name: 'hs_codes', type: 'text', array: true }) hsCodes: string[];
  @Column('text', { array: true }) okved: string[];
  @Column('text') direction: Direction;
  @Column('text') structure: Structure;
  @Column({ name: 'size_usd', type: 'double precision' }) sizeUsd: number;
  @Column({ name: 'settlement_currencies', type: 'text', array: true }) settlementCurrencies: string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's partial-entity typing cannot express unknown JSON
  @Column('jsonb') attributes: Record<string, any>;
  @Column('integer') version: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
