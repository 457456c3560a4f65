import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ErrorCode, OFFICER_KEY_PREFIX, type OfficerCreatedReply, type OfficerView } from '#contracts';
import { DomainError } from '#platform';
import { hashApiKey } from '../partners/partners.service.js';
import { OfficerEntity } from './officer.entity.js';

/** Compliance officers: each a person with their own API key (stored as its SHA-256 only), created by the admin. */
@Injectable()
export class OfficersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(name: string, email?: string): Promise<OfficerCreatedReply> {
    const apiKey = `${OFFICER_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const officer: OfficerEntity = { id: randomUUID(), name, email: email ?? null, apiKeyHash: hashApiKey(apiKey), createdAt: new Date(), revokedAt: null };
    await this.dataSource.getRepository(OfficerEntity).insert(officer);
    return { ...view(officer), apiKey };
  }

  async list(): Promise<OfficerView[]> {
    return (await this.dataSource.getRepository(OfficerEntity).find({ order: { createdAt: 'ASC' } })).map(view);
  }

  async authenticate(apiKeyHash: string): Promise<OfficerView> {
    const officer = await this.dataSource.getRepository(OfficerEntity).findOneBy({ apiKeyHash });
    if (!officer || officer.revokedAt) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Unknown API key');
    return view(officer);
  }

  /** Revokes an officer: their key is refused from now on; what they decided stays, and stays theirs. */
  async revoke(id: string): Promise<OfficerView> {
    const [rows]: [OfficerEntity[], number] = await this.dataSource.query(
      `UPDATE companies.officer SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING id, name, email, created_at AS "createdAt", revoked_at AS "revokedAt"`,
      [id],
    );
    if (!rows.length) throw DomainError.notFound('Officer', id);
    return view(rows[0]!);
  }
}

function view(o: OfficerEntity): OfficerView {
  return { id: o.id, name: o.name, email: o.email, createdAt: new Date(o.createdAt).toISOString(), revokedAt: o.revokedAt ? new Date(o.revokedAt).toISOString() : null };
}
