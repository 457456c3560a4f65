import { Injectable } from '@nestjs/common';
import type { PartyKind } from '#contracts';
import { MATCHING_SCHEMA } from '../database/matching-database.js';
import { Transactions } from '../database/transactions.js';
import type { PartyDecision } from './party-decision.js';

const S = MATCHING_SCHEMA;
const CHUNK = 1000;

/** `matching.party_decision`: each company's and each opportunity's decision in force, one row per party. */
@Injectable()
export class DecisionsRepository {
  constructor(private readonly tx: Transactions) {}

  async all(): Promise<PartyDecision[]> {
    const rows: { record: PartyDecision }[] = await this.tx.manager().query(`SELECT record FROM ${S}.party_decision`);
    return rows.map((r) => r.record);
  }

  async put(decisions: readonly PartyDecision[]): Promise<void> {
    // In one order whoever writes: every matching replica stores the opportunities' decisions, and
    // two transactions locking the same rows in different orders would deadlock.
    const ordered = [...decisions].sort((a, b) => (a.kind === b.kind ? (a.partyId < b.partyId ? -1 : a.partyId > b.partyId ? 1 : 0) : a.kind < b.kind ? -1 : 1));
    for (let i = 0; i < ordered.length; i += CHUNK) {
      const c = ordered.slice(i, i + CHUNK);
      await this.tx.manager().query(
        `INSERT INTO ${S}.party_decision (kind, party_id, screened, record)
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::bool[], $4::jsonb[])
         ON CONFLICT (kind, party_id) DO UPDATE SET screened = EXCLUDED.screened, record = EXCLUDED.record`,
        [c.map((d) => d.kind), c.map((d) => d.partyId), c.map((d) => d.screened), c.map((d) => JSON.stringify(d))],
      );
    }
  }

  async remove(kind: PartyKind, partyId: string): Promise<void> {
    await this.tx.manager().query(`DELETE FROM ${S}.party_decision WHERE kind = $1 AND party_id = $2`, [kind, partyId]);
  }
}
