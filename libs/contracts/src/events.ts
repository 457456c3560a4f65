import type { SectorId } from './common/domain.js';
import type { OutboxEvent } from './common/outbox.js';
import type { CompanyView } from './companies/company-profile.dto.js';
import type { OpportunitySummary } from './sectors/opportunity.dto.js';
import type { IntroductionView, Verdict } from './screening/screening.messages.js';

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

/**
 * What matching tells partners' integrations of: a company's leads that became admissible, and
 * its leads whose verdict moved. One event per company per change (a fan-out touches thousands of
 * companies at once, each with a few leads), on the company's partition:
 * `matching.v1.leads.<event>.<partition>`. Prohibited matches are never announced as created.
 */
export const LeadEvents = {
  stream: 'MATCHES',
  subjects: ['matching.v1.leads.*.*'],
  created: (partition: number) => `matching.v1.leads.created.${partition}`,
  verdictChanged: (partition: number) => `matching.v1.leads.verdict-changed.${partition}`,
  all: 'matching.v1.leads.*.*',
} as const;

export const LeadEventType = {
  CREATED: 'leads.created',
  VERDICT_CHANGED: 'leads.verdict-changed',
} as const;
export type LeadEventType = (typeof LeadEventType)[keyof typeof LeadEventType];

/** One lead in a lead event: the stored match as its partner may see it (never a counterparty's contact). */
export interface LeadEventMatch {
  matchId: string;
  opportunityId: string;
  sector: SectorId;
  score: number;
  verdict: Verdict;
}

/** A company's matches that became leads: newly stored and not prohibited, or no longer prohibited. */
export type LeadsCreatedEvent = OutboxEvent<{ companyId: string; partnerId: string; leads: LeadEventMatch[] }>;

/** A company's stored matches whose verdict changed (a lead may become prohibited, or the reverse). */
export type LeadsVerdictChangedEvent = OutboxEvent<{
  companyId: string;
  partnerId: string;
  changes: (LeadEventMatch & { previousVerdict: Verdict })[];
}>;

/** What screening tells of introductions: `screening.v1.introduction.decided`, once granted or refused. */
export const IntroductionEvents = {
  stream: 'INTRODUCTIONS',
  subjects: ['screening.v1.introduction.decided'],
  decided: 'screening.v1.introduction.decided',
} as const;

export const IntroductionEventType = { DECIDED: 'introduction.decided' } as const;

/** An introduction was granted or refused: its view as its partner sees it. */
export type IntroductionDecidedEvent = OutboxEvent<IntroductionView>;
