import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PersonEvidence, SectorId } from '#contracts';

@Entity({ name: 'company' })
export class CompanyEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId: string;

  @Column('text') name: string;
  @Column('varchar') inn: string;
  @Column({ type: 'varchar', nullable: true }) ogrn: string | null;
  @Column('text') region: string;
  @Column('text') city: string;
  @Column({ type: 'double precision', nullable: true }) lat: number | null;
  @Column({ type: 'double precision', nullable: true }) lon: number | null;
  @Column({ name: 'location_source', type: 'text' }) locationSource: 'submitted' | 'gazetteer' | 'unknown';
  @Column('text', { array: true }) sectors: SectorId[];
  @Column('text', { array: true }) okved: string[];
  @Column({ name: 'hs_codes', type: 'text', array: true }) hsCodes: string[];
  @Column('text', { array: true }) capabilities: string[];
  @Column('integer') employees: number;
  @Column({ name: 'annual_revenue_rub', type: 'double precision' }) annualRevenueRub: number;
  @Column({ name: 'export_experience_years', type: 'integer' }) exportExperienceYears: number;
  @Column({ name: 'accepts_rub_settlement', type: 'boolean' }) acceptsRubSettlement: boolean;
  /** Each owner's name and share, with the date of birth and nationality when given (JSON: no column of their own). */
  @Column('jsonb') owners: ({ name: string; sharePct: number } & PersonEvidence)[];
  @Column('jsonb') directors: ({ name: string } & PersonEvidence)[];
  @Column('integer') version: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
