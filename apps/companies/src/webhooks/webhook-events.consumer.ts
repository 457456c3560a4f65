import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import {
  IntroductionEvents,
  IntroductionEventType,
  LeadEvents,
  LeadEventType,
  type IntroductionDecidedEvent,
  type LeadsCreatedEvent,
  type LeadsVerdictChangedEvent,
  type OutboxEvent,
  type WebhookEventType,
} from '#contracts';
import { EVENT_LOG, type ConsumerSpec, type EventLog, type LoggedEvent, type Subscription } from '#platform';
import { WebhookDeliveryWorker } from './webhook-delivery.worker.js';
import { introductionDecidedEvents, matchCreatedEvents, matchVerdictChangedEvents } from './webhook-payloads.js';
import { WebhookQueueRepository, type WebhookEvent } from './webhook-queue.repository.js';

/** Shared by every companies replica: the log hands each event to one of them. */
const LEADS_DURABLE = 'companies-webhooks-leads';
const INTRODUCTIONS_DURABLE = 'companies-webhooks-introductions';
const CONSUMER = { maxDeliver: 20, batch: 50, backoffMs: [500, 2_000, 10_000, 60_000] };

/**
 * Turns matching's lead events and screening's introduction events into webhook deliveries. Each
 * event is enqueued in its own transaction — one delivery per subscribed active endpoint of its
 * partner and lead — and acknowledged only after the batch committed: a crash between the two
 * hands the event again, and the deliveries' unique key stores nothing twice.
 */
@Injectable()
export class WebhookEventsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookEventsConsumer.name);
  private subscriptions: Subscription[] = [];

  constructor(
    private readonly queue: WebhookQueueRepository,
    private readonly worker: WebhookDeliveryWorker,
    @Inject(EVENT_LOG) private readonly log: EventLog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.log.ensureStream({ name: LeadEvents.stream, subjects: [...LeadEvents.subjects] });
    await this.log.ensureStream({ name: IntroductionEvents.stream, subjects: [...IntroductionEvents.subjects] });
    const spec = (stream: string, durable: string, filter: string): ConsumerSpec => ({ stream, durable, filter, ...CONSUMER });
    this.subscriptions = [
      await this.log.consume(spec(LeadEvents.stream, LEADS_DURABLE, LeadEvents.all), (events) => this.handle(events)),
      await this.log.consume(spec(IntroductionEvents.stream, INTRODUCTIONS_DURABLE, IntroductionEvents.decided), (events) => this.handle(events)),
    ];
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.stop()));
  }

  /** Enqueues each event of a batch in its own transaction; a failure leaves the batch to the log's retry. */
  async handle(events: readonly LoggedEvent[]): Promise<void> {
    let stored = 0;
    for (const logged of events) {
      const source = deliveriesOf(logged);
      if (!source) {
        this.logger.warn(`Passing over event ${logged.id} on ${logged.subject}: not one webhooks are sent for`);
        continue;
      }
      stored += await this.queue.transaction((db) => this.queue.enqueue(db, source.partnerId, source.type, source.occurredAt, source.events));
    }
    if (stored) this.worker.wake();
  }
}

interface Source {
  partnerId: string;
  type: WebhookEventType;
  occurredAt: string;
  events: WebhookEvent[];
}

function deliveriesOf(logged: LoggedEvent): Source | null {
  const event = logged.payload as OutboxEvent;
  if (event.type === LeadEventType.CREATED) {
    const created = event as LeadsCreatedEvent;
    return { partnerId: created.payload.partnerId, type: 'match.created', occurredAt: event.occurredAt, events: matchCreatedEvents(created) };
  }
  if (event.type === LeadEventType.VERDICT_CHANGED) {
    const changed = event as LeadsVerdictChangedEvent;
    return { partnerId: changed.payload.partnerId, type: 'match.verdict_changed', occurredAt: event.occurredAt, events: matchVerdictChangedEvents(changed) };
  }
  if (event.type === IntroductionEventType.DECIDED) {
    const decided = event as IntroductionDecidedEvent;
    return { partnerId: decided.payload.partnerId, type: 'introduction.decided', occurredAt: event.occurredAt, events: introductionDecidedEvents(decided) };
  }
  return null;
}
