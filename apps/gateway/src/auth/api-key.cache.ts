import { Injectable } from '@nestjs/common';
import type { Caller } from '#contracts';

export interface CachedKey {
  caller: Caller;
  officer?: { id: string; name: string };
  expires: number;
}

const MAX_ENTRIES = 10_000;

/**
 * Keys this gateway looked up lately, by SHA-256, so that most requests need no round trip to the
 * companies service. An officer revoked through this gateway is forgotten at once; another gateway
 * replica forgets them when its entry expires (AUTH_CACHE_MS).
 */
@Injectable()
export class ApiKeyCache {
  private readonly entries = new Map<string, CachedKey>();

  get(apiKeyHash: string, now = Date.now()): CachedKey | undefined {
    const entry = this.entries.get(apiKeyHash);
    return entry && entry.expires > now ? entry : undefined;
  }

  set(apiKeyHash: string, entry: CachedKey): void {
    if (this.entries.size > MAX_ENTRIES) this.entries.clear();
    this.entries.set(apiKeyHash, entry);
  }

  forgetOfficer(id: string): void {
    for (const [hash, entry] of this.entries) if (entry.officer?.id === id) this.entries.delete(hash);
  }
}
