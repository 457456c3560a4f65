import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestIntroductionRequest } from '#contracts';
import { MATCHING_SCHEMA } from '../database/matching-database.js';

/** An introduction request kept until screening can decide it. */
export interface HeldIntroduction {
  matchId: string;
  partnerId: string;
  request: RequestIntroductionRequest;
  heldAt: string;
}

type HeldRow = { match_id: string; partner_id: string; request: RequestIntroductionRequest; held_at: Date };

const S = MATCHING_SCHEMA;

/** `matching.held_introduction`: requests made while screening could not answer, one per match and partner. */
@Injectable()
export class HeldIntroductionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Keeps a request, or returns the one already kept for the same match and partner, unchanged. */
  async hold(request: RequestIntroductionRequest): Promise<HeldIntroduction> {
    // The no-op update makes the statement return the existing row when there is one, in one step.
    const rows: HeldRow[] = await this.dataSource.query(
      `INSERT INTO ${S}.held_introduction (match_id, partner_id, request) VALUES ($1, $2, $3)
       ON CONFLICT (match_id, partner_id) DO UPDATE SET held_at = ${S}.held_introduction.held_at
       RETURNING match_id, partner_id, request, held_at`,
      [request.matchId, request.partnerId, JSON.stringify(request)],
    );
    return toHeld(rows[0]);
  }

  async oldest(limit: number): Promise<HeldIntroduction[]> {
    const rows: HeldRow[] = await this.dataSource.query(
      `SELECT match_id, partner_id, request, held_at FROM ${S}.held_introduction ORDER BY held_at, match_id, partner_id LIMIT $1`,
      [limit],
    );
    return rows.map(toHeld);
  }

  async release(matchId: string, partnerId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM ${S}.held_introduction WHERE match_id = $1 AND partner_id = $2`, [matchId, partnerId]);
  }
}

function toHeld(r: HeldRow): HeldIntroduction {
  return { matchId: r.match_id, partnerId: r.partner_id, request: r.request, heldAt: new Date(r.held_at).toISOString() };
}
