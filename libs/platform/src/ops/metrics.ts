import { collectDefaultMetrics, Counter, Gauge, Histogram, register } from 'prom-client';

/**
 * The process's Prometheus metrics, served at `/metrics`. Every platform metric carries the
 * service that records it, so the embedded default (every service in one process) serves them all
 * apart, and a deployment scrapes each service's own port.
 */
export const metricsRegistry = register;

let defaultsCollected = false;
let listAgeSource: (() => number | null) | undefined;

/** Where the list age is read at each scrape (the screening service's list in force). */
export function reportListAge(source: () => number | null): void {
  listAgeSource = source;
}

/** Process metrics (CPU, memory, event-loop lag, GC), once per process. */
export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ register: metricsRegistry, prefix: 'tumen_' });
}

const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const Metrics = {
  /** Requests a service answered over NATS (or in process), by subject and outcome (`ok` or the error code). */
  rpc: new Histogram({
    name: 'tumen_rpc_request_duration_seconds',
    help: 'Time to answer a request, by service, subject and outcome (ok or the error code)',
    labelNames: ['service', 'subject', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
  }),
  /** REST requests the gateway answered, by method, route pattern and status. */
  http: new Histogram({
    name: 'tumen_http_request_duration_seconds',
    help: 'Time to answer a REST request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
  }),
  /** Events a durable consumer of matching has not acknowledged yet. */
  eventLag: new Gauge({
    name: 'tumen_matching_event_lag',
    help: 'Events stored in the event log and not yet applied and acknowledged by a matching consumer, by consumer',
    labelNames: ['consumer'] as const,
  }),
  /** Outbox rows a relay published to the event log. */
  relayPublished: new Counter({
    name: 'tumen_outbox_relay_published_total',
    help: 'Outbox rows published to the event log by this process, by stream',
    labelNames: ['stream'] as const,
  }),
  /** Work matching holds back: companies waiting to refill their lead slots. */
  backlog: new Gauge({
    name: 'tumen_matching_backlog',
    help: 'Work matching has not done yet, by kind (refills: companies whose freed lead slots wait to be refilled)',
    labelNames: ['kind'] as const,
  }),
  /** Seconds since the list in force was last confirmed current (loaded, or fetched again and found unchanged); absent with no list. */
  listAge: new Gauge({
    name: 'tumen_screening_list_age_seconds',
    help: 'Seconds since the sanctions list in force was last confirmed current (put in force, or fetched again and found unchanged)',
    collect() {
      const age = listAgeSource?.();
      if (age === undefined || age === null) this.reset();
      else this.set(age);
    },
  }),
  /** Party decisions screening made, by party and verdict. */
  decisions: new Counter({
    name: 'tumen_screening_decisions_total',
    help: 'Party decisions made by screening, by party (company, opportunity) and verdict',
    labelNames: ['party', 'verdict'] as const,
  }),
  /** Requests in flight in this process. */
  inFlight: new Gauge({
    name: 'tumen_requests_in_flight',
    help: 'Requests being answered by this process, by service',
    labelNames: ['service'] as const,
  }),
};
