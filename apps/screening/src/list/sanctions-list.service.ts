import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  ErrorCode,
  ScreeningSubjects,
  type DecideListCandidateRequest,
  type ListCounts,
  type ListRefreshOutcome,
  type ListRefreshReply,
  type ListRefreshView,
  type ListStatusReply,
  type ListVersionView,
  type ListVersionsRequest,
} from '#contracts';
import { DomainError, MESSAGE_BUS, reportListAge, type MessageBus } from '#platform';
import type { NewAuditEntry } from '../audit/audit.repository.js';
import {
  assessListChange,
  compareLists,
  listVersionId,
  parseConsolidatedList,
  summariseList,
  type ListChange,
  type ListEntry,
  type ListFingerprint,
  type SanctionsList,
} from '../domain/list/index.js';
import { NameIndex } from '../domain/names/name-index.js';
import type { ListSnapshot } from '../domain/screening/match-verdict.js';
import { RuleSetProvider } from '../rules/rule-set.provider.js';
import { loadScreeningConfig, SCREENING_CONFIG, type ScreeningConfig } from '../screening.config.js';
import { ListVersionsRepository, type StoredListVersion } from './list-versions.repository.js';

const FETCH_TIMEOUT_MS = 60_000;

interface ActiveList {
  snapshot: ListSnapshot;
  sha256: string;
  source: string;
  generatedAt: string | null;
  loadedAt: string;
  counts: ListCounts;
}

/**
 * The UN consolidated list in force. A version is its file's content (SHA-256): the same file again
 * changes nothing, and a different file is a new version even under the same `dateGenerated`. A new
 * file is parsed in full and stored; it is put in force at once only if, against the version in force,
 * it removes no DPRK entry and no more than LIST_MAX_REMOVED_SHARE of the entries. Otherwise it is
 * held as the candidate until an admin confirms or rejects it (both audited). A malformed file is
 * refused; in every case but a confirmation the version in force stays.
 */
