import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import {
  CompaniesSubjects,
  CompanyEventType,
  OpportunityEventType,
  SECTOR_IDS,
  sectorSubjects,
  type CompanyView,
  type OpportunitySummary,
  type OutboxEvent,
  type ReadOutboxReply,
  type RequestSubject,
} from '#contracts';
import { CoalescingRunner, MESSAGE_BUS, Metrics, type MessageBus } from '#platform';
import { Transactions } from '../database/transactions.js';
import { DecisionSync } from '../decisions/decision-sync.service.js';
import { LeadsService } from '../leads/leads.service.js';
import { MATCHING_CONFIG, type MatchingConfig } from '../matching.config.js';
import { EventApplier, type DecidedOpportunities, type RankedCompanies } from './event-applier.service.js';
import { ProjectionsRepository } from './projections.repository.js';

interface Source {
  name: string;
  read: RequestSubject;
  apply(event: OutboxEvent): Promise<void>;
  /**
   * Applies a run of upserts together, when the source can, in two halves: `prepare` writes nothing
   * (so the next run is prepared while this one is written), `store` writes in the transaction.
   */
  upserts?: { type: string; prepare(events: OutboxEvent[]): Promise<unknown>; store(prepared: unknown): Promise<void> };
}

/** Events applied in one transaction when a source has a backlog of upserts. */
const UPSERT_RUN = 50;
/** Runs ranked and screened ahead of the one being written. */
const PIPELINE_DEPTH = 2;

const REFILL_BATCH = 100;
const RESCREEN_BATCH = 1000;
const VERSION_SYNC_MS = 10_000;

/**
 * Follows the outboxes of the companies and sectors services. Each event is applied in the same
 * transaction that advances the source's cursor, so a crash replays at most the event in flight and
 * applying is idempotent (versions). Hints wake it at once; a poll catches whatever a hint missed,
 * including everything written while this service was down.
 */
