import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import {
  CompanyEvents,
  CompanyEventType,
  OpportunityEvents,
  OpportunityEventType,
  type CompanyView,
  type OpportunitySummary,
  type OutboxEvent,
} from '#contracts';
import { CoalescingRunner, EVENT_LOG, Metrics, type ConsumerSpec, type EventLog, type LoggedEvent, type Subscription } from '#platform';
import { Transactions } from '../database/transactions.js';
import { DecisionSync } from '../decisions/decision-sync.service.js';
import { LeadsService } from '../leads/leads.service.js';
import { MATCHING_CONFIG, ownedPartitions, type MatchingConfig } from '../matching.config.js';
import { PartitionOwnership } from '../partitions/partition-ownership.js';
import { EventApplier, type DecidedOpportunities, type RankedCompanies } from './event-applier.service.js';
import { ProjectionsRepository } from './projections.repository.js';

type Kind = 'company' | 'opportunity';

/** A batch a consumer handed over, settled once every event of it is applied and committed (or one of them failed). */
interface Delivery {
  kind: Kind;
  events: OutboxEvent[];
  /** Runs still to commit that hold some of its events. */
  open: number;
  failed: boolean;
  resolve(): void;
  reject(error: unknown): void;
}

/** Events applied in one transaction: a run of upserts of one kind, or one deletion. */
interface Run {
  kind: Kind;
  upserts: boolean;
  events: OutboxEvent[];
  deliveries: Set<Delivery>;
}

/** Upserts applied in one transaction. */
const UPSERT_RUN = 50;
/** Runs ranked and screened ahead of the one being written. */
const PIPELINE_DEPTH = 2;
const REFILL_BATCH = 100;
const RESCREEN_BATCH = 1000;
const VERSION_SYNC_MS = 10_000;
/** Opportunity events waiting beyond which company events wait for them (a catalogue being caught up, not a straggler). */
const OPPORTUNITY_BACKLOG = 100;
const HELD_RETRY_MS = 50;

/**
 * Takes the company and opportunity events from the event log's durable consumers and applies them,
 * one run at a time, with the work that keeps matches current (the versions in force, refills,
 * screening again). A consumer's batch is acknowledged only once the transaction that applied it
 * committed: a crash loses nothing, and what was applied and not yet acknowledged comes again,
 * applied again idempotently (versions, and the ids of deleted parties).
 *
 * It consumes every opportunity event (its own durable consumers, per replica) and the company
 * events of the partitions this replica owns, one durable consumer per partition: the consumer of a
 * partition is the same whichever replica owns it, so a new owner goes on where the last one
 * stopped. Opportunities go first: a backlog then scores each
 * company once against the whole catalogue instead of fanning every opportunity out to companies
 * it will score again anyway.
 */
