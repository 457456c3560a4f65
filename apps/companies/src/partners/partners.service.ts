import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ErrorCode, type PartnerCreatedReply, type PartnerView } from '#contracts';
import { DomainError } from '#platform';
import { PartnerEntity } from './partner.entity.js';

/** SHA-256 of an API key, hex: the only form in which a key is stored or sent past the gateway. */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}

/** Partner organisations and their API keys. */
@Injectable()
export class PartnersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(name: string): Promise<PartnerCreatedReply> {
    const apiKey = `tmn_${randomBytes(32).toString('base64url')}`;
    const partner: PartnerEntity = { id: randomUUID(), name: name.trim(), apiKeyHash: hashApiKey(apiKey), createdAt: new Date() };
    await this.dataSource.getRepository(PartnerEntity).insert(partner);
    return { id: partner.id, name: partner.name, apiKey };
  }

  async authenticate(apiKeyHash: string): Promise<PartnerView> {
    const partner = await this.dataSource.getRepository(PartnerEntity).findOneBy({ apiKeyHash });
    if (!partner) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Unknown API key');
    return { id: partner.id, name: partner.name };
  }
}
