import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  ScreeningSubjects,
  type CreateDismissalRequest,
  type DismissalChangesReply,
  type DismissalView,
  type ListDismissalsRequest,
  type PartyKind,
} from '#contracts';
import { DomainError, MESSAGE_BUS, type MessageBus } from '#platform';
import { AuditRepository, type NewAuditEntry } from '../audit/audit.repository.js';
import { entryDigest, siftHits, type DismissalRule, type ScreenedParty, type SiftedHits } from '../domain/dismissals/dismissal-rules.js';
import type { ListEntry } from '../domain/list/index.js';
import { screenParty, type ListSnapshot, type PartyHit } from '../domain/screening/match-verdict.js';
import { SanctionsListService } from '../list/sanctions-list.service.js';
import { RuleSetProvider } from '../rules/rule-set.provider.js';
import { SCREENING_CONFIG, type ScreeningConfig } from '../screening.config.js';
import { dismissalRule, dismissalView, DismissalsRepository, type DismissalRow } from './dismissals.repository.js';

const DAY_MS = 24 * 3600_000;

/** The active dismissals of the parties of one screening pass, by `kind|id`. */
export type ActiveDismissals = Map<string, DismissalRule[]>;

const key = (kind: PartyKind, id: string) => `${kind}|${id}`;

/**
 * Dismissals of false list hits. An officer records that one party's possible hit on one listed
 * entry is not a match, with a reason (audited). The screen then sets that hit aside while the
 * dismissal holds: until it expires (DISMISSAL_PERIOD_DAYS, or earlier if the officer says so), and
 * only while the listed entry is unchanged and the party keeps its name, date of birth and
 * nationality; a dismissal found not to hold is made void (audited). Every change is numbered, and
 * announced, so matching screens the parties concerned again and their matches' verdicts follow.
 */