@Injectable()
export class EventIngestService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EventIngestService.name);
  private readonly queue: Delivery[] = [];
  private readonly runner = new CoalescingRunner(() => this.pass());
  private subscriptions: Subscription[] = [];
  private readonly consumers: ConsumerSpec[];
  /** The highest outbox sequence applied from each source. */
  private cursors: Record<string, number> = {};
  private timer: NodeJS.Timeout | undefined;
  private lastVersionSync = 0;
  private lastLagReport = 0;
  private stopping = false;

  constructor(
    private readonly applier: EventApplier,
    private readonly decisions: DecisionSync,
    private readonly leads: LeadsService,
    private readonly projections: ProjectionsRepository,
    private readonly tx: Transactions,
    private readonly ownership: PartitionOwnership,
    @Inject(EVENT_LOG) private readonly log: EventLog,
    @Inject(MATCHING_CONFIG) private readonly config: MatchingConfig,
  ) {
    const consumer = (stream: string, durable: string, filter: string): ConsumerSpec => ({
      stream,
      durable,
      filter,
      maxDeliver: config.EVENT_MAX_DELIVER,
      batch: config.EVENT_BATCH,
      backoffMs: config.EVENT_BACKOFF_MS,
    });
    this.consumers = [
      consumer(OpportunityEvents.stream, `matching-opportunities-r${config.MATCHING_REPLICA}`, OpportunityEvents.allUpserted),
      consumer(OpportunityEvents.stream, `matching-opportunity-deletions-r${config.MATCHING_REPLICA}`, OpportunityEvents.allDeleted),
      ...ownedPartitions(config).map((p) => consumer(CompanyEvents.stream, `matching-companies-p${p}`, CompanyEvents.ofPartition(p))),
    ];
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.applier.load();
    this.cursors = await this.projections.cursors();
    await this.log.ensureStream({ name: OpportunityEvents.stream, subjects: [...OpportunityEvents.subjects] });
    await this.log.ensureStream({ name: CompanyEvents.stream, subjects: [...CompanyEvents.subjects] });
    for (const spec of this.consumers) {
      const kind: Kind = spec.stream === CompanyEvents.stream ? 'company' : 'opportunity';
      this.subscriptions.push(await this.log.consume(spec, (events) => this.hand(kind, events)));
    }
    // Loaded, and every consumer there: reads and the status may be answered now.
    this.ownership.markLoaded();
    this.schedule();
    this.wake();
  }

  /** The consumers stop first (each waits for its batch in hand to be applied), then the runner. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await Promise.all(this.subscriptions.map((s) => s.stop()));
    await this.runner.stop();
  }

  /** Asks for a pass now (or right after the pass under way). */
  wake(): void {
    this.runner.wake();
  }

  /** The screening service has a new list or rules version: check at the next pass. */
  screeningChanged(): void {
    this.lastVersionSync = 0;
    this.wake();
  }

  /** The highest outbox sequence applied from each source. */
  status(): Record<string, number> {
    return { ...this.cursors };
  }

  /** Events each consumer has not acknowledged yet. */
  async pending(): Promise<Record<string, number>> {
    const states = await Promise.all(this.consumers.map((c) => this.log.consumerState(c.stream, c.durable)));
    for (const s of states) Metrics.eventLag.set({ consumer: s.durable }, s.pending);
    return Object.fromEntries(states.map((s) => [s.durable, s.pending]));
  }

  /** A consumer's batch: queued for the runner, settled when applied. */
  private hand(kind: Kind, events: LoggedEvent[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ kind, events: events.map((e) => e.payload as OutboxEvent), open: 0, failed: false, resolve, reject });
      this.wake();
    });
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.wake();
      if (Date.now() - this.lastLagReport > VERSION_SYNC_MS) {
        this.lastLagReport = Date.now();
        void this.pending().catch(() => undefined);
      }
      if (!this.runner.stopped) this.schedule();
    }, this.config.MATCHING_POLL_MS);
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
    if ((await this.drain()) === 'held') {
      // Company events wait for the opportunity backlog; its next batch wakes the runner, or this does.
      setTimeout(() => this.wake(), HELD_RETRY_MS).unref();
      return;
    }
    Metrics.backlog.set({ kind: 'refills' }, this.applier.pendingRefills);
    if (this.applier.pendingRefills && !this.runner.stopped) {
      const left = await this.applier.refillSome(REFILL_BATCH);
      if (left) this.runner.again();
    }
    if (this.runner.stopped || this.queue.length) return this.runner.again();
    try {
      if ((await this.decisions.rescreenSome(RESCREEN_BATCH)) > 0) this.runner.again();
    } catch (error) {
      this.logger.warn({ msg: 'cannot screen parties again now; will retry', error: (error as Error).message });
    }
  }

  /**
   * Applies what the consumers handed over, as a pipeline: while one run is written, the next
   * `PIPELINE_DEPTH` runs are ranked and screened (no writes), so a backlog keeps screening and the
   * database busy at once. A run that fails fails the batches it holds events of; the log then
   * hands their events one by one, so a bad event is found and parked without holding the rest.
   */
  private async drain(): Promise<'done' | 'held'> {
    while (this.queue.length) {
      const deliveries = await this.takeDeliveries();
      if (!deliveries.length) return 'held';
      const runs = toRuns(deliveries);
      const ahead = runs.map((run) => ({ run, prepared: undefined as Promise<Settled<unknown>> | undefined }));
      const prepare = (i: number) => {
        const next = ahead[i];
        if (next && next.run.upserts && !next.prepared) next.prepared = settled(this.prepare(next.run));
      };
      for (let i = 0; i <= PIPELINE_DEPTH; i++) prepare(i);
      for (const [i, { run, prepared }] of ahead.entries()) {
        prepare(i + PIPELINE_DEPTH);
        try {
          const value = prepared ? unsettle(await prepared) : undefined;
          await this.tx.run(async () => {
            await this.store(run, value);
            for (const [source, seq] of highest(run)) await this.projections.advanceCursor(source, seq);
          });
          for (const [source, seq] of highest(run)) this.cursors[source] = Math.max(this.cursors[source] ?? 0, seq);
          for (const d of run.deliveries) if (--d.open === 0 && !d.failed) d.resolve();
        } catch (error) {
          this.logger.warn({ msg: `cannot apply ${run.events.length} ${run.kind} event(s); the log delivers them again`, error: (error as Error).message });
          for (const d of run.deliveries) {
            d.open--;
            if (!d.failed) {
              d.failed = true;
              d.reject(error);
            }
          }
        }
      }
      // Runs prepared ahead and never stored (none, unless a failure stopped the loop early) still settle.
      await Promise.all(ahead.map((a) => a.prepared));
    }
    return 'done';
  }

  /**
   * What to apply now: every opportunity batch handed over; company batches only once the
   * opportunity consumers have no backlog left (a catch-up then ranks each company once against the
   * whole catalogue instead of fanning each later opportunity out to every company stored before
   * it). Company batches held back wait in the queue, their events kept alive by the log; a few
   * opportunity events waiting (one failing on its backoff, say) hold nothing back.
   */
  private async takeDeliveries(): Promise<Delivery[]> {
    const opportunities = this.queue.filter((d) => d.kind === 'opportunity');
    if (opportunities.length) {
      for (const d of opportunities) this.queue.splice(this.queue.indexOf(d), 1);
      return opportunities;
    }
    // Stopping, the consumers take no more: what is in hand is applied, whatever waits behind.
    if (!this.stopping && (await this.opportunityBacklog()) > OPPORTUNITY_BACKLOG) return [];
    return this.queue.splice(0);
  }

  /** Opportunity events stored and not yet acknowledged (0 when the log cannot say). */
  private async opportunityBacklog(): Promise<number> {
    const opportunityConsumers = this.consumers.filter((c) => c.stream === OpportunityEvents.stream);
    try {
      const states = await Promise.all(opportunityConsumers.map((c) => this.log.consumerState(c.stream, c.durable)));
      return states.reduce((sum, s) => sum + s.pending, 0);
    } catch {
      return 0;
    }
  }

  /** The half of a run of upserts that writes nothing. */
  private prepare(run: Run): Promise<unknown> {
    return run.kind === 'company'
      ? this.applier.rankCompanies(run.events.map((e) => e.payload as CompanyView))
      : this.applier.decideOpportunities(run.events.map((e) => e.payload as OpportunitySummary));
  }

  private async store(run: Run, prepared: unknown): Promise<void> {
    if (run.upserts) {
      if (run.kind === 'company') await this.applier.storeCompanies(prepared as RankedCompanies);
      else await this.applier.storeOpportunities(prepared as DecidedOpportunities);
      return;
    }
    const id = run.events[0]!.aggregateId;
    if (run.kind === 'opportunity') return this.applier.removeOpportunity(id);
    await this.applier.removeCompany(id);
    this.leads.removed(id);
  }
}