@Injectable()
export class SanctionsListService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SanctionsListService.name);
  private active: ActiveList | null = null;
  private lastError: string | null = null;
  private lastRefresh: ListRefreshView | null = null;
  private lastCandidate: StoredListVersion | null = null;
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<ListRefreshReply> | null = null;
  private following: Promise<void> | null = null;
  /** Refreshes and decisions, one at a time in this process (the repository's lock orders them across processes). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly versions: ListVersionsRepository,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(SCREENING_CONFIG) private readonly config: ScreeningConfig,
    private readonly rules: RuleSetProvider,
  ) {}

  async onModuleInit(): Promise<void> {
    reportListAge(() => this.listAgeSeconds());
    await this.loadActive();
    await this.refresh().catch(() => undefined);
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), this.config.SANCTIONS_REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /**
   * Seconds since the list in force was last confirmed current: put in force, or fetched again and
   * found to be the same file. Null with no list in force.
   */
  listAgeSeconds(): number | null {
    if (!this.active) return null;
    const confirmed = [Date.parse(this.active.loadedAt)];
    const last = this.lastRefresh;
    if (last && last.sha256 === this.active.sha256 && (last.outcome === 'unchanged' || last.outcome === 'in_force')) confirmed.push(Date.parse(last.at));
    return Math.max(0, Math.round((Date.now() - Math.max(...confirmed)) / 1000));
  }

  /** The list in force, or null when none could ever be loaded (every verdict is then at least `review`). */
  snapshot(): ListSnapshot | null {
    return this.active?.snapshot ?? null;
  }

  /**
   * The list in force as stored now. Another process of this service may have put a new version in
   * force since this one loaded its copy (its refresh, an admin's confirmation it answered): every
   * screen asks first (one read of the version in force), and a version another process put in
   * force is loaded once, however many requests ask meanwhile. When the store cannot be read, the
   * copy held is used, and the verdicts name its version.
   */
  async current(): Promise<ListSnapshot | null> {
    try {
      const inForce = await this.versions.inState('in_force');
      if (inForce && inForce.sha256 !== this.active?.sha256) {
        this.following ??= this.exclusive(() => this.follow()).finally(() => (this.following = null));
        await this.following;
      }
    } catch (error) {
      this.logger.warn(`cannot read the list in force now; screening with ${this.active?.snapshot.version ?? 'no list'}: ${(error as Error).message}`);
    }
    return this.snapshot();
  }

  /** The list in force as stored now, and the candidate. */
  async status(): Promise<ListStatusReply> {
    await this.current();
    return this.statusAsHeld();
  }

  /** The list this process holds in force, and the candidate (what a refresh or a decision answers, from within the queue). */
  private async statusAsHeld(): Promise<ListStatusReply> {
    const candidate = await this.candidate();
    return {
      version: this.active?.snapshot.version ?? null,
      sha256: this.active?.sha256 ?? null,
      source: this.active?.source ?? null,
      generatedAt: this.active?.generatedAt ?? null,
      loadedAt: this.active?.loadedAt ?? null,
      counts: this.active?.counts ?? null,
      lastError: this.lastError,
      lastRefresh: this.lastRefresh,
      candidate: candidate ? view(candidate) : null,
    };
  }

  /** The held candidate as stored; if the store cannot be read, the one last read (the version in force is in memory anyway). */
  private async candidate(): Promise<StoredListVersion | null> {
    try {
      this.lastCandidate = await this.versions.inState('candidate');
    } catch (error) {
      this.logger.warn(`cannot read the list candidate now, showing the last one read: ${(error as Error).message}`);
    }
    return this.lastCandidate;
  }

  async listVersions(req: ListVersionsRequest): Promise<ListVersionView[]> {
    return (await this.versions.list(req)).map(view);
  }

  /** Fetches the list again (from SANCTIONS_LIST_PATH as set now, else the URL); a bad file is refused with VALIDATION_FAILED. */
  refresh(): Promise<ListRefreshReply> {
    this.refreshing ??= this.exclusive(() => this.doRefresh()).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** An admin's decision on the held candidate: confirming puts it in force, rejecting keeps the version in force. Both are audited. */
  decide(req: DecideListCandidateRequest): Promise<ListStatusReply> {
    return this.exclusive(() => this.doDecide(req));
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async doRefresh(): Promise<ListRefreshReply> {
    const { SANCTIONS_LIST_PATH, SANCTIONS_LIST_URL, LIST_MAX_REMOVED_SHARE } = loadScreeningConfig();
    const source = SANCTIONS_LIST_PATH ?? SANCTIONS_LIST_URL;
    let bytes: Buffer;
    try {
      bytes = SANCTIONS_LIST_PATH ? await readFile(SANCTIONS_LIST_PATH) : await download(SANCTIONS_LIST_URL);
    } catch (error) {
      return this.fail(`cannot read the list from ${source}: ${(error as Error).message}`, ErrorCode.UNAVAILABLE);
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const known = await this.versions.bySha(sha256);
    if (known && known.state !== 'superseded' && known.state !== 'withdrawn') return this.knownFile(known);

    let list: SanctionsList;
    try {
      list = parseConsolidatedList(bytes.toString('utf8'));
    } catch (error) {
      return this.fail(`list from ${source} rejected: ${(error as Error).message}; version ${this.active?.snapshot.version ?? 'none'} stays in force`, ErrorCode.VALIDATION_FAILED);
    }
    const assessment = assessListChange(this.fingerprint(), { version: list.version, sha256, entries: list.entries }, { maxRemovedShare: LIST_MAX_REMOVED_SHARE });
    if (assessment.decision === 'unchanged') return this.reply('unchanged', { version: this.active!.snapshot.version, sha256 }, 'the file is the version in force');
    const counts = summariseList(list);

    const result = await this.versions.transaction(async (tx) => {
      const inForce = await tx.inState('in_force');
      if ((inForce?.sha256 ?? null) !== (this.active?.sha256 ?? null)) return { raced: true as const };
      const existing = await tx.bySha(sha256);
      if (existing && existing.state !== 'superseded' && existing.state !== 'withdrawn') return { raced: true as const };
      const fresh = { version: listVersionId(list.version, sha256, await tx.dateTaken(list.version)), sha256, source, generatedAt: list.generatedAt, counts };
      if (assessment.decision === 'in_force') {
        const row = existing ? await tx.putInForce(existing.id, null) : await tx.insert(fresh, list.entries, 'in_force', null);
        return { raced: false as const, row, reasons: assessment.reasons };
      }
      const held = { at: new Date().toISOString(), reasons: assessment.reasons, change: assessment.change };
      const row = existing ? await tx.hold(existing.id, held) : await tx.insert(fresh, list.entries, 'candidate', held);
      await tx.appendAudit([this.heldEntry(row, inForce!, assessment.change, assessment.reasons)]);
      return { raced: false as const, row, reasons: assessment.reasons };
    });
    this.lastError = null;
    if (result.raced) {
      // Another process changed the list meanwhile: take its version in force and report this file as it now stands.
      await this.loadActive();
      const now = await this.versions.bySha(sha256);
      return now ? this.knownFile(now) : this.reply('unchanged', { version: list.version, sha256 }, 'the list changed meanwhile in another process; refresh again');
    }
    const { row, reasons } = result;
    if (row.state === 'in_force') {
      this.putInForce(row, list.entries);
      return this.reply('in_force', row, `${row.version} in force: ${reasons.join('; ')}`);
    }
    const message = `${row.version} (sha256 ${row.sha256}) held for an admin: ${reasons.join('; ')}; version ${this.active?.snapshot.version ?? 'none'} stays in force`;
    this.logger.warn(message);
    return this.reply('held', row, message);
  }

  /** A file already stored: in force (nothing to do), the candidate (still waiting), or rejected by an admin. */
  private async knownFile(known: StoredListVersion): Promise<ListRefreshReply> {
    this.lastError = null;
    if (known.state === 'in_force') {
      if (this.active?.sha256 !== known.sha256) await this.loadActive();
      return this.reply('unchanged', known, `${known.version} is the version in force`);
    }
    if (known.state === 'candidate') {
      return this.reply('held', known, `${known.version} is already held for an admin since ${known.held?.at}; version ${this.active?.snapshot.version ?? 'none'} stays in force`);
    }
    return this.reply(
      'rejected',
      known,
      `${known.version} was rejected by ${known.decidedBy} at ${known.decidedAt}; version ${this.active?.snapshot.version ?? 'none'} stays in force`,
    );
  }

  private async doDecide(req: DecideListCandidateRequest): Promise<ListStatusReply> {
    const confirm = req.decision === 'confirm';
    const decided = await this.versions.transaction(async (tx) => {
      const candidate = await tx.bySha(req.sha256);
      if (!candidate) throw DomainError.notFound('List version with sha256', req.sha256);
      if (candidate.state !== 'candidate') {
        throw new DomainError(ErrorCode.CONFLICT, `List version ${candidate.version} is ${candidate.state}: only the held candidate can be confirmed or rejected`);
      }
      const inForce = await tx.inState('in_force');
      const change = inForce
        ? compareLists(
            { version: inForce.version, sha256: inForce.sha256, entries: await tx.references(inForce.id) },
            { version: candidate.version, sha256: candidate.sha256, entries: await tx.references(candidate.id) },
          )
        : null;
      const row = confirm ? await tx.putInForce(candidate.id, { by: req.actor, note: req.note }) : await tx.reject(candidate.id, req.actor, req.note);
      await tx.appendAudit([this.decisionEntry(row, inForce, change, candidate.held?.reasons ?? [], req)]);
      return { row, entries: confirm ? await tx.entries(candidate.id) : null };
    });
    if (decided.entries) {
      this.putInForce(decided.row, decided.entries);
      this.logger.warn(`${decided.row.version} (sha256 ${decided.row.sha256}) confirmed by ${req.actor} and put in force`);
    } else {
      this.logger.log(`${decided.row.version} (sha256 ${decided.row.sha256}) rejected by ${req.actor}; version ${this.active?.snapshot.version ?? 'none'} stays in force`);
    }
    return this.statusAsHeld();
  }

  /** Takes the version in force that another process put in force, unless this one has taken it meanwhile. */
  private async follow(): Promise<void> {
    const row = await this.versions.inState('in_force');
    if (!row || row.sha256 === this.active?.sha256) return;
    const previous = this.active?.snapshot.version ?? 'none';
    this.install(await this.versions.entries(row.id), row);
    this.logger.log(`sanctions list ${row.version} in force, put in force by another process (sha256 ${row.sha256}, was ${previous})`);
  }

  private async loadActive(): Promise<void> {
    const row = await this.versions.inState('in_force');
    if (!row) return;
    this.install(await this.versions.entries(row.id), row);
  }

  private putInForce(row: StoredListVersion, entries: ListEntry[]): void {
    const previous = this.active?.snapshot.version ?? null;
    this.install(entries, row);
    this.logger.log(`sanctions list ${row.version} in force (${entries.length} entries, sha256 ${row.sha256}, was ${previous ?? 'none'})`);
    if (previous !== row.version) {
      this.bus.emit(ScreeningSubjects.versionsChanged, { listVersion: row.version, rulesVersion: this.rules.ruleSet().version });
    }
  }

  private install(entries: ListEntry[], row: StoredListVersion): void {
    const index = new NameIndex();
    for (const e of entries) index.add({ id: e.referenceNumber, type: e.type, origin: e.nationalities[0] ?? e.regime, names: e.names });
    index.prepare();
    this.active = {
      snapshot: { version: row.version, index, entries: new Map(entries.map((e) => [e.referenceNumber, e])) },
      sha256: row.sha256,
      source: row.source,
      generatedAt: row.generatedAt,
      loadedAt: row.loadedAt,
      counts: row.counts,
    };
  }

  private fingerprint(): ListFingerprint | null {
    if (!this.active) return null;
    return { version: this.active.snapshot.version, sha256: this.active.sha256, entries: this.active.snapshot.entries.values() };
  }

  private async reply(outcome: ListRefreshOutcome, file: { version: string; sha256: string }, message: string): Promise<ListRefreshReply> {
    this.lastRefresh = { outcome, version: file.version, sha256: file.sha256, at: new Date().toISOString(), message };
    return { ...(await this.statusAsHeld()), outcome };
  }

  private heldEntry(row: StoredListVersion, inForce: StoredListVersion, change: ListChange, reasons: string[]): NewAuditEntry {
    return {
      kind: 'list.held',
      verdict: null,
      ruleIds: [],
      listReferences: change.removedDprk,
      listVersion: row.version,
      rulesVersion: null,
      actor: 'screening',
      inputs: { version: row.version, sha256: row.sha256, source: row.source, inForce: { version: inForce.version, sha256: inForce.sha256 } },
      details: { reasons, ...changeDetails(change), counts: row.counts },
    };
  }

  private decisionEntry(
    row: StoredListVersion,
    inForce: StoredListVersion | null,
    change: ListChange | null,
    heldBecause: string[],
    req: DecideListCandidateRequest,
  ): NewAuditEntry {
    const confirm = req.decision === 'confirm';
    const before = inForce ? { version: inForce.version, sha256: inForce.sha256 } : null;
    return {
      kind: confirm ? 'list.confirmed' : 'list.rejected',
      verdict: null,
      ruleIds: [],
      listReferences: change?.removedDprk ?? [],
      listVersion: row.version,
      rulesVersion: null,
      actor: req.actor,
      inputs: { version: row.version, sha256: row.sha256, ...(confirm ? { replaces: before } : { inForce: before }), ...(req.note ? { note: req.note } : {}) },
      details: { ...(change ? changeDetails(change) : {}), heldBecause, counts: row.counts },
    };
  }

  private fail(message: string, code: ErrorCode): never {
    this.lastError = message;
    this.logger.error(message);
    throw new DomainError(code, message);
  }
}

function changeDetails(change: ListChange) {
  return { removed: change.removed, removedShare: change.removedShare, added: change.added, removedDprk: change.removedDprk };
}

function view({ id: _id, ...version }: StoredListVersion): ListVersionView {
  return version;
}

async function download(url: string): Promise<Buffer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}