@Injectable()
export class DismissalsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DismissalsService.name);
  private timer: NodeJS.Timeout | undefined;
  private readonly digests = new WeakMap<ListSnapshot, Map<string, string>>();

  constructor(
    private readonly repository: DismissalsRepository,
    private readonly audit: AuditRepository,
    private readonly list: SanctionsListService,
    private readonly rules: RuleSetProvider,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(SCREENING_CONFIG) private readonly config: ScreeningConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.expireDue().catch((error: Error) => this.logger.warn({ msg: 'cannot expire dismissals now; will retry', error: error.message })), this.config.DISMISSAL_SWEEP_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async create(req: CreateDismissalRequest): Promise<DismissalView> {
    const snapshot = await this.list.current();
    if (!snapshot) throw new DomainError(ErrorCode.CONFLICT, 'No sanctions list is loaded: there is no hit to dismiss');
    const entry = this.entry(snapshot, req.referenceNumber);
    if (!entry) throw DomainError.validation([{ field: 'referenceNumber', reason: `${req.referenceNumber} is not on the list in force (${snapshot.version})` }]);
    const evidence = { ...(req.dateOfBirth ? { dateOfBirth: req.dateOfBirth } : {}), ...(req.nationality ? { nationality: req.nationality } : {}) };
    const hit = screenParty(snapshot, req.party, req.name, evidence).hits.find((h) => h.referenceNumber === entry.referenceNumber);
    if (!hit) {
      throw DomainError.validation([{ field: 'referenceNumber', reason: `${req.party} "${req.name}" has no hit on ${entry.referenceNumber} under list version ${snapshot.version}` }]);
    }
    if (hit.strength === 'designated') {
      throw DomainError.validation([
        { field: 'referenceNumber', reason: `the hit on ${entry.referenceNumber} is designated (score ${hit.score}): the party is taken to be the listed entry, and such a hit cannot be dismissed` },
      ]);
    }
    const now = Date.now();
    const latest = now + this.config.DISMISSAL_PERIOD_DAYS * DAY_MS;
    let expiresAt = new Date(latest);
    if (req.expiresAt !== undefined) {
      const asked = Date.parse(req.expiresAt);
      if (!(asked > now) || asked > latest) {
        throw DomainError.validation([{ field: 'expiresAt', reason: `must be after now and at most ${this.config.DISMISSAL_PERIOD_DAYS} days ahead (${new Date(latest).toISOString()})` }]);
      }
      expiresAt = new Date(asked);
    }
    const row = {
      id: randomUUID(),
      match_id: req.matchId,
      subject_kind: req.subjectKind,
      subject_id: req.subjectId,
      party: req.party,
      name: req.name,
      date_of_birth: req.dateOfBirth ?? null,
      nationality: req.nationality ?? null,
      reference_number: entry.referenceNumber,
      listed_name: hit.listedName,
      list_version: snapshot.version,
      entry_digest: this.digestOf(snapshot, entry.referenceNumber)!,
      reason: req.reason,
      officer_id: req.officer.id,
      officer_name: req.officer.name,
      expires_at: expiresAt,
    };
    const stored = await this.repository.transaction(async (m) => {
      const inserted = await this.repository.insert(row, m);
      if (!inserted) return undefined;
      await this.audit.append([entryOf('dismissal.recorded', inserted, `officer:${req.officer.id}`, { score: hit.score, explanation: hit.explanation })], m);
      return inserted;
    });
    if (!stored) {
      const existing = await this.repository.activeLike(row);
      throw new DomainError(ErrorCode.CONFLICT, `An active dismissal of this hit exists already${existing ? `: ${existing.id}` : ''}`);
    }
    this.announce();
    return dismissalView(stored);
  }

  async get(id: string): Promise<DismissalView> {
    const row = await this.repository.get(id);
    if (!row) throw DomainError.notFound('Dismissal', id);
    return dismissalView(row);
  }

  async listOf(req: ListDismissalsRequest): Promise<DismissalView[]> {
    return (await this.repository.list({ ...(req.subjectId ? { subjectIds: [req.subjectId] } : {}), matchId: req.matchId, state: req.state, limit: req.limit ?? 50 })).map(dismissalView);
  }

  /** Every dismissal (any state) of these parties, newest first. */
  async ofSubjects(ids: string[]): Promise<DismissalView[]> {
    return (await this.repository.list({ subjectIds: ids, limit: 200 })).map(dismissalView);
  }

  changes(after: number): Promise<DismissalChangesReply> {
    return this.repository.changesAfter(after);
  }

  lastChange(): Promise<number> {
    return this.repository.lastChange();
  }

  /** The active dismissals of the companies and opportunities of one screening pass (one query per kind). */
  async activeFor(companyIds: readonly string[], opportunityIds: readonly string[]): Promise<ActiveDismissals> {
    const rows = [...(await this.repository.activeOf('company', companyIds)), ...(await this.repository.activeOf('opportunity', opportunityIds))];
    const out: ActiveDismissals = new Map();
    for (const r of rows) {
      const k = key(r.subject_kind, r.subject_id);
      const list = out.get(k) ?? [];
      list.push(dismissalRule(r));
      out.set(k, list);
    }
    return out;
  }

  /** One party's hits with its dismissals applied; what no longer holds is collected in `voided`. */
  sift(active: ActiveDismissals, kind: PartyKind, id: string, hits: PartyHit[], parties: ScreenedParty[]): SiftedHits {
    const dismissals = active.get(key(kind, id));
    const snapshot = this.list.snapshot();
    if (!dismissals?.length || !snapshot) return { kept: hits, dismissed: [], voided: [], reasons: [] };
    return siftHits(hits, dismissals, parties, (ref) => this.digestOf(snapshot, ref), new Date());
  }

  /** Makes void the dismissals a screening pass found no longer hold, audits each, and announces the change. */
  async voidAll(voided: readonly { id: string; reason: string }[]): Promise<void> {
    const unique = [...new Map(voided.map((v) => [v.id, v])).values()];
    if (!unique.length) return;
    const ended = await this.repository.transaction(async (m) => {
      const rows = await this.repository.end(unique, 'void', m);
      await this.audit.append(rows.map((r) => entryOf('dismissal.voided', r, 'screening', { listVersionInForce: this.list.snapshot()?.version ?? null })), m);
      return rows;
    });
    if (ended.length) {
      this.logger.log(`${ended.length} dismissals made void (${ended.map((r) => r.end_reason).join('; ')})`);
      this.announce();
    }
  }

  /** Ends the dismissals whose time is up (audited) and announces it; answers how many. */
  async expireDue(): Promise<number> {
    const ids = await this.repository.expiredIds(500);
    if (!ids.length) return 0;
    const ended = await this.repository.transaction(async (m) => {
      const rows = await this.repository.end(ids.map((id) => ({ id, reason: 'expired' })), 'expired', m);
      await this.audit.append(rows.map((r) => entryOf('dismissal.expired', r, 'screening', {})), m);
      return rows;
    });
    if (ended.length) this.announce();
    return ended.length;
  }

  /** Tells matching that something changed: it asks which parties, and screens them again. */
  private announce(): void {
    this.bus.emit(ScreeningSubjects.versionsChanged, { listVersion: this.list.snapshot()?.version ?? null, rulesVersion: this.rules.ruleSet().version });
  }

  private entry(snapshot: ListSnapshot, referenceNumber: string): ListEntry | undefined {
    const wanted = referenceNumber.trim().toUpperCase();
    for (const e of snapshot.entries.values()) if (e.referenceNumber.toUpperCase() === wanted) return e;
    return undefined;
  }

  private digestOf(snapshot: ListSnapshot, referenceNumber: string): string | undefined {
    let digests = this.digests.get(snapshot);
    if (!digests) {
      digests = new Map([...snapshot.entries.values()].map((e) => [e.referenceNumber, entryDigest(e)]));
      this.digests.set(snapshot, digests);
    }
    return digests.get(referenceNumber);
  }
}

function entryOf(kind: string, r: DismissalRow, actor: string, extra: Record<string, unknown>): NewAuditEntry {
  return {
    kind,
    verdict: null,
    ruleIds: [],
    listReferences: [r.reference_number],
    listVersion: r.list_version,
    rulesVersion: null,
    actor,
    inputs: {
      dismissalId: r.id,
      matchId: r.match_id,
      subject: { kind: r.subject_kind, id: r.subject_id },
      party: r.party,
      name: r.name,
      dateOfBirth: r.date_of_birth,
      nationality: r.nationality,
      referenceNumber: r.reference_number,
    },
    details: {
      reason: r.reason,
      officer: { id: r.officer_id, name: r.officer_name },
      listedName: r.listed_name,
      entryDigest: r.entry_digest,
      expiresAt: new Date(r.expires_at).toISOString(),
      state: r.state,
      ...(r.end_reason ? { endReason: r.end_reason } : {}),
      ...extra,
    },
  };
}