@Injectable()
export class OutboxFollowerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxFollowerService.name);
  private readonly sources: Source[];
  private cursors: Record<string, number> = {};
  /** Each source's outbox head when last read: the lag is the head less the cursor. */
  private heads: Record<string, number> = {};
  private readonly runner = new CoalescingRunner(() => this.pass());
  private timer: NodeJS.Timeout | undefined;
  private lastVersionSync = 0;

  constructor(
    private readonly applier: EventApplier,
    private readonly decisions: DecisionSync,
    private readonly leads: LeadsService,
    private readonly projections: ProjectionsRepository,
    private readonly tx: Transactions,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(MATCHING_CONFIG) private readonly config: MatchingConfig,
  ) {
    // Opportunities first: a service catching up then scores each company once against the whole
    // catalogue, instead of fanning every opportunity out to companies it will score again anyway.
    this.sources = [
      ...SECTOR_IDS.map((sector) => ({
        name: `sectors.${sector}`,
        read: sectorSubjects(sector).outboxRead,
        apply: (e: OutboxEvent) =>
          e.type === OpportunityEventType.DELETED ? this.applier.removeOpportunity(e.aggregateId) : this.applier.applyOpportunity(e.payload as OpportunitySummary),
        upserts: {
          type: OpportunityEventType.UPSERTED,
          prepare: (events: OutboxEvent[]) => this.applier.decideOpportunities(events.map((e) => e.payload as OpportunitySummary)),
          store: (decided: unknown) => this.applier.storeOpportunities(decided as DecidedOpportunities),
        },
      })),
      {
        name: 'companies',
        read: CompaniesSubjects.outboxRead,
        apply: async (e) => {
          if (e.type !== CompanyEventType.DELETED) return this.applier.applyCompanies([e.payload as CompanyView]);
          await this.applier.removeCompany(e.aggregateId);
          this.leads.removed(e.aggregateId);
        },
        upserts: {
          type: CompanyEventType.UPSERTED,
          prepare: (events) => this.applier.rankCompanies(events.map((e) => e.payload as CompanyView)),
          store: (ranked) => this.applier.storeCompanies(ranked as RankedCompanies),
        },
      },
    ];
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.applier.load();
    this.cursors = await this.projections.cursors();
    this.schedule();
    this.wake();
  }

  /** Before the listener and the database close: the run being written commits (or rolls back, its cursor with it). */
  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    await this.runner.stop();
  }

  /** Asks for a pass over every source now (or right after the pass under way). */
  wake(): void {
    this.runner.wake();
  }

  private reportLag(source: string): void {
    Metrics.eventLag.set({ source }, Math.max(0, (this.heads[source] ?? 0) - (this.cursors[source] ?? 0)));
  }

  /** Sources read so far and their positions. */
  status(): Record<string, number> {
    return { ...this.cursors };
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.wake();
      if (!this.runner.stopped) this.schedule();
    }, this.config.OUTBOX_POLL_MS);
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    try {
      // The versions in force first: a party decided under them is not screened again.
      if (Date.now() - this.lastVersionSync > VERSION_SYNC_MS) {
        await this.decisions.syncVersions();
        this.lastVersionSync = Date.now();
      }
    } catch (error) {
      this.logger.warn({ msg: 'cannot learn the screening versions now; will retry', error: (error as Error).message });
    }
    for (const source of this.sources) {
      if (this.runner.stopped) return;
      try {
        await this.drain(source);
      } catch (error) {
        this.logger.warn({ msg: `cannot follow ${source.name} now; will retry`, error: (error as Error).message });
      }
    }
    Metrics.backlog.set({ kind: 'refills' }, this.applier.pendingRefills);
    if (this.applier.pendingRefills && !this.runner.stopped) {
      const left = await this.applier.refillSome(REFILL_BATCH);
      if (left) this.runner.again();
    }
    if (this.runner.stopped) return;
    try {
      if ((await this.decisions.rescreenSome(RESCREEN_BATCH)) > 0) this.runner.again();
    } catch (error) {
      this.logger.warn({ msg: 'cannot screen parties again now; will retry', error: (error as Error).message });
    }
  }

  /** The screening service has a new list or rules version: check at the next pass. */
  screeningChanged(): void {
    this.lastVersionSync = 0;
    this.wake();
  }

  /**
   * Applies a source's events after its cursor, in order, as a pipeline: while one run is written,
   * the next `PIPELINE_DEPTH` runs are ranked and screened (no writes) and the next page of the
   * outbox is read, so a backlog keeps screening and the database busy at once.
   */
  private async drain(source: Source): Promise<void> {
    const upserts = source.upserts;
    const isUpserts = (run: OutboxEvent[]) => upserts !== undefined && run[0].type === upserts.type;
    const pending = this.runsAfter(source);
    const ahead: { run: OutboxEvent[]; prepared?: Promise<Settled<unknown>> }[] = [];
    const fill = async () => {
      while (ahead.length <= PIPELINE_DEPTH) {
        const next = await pending.next();
        if (next.done) return;
        ahead.push({ run: next.value, prepared: isUpserts(next.value) ? settled(upserts!.prepare(next.value)) : undefined });
      }
    };
    await fill();
    while (ahead.length) {
      const { run, prepared } = ahead.shift()!;
      const value = prepared ? unsettle(await prepared) : undefined;
      const filling = fill();
      const last = run[run.length - 1].seq;
      try {
        await this.tx.run(async () => {
          if (isUpserts(run)) await upserts!.store(value);
          else await source.apply(run[0]);
          await this.projections.advanceCursor(source.name, last);
        });
      } catch (error) {
        // What was read ahead settles before the pass gives up, so no request outlives it.
        await filling.catch(() => undefined);
        throw error;
      }
      this.cursors[source.name] = last;
      this.reportLag(source.name);
      await filling;
    }
  }

  /** The source's events after its cursor as runs, reading the outbox a page at a time as they are taken. */
  private async *runsAfter(source: Source): AsyncGenerator<OutboxEvent[]> {
    let after = this.cursors[source.name] ?? 0;
    for (;;) {
      const { events, head } = (await this.bus.request(source.read, { after, limit: this.config.OUTBOX_BATCH })) as ReadOutboxReply;
      this.heads[source.name] = head;
      this.reportLag(source.name);
      if (!events.length) return;
      yield* runs(events, source.upserts?.type);
      after = events[events.length - 1].seq;
      // A page may stop short of the limit to stay under the message size: read on until the head.
      if (after >= head) return;
    }
  }
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that never rejects, so work started ahead is not an unhandled rejection if it is never awaited. */
function settled<T>(work: Promise<T>): Promise<Settled<T>> {
  return work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function unsettle<T>(result: Settled<T>): T {
  if (!result.ok) throw result.error;
  return result.value;
}

/** Splits events into runs: consecutive events of `batchable` type (up to UPSERT_RUN) together, any other event alone. */
function runs(events: OutboxEvent[], batchable: string | undefined): OutboxEvent[][] {
  const out: OutboxEvent[][] = [];
  for (const event of events) {
    const current = out[out.length - 1];
    if (batchable && event.type === batchable && current && current[0].type === batchable && current.length < UPSERT_RUN) current.push(event);
    else out.push([event]);
  }
  return out;
}
