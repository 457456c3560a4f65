import { Inject, Injectable } from '@nestjs/common';
import { matchingPartitionSubjects, type MatchingStatusReply } from '#contracts';
import { MESSAGE_BUS, type MessageBus } from '#platform';
import { PartyDecisions } from '../decisions/party-decisions.service.js';
import { EventIngestService } from '../ingest/event-ingest.service.js';
import { LeadStore } from '../leads/lead-store.js';
import { CandidateIndex } from '../ranking/candidate-index.js';
import { PartitionOwnership } from './partition-ownership.js';

/** What matching holds and has still to take: this replica's own, or every replica's summed. */
@Injectable()
export class MatchingStatus {
  constructor(
    private readonly ownership: PartitionOwnership,
    private readonly ingest: EventIngestService,
    private readonly index: CandidateIndex,
    private readonly leads: LeadStore,
    private readonly decisions: PartyDecisions,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  async own(): Promise<MatchingStatusReply> {
    const { leads, prohibited } = this.leads.size;
    const { companies, opportunities } = this.index.size;
    return {
      replicas: [
        {
          replica: this.ownership.replica,
          replicas: this.ownership.replicas,
          ready: this.ownership.ready,
          partitions: [...this.ownership.partitions],
          companies,
          matches: leads + prohibited,
          rssBytes: process.memoryUsage.rss(),
        },
      ],
      cursors: this.ingest.status(),
      // While it loads, its consumers may not exist yet: nothing is said of them but `ready: false`.
      pending: this.ownership.ready ? await this.ingest.pending() : {},
      companies,
      opportunities,
      matches: leads + prohibited,
      leads,
      prohibited,
      decisionsDue: this.decisions.dueCount(),
    };
  }

  /** Every replica's status, summed; fails (UNAVAILABLE, TIMEOUT) if a replica cannot answer. */
  async all(): Promise<MatchingStatusReply> {
    const others = Array.from({ length: this.ownership.replicas }, (_, i) => i).filter((i) => i !== this.ownership.replica);
    // Replica i owns partition i: the status subject of partition i is replica i's own.
    const replies = await Promise.all([this.own(), ...others.map((i) => this.bus.request(matchingPartitionSubjects(i).status, {}))]);
    return replies.reduce(sum);
  }
}

function sum(a: MatchingStatusReply, b: MatchingStatusReply): MatchingStatusReply {
  const merge = (x: Record<string, number>, y: Record<string, number>, f: (p: number, q: number) => number) => {
    const out = { ...x };
    for (const [k, v] of Object.entries(y)) out[k] = k in out ? f(out[k]!, v) : v;
    return out;
  };
  return {
    replicas: [...(a.replicas ?? []), ...(b.replicas ?? [])].sort((x, y) => x.replica - y.replica),
    // Every replica applies every opportunity event: a sector's cursor is the lowest any has reached.
    // Each applies its own partitions' company events: the companies cursor is the highest.
    cursors: Object.fromEntries(
      Object.keys({ ...a.cursors, ...b.cursors }).map((source) => {
        const [x, y] = [a.cursors[source] ?? 0, b.cursors[source] ?? 0];
        return [source, source === 'companies' ? Math.max(x, y) : Math.min(x, y)];
      }),
    ),
    pending: merge(a.pending, b.pending, (p, q) => p + q),
    companies: a.companies + b.companies,
    // Every replica holds the whole catalogue.
    opportunities: Math.max(a.opportunities, b.opportunities),
    matches: a.matches + b.matches,
    leads: a.leads + b.leads,
    prohibited: a.prohibited + b.prohibited,
    decisionsDue: a.decisionsDue + b.decisionsDue,
  };
}