function isUpsert(kind: Kind, event: OutboxEvent): boolean {
  return event.type === (kind === 'company' ? CompanyEventType.UPSERTED : OpportunityEventType.UPSERTED);
}

/** Consecutive upserts of one kind (up to UPSERT_RUN) together, each deletion alone; each run knows the batches it holds events of. */
function toRuns(deliveries: readonly Delivery[]): Run[] {
  const runs: Run[] = [];
  for (const delivery of deliveries) {
    for (const event of delivery.events) {
      const upserts = isUpsert(delivery.kind, event);
      let current = runs[runs.length - 1];
      if (!current || !upserts || !current.upserts || current.kind !== delivery.kind || current.events.length >= UPSERT_RUN) {
        current = { kind: delivery.kind, upserts, events: [], deliveries: new Set() };
        runs.push(current);
      }
      current.events.push(event);
      if (!current.deliveries.has(delivery)) {
        current.deliveries.add(delivery);
        delivery.open++;
      }
    }
    if (!delivery.events.length) delivery.resolve();
  }
  return runs;
}

/** The highest outbox sequence of each source in a run: `companies`, or `sectors.<sector>`. */
function highest(run: Run): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of run.events) {
    const source = run.kind === 'company' ? 'companies' : `sectors.${(e.payload as { sector: string }).sector}`;
    out.set(source, Math.max(out.get(source) ?? 0, e.seq));
  }
  return out;
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
