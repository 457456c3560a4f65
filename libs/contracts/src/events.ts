import type { SectorId } from './common/domain.js';
import type { OutboxEvent } from './common/outbox.js';
import type { CompanyView } from './companies/company-profile.dto.js';
import type { OpportunitySummary } from './sectors/opportunity.dto.js';

/**
 * The durable events of the platform: named in the past tense, `<service>.v<N>.<entity>.<event>`,
 * each an owner's outbox entry published to its stream. A subject never collides with a request
 * subject (those name an action: `create`, `delete`…).
 */

/**
 * Companies fall into this many partitions by a stable hash of their id. Fixed: changing it
 * moves companies between partitions, which the event subjects of the past do not follow.
 */
export const COMPANY_PARTITIONS = 32;

/** A company's partition: FNV-1a (32 bits) of its id, modulo COMPANY_PARTITIONS. Stable across processes and versions. */
export function companyPartition(companyId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < companyId.length; i++) {
    hash ^= companyId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % COMPANY_PARTITIONS;
}

/** The company events, partitioned by company: `companies.v1.company.<event>.<partition>`. */
export const CompanyEvents = {
  stream: 'COMPANIES',
  // One subject, so that one consumer per partition can take both events of it in order (a
  // consumer's filter must lie within one of its stream's subjects). No request subject has five tokens.
  subjects: ['companies.v1.company.*.*'],
  upserted: (partition: number) => `companies.v1.company.upserted.${partition}`,
  deleted: (partition: number) => `companies.v1.company.deleted.${partition}`,
  /** Every event of one partition, in order. */
  ofPartition: (partition: number) => `companies.v1.company.*.${partition}`,
} as const;

/** The opportunity events of every sector: `sectors.v1.<sector>.opportunity.<event>`. */
export const OpportunityEvents = {
  stream: 'SECTORS',
  subjects: ['sectors.v1.*.opportunity.upserted', 'sectors.v1.*.opportunity.deleted'],
  upserted: (sector: SectorId) => `sectors.v1.${sector}.opportunity.upserted`,
  deleted: (sector: SectorId) => `sectors.v1.${sector}.opportunity.deleted`,
  /**
   * Every sector's upserts, and every sector's deletions: a consumer takes each of the two (the
   * request subjects `sectors.v1.<sector>.opportunity.<action>` rule out one subject for both).
   * Applied in either order they end the same: an upsert of a deleted opportunity is dropped.
   */
  allUpserted: 'sectors.v1.*.opportunity.upserted',
  allDeleted: 'sectors.v1.*.opportunity.deleted',
} as const;

/** A company was stored (created or changed): its whole view, at its version. */
export type CompanyUpsertedEvent = OutboxEvent<CompanyView>;
/** A company was deleted. */
export type CompanyDeletedEvent = OutboxEvent<{ id: string }>;
/** An opportunity was stored: its summary (never the counterparty's contact), at its version. */
export type OpportunityUpsertedEvent = OutboxEvent<OpportunitySummary>;
/** An opportunity was deleted. */
export type OpportunityDeletedEvent = OutboxEvent<{ id: string; sector: SectorId }>;

/** The event's identity in its stream (`Nats-Msg-Id`): the owner's schema and outbox sequence. */
export function outboxEventId(schema: string, seq: number): string {
  return `${schema}:${seq}`;
}
