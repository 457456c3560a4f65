import { describe, expect, it } from '@jest/globals';
import { ErrorCode, ScreeningSubjects, type RequestIntroductionRequest, type RequestSubject } from '#contracts';
import { RpcError, type MessageBus } from '#platform';
import type { HeldIntroduction, HeldIntroductionsRepository } from './held-introductions.repository.js';
import { HELD_REASON, HeldIntroductionsService } from './held-introductions.service.js';

/** The table, in memory: one request per match and partner, oldest first. */
class InMemoryHeldIntroductions {
  readonly rows = new Map<string, HeldIntroduction>();
  private clock = Date.parse('2026-01-01T00:00:00.000Z');

  async hold(request: RequestIntroductionRequest): Promise<HeldIntroduction> {
    const key = `${request.matchId}|${request.partnerId}`;
    if (!this.rows.has(key)) {
      this.rows.set(key, { matchId: request.matchId, partnerId: request.partnerId, request, heldAt: new Date(this.clock++).toISOString() });
    }
    return this.rows.get(key)!;
  }

  async oldest(limit: number): Promise<HeldIntroduction[]> {
    return [...this.rows.values()].sort((a, b) => a.heldAt.localeCompare(b.heldAt)).slice(0, limit);
  }

  async release(matchId: string, partnerId: string): Promise<void> {
    this.rows.delete(`${matchId}|${partnerId}`);
  }
}

/** A bus whose screening answers each introduction request with what `answer` says for its match. */
class FakeBus implements Pick<MessageBus, 'request'> {
  readonly sent: { subject: RequestSubject; payload: unknown }[] = [];

  constructor(private readonly answer: (matchId: string) => 'pending' | ErrorCode) {}

  async request(subject: RequestSubject, payload: unknown): Promise<never> {
    this.sent.push({ subject, payload });
    const outcome = this.answer((payload as RequestIntroductionRequest).matchId);
    if (outcome !== 'pending') throw new RpcError({ code: outcome, message: `screening answered ${outcome}` });
    return { id: 'introduction-id', status: 'pending', matchId: (payload as RequestIntroductionRequest).matchId } as never;
  }
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function request(match: number, partner = 100): RequestIntroductionRequest {
  return {
    matchId: uuid(match),
    partnerId: uuid(partner),
    company: { id: uuid(200), name: 'OOO Test', owners: [], directors: [{ name: 'Ivan Petrov' }] },
    opportunity: {
      id: uuid(300 + match),
      counterpartyName: 'Northern ore works operator',
      direction: 'supply_to_dprk',
      structure: 'contract',
      hsCodes: ['8429'],
      siteName: 'Musan',
      attributes: {},
    },
  };
}

function setup(answer: (matchId: string) => 'pending' | ErrorCode) {
  const repository = new InMemoryHeldIntroductions();
  const bus = new FakeBus(answer);
  const service = new HeldIntroductionsService(repository as unknown as HeldIntroductionsRepository, bus as unknown as MessageBus);
  return { repository, bus, service };
}

describe('HeldIntroductionsService', () => {
  it('holds a request with no contact and the reason, and keeps the first of two for the same match and partner', async () => {
    const { repository, service } = setup(() => 'pending');
    const first = await service.hold(request(1));
    const second = await service.hold({ ...request(1), company: { ...request(1).company, name: 'OOO Renamed' } });
    expect(first).toEqual({ status: 'held', matchId: uuid(1), partnerId: uuid(100), heldAt: '2026-01-01T00:00:00.000Z', reason: HELD_REASON });
    expect(second).toEqual(first);
    expect(repository.rows.size).toBe(1);
    expect([...repository.rows.values()][0].request.company.name).toBe('OOO Test');
  });

  it('sends each held request to screening unchanged and lets it go once screening decided it (reply or prohibited)', async () => {
    const { repository, bus, service } = setup((matchId) => (matchId === uuid(2) ? ErrorCode.PROHIBITED : 'pending'));
    await service.hold(request(1));
    await service.hold(request(2));
    expect(await service.forwardSome(10)).toEqual({ decided: 2, more: false });
    expect(bus.sent).toEqual([
      { subject: ScreeningSubjects.introductionRequest, payload: request(1) },
      { subject: ScreeningSubjects.introductionRequest, payload: request(2) },
    ]);
    expect(repository.rows.size).toBe(0);
  });

  it.each([ErrorCode.UNAVAILABLE, ErrorCode.TIMEOUT])('keeps everything and stops at the first request when screening is %s', async (code) => {
    const { repository, bus, service } = setup(() => code);
    await service.hold(request(1));
    await service.hold(request(2));
    expect(await service.forwardSome(10)).toEqual({ decided: 0, more: false });
    expect(bus.sent).toHaveLength(1);
    expect([...repository.rows.values()].map((h) => h.matchId)).toEqual([uuid(1), uuid(2)]);
  });

  it('keeps a request screening failed without deciding it and goes on with the next', async () => {
    const { repository, service } = setup((matchId) => (matchId === uuid(1) ? ErrorCode.INTERNAL : 'pending'));
    await service.hold(request(1));
    await service.hold(request(2));
    expect(await service.forwardSome(10)).toEqual({ decided: 1, more: false });
    expect([...repository.rows.values()].map((h) => h.matchId)).toEqual([uuid(1)]);
  });

  it('sends oldest first in batches and says when more may be waiting', async () => {
    const { repository, bus, service } = setup(() => 'pending');
    for (const n of [1, 2, 3]) await service.hold(request(n));
    expect(await service.forwardSome(2)).toEqual({ decided: 2, more: true });
    expect(bus.sent.map((s) => (s.payload as RequestIntroductionRequest).matchId)).toEqual([uuid(1), uuid(2)]);
    expect(await service.forwardSome(2)).toEqual({ decided: 1, more: false });
    expect(repository.rows.size).toBe(0);
  });
});
