import { beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { MessageBus } from '#platform';
import type { ListEntry } from '../domain/list/index.js';
import type { RuleSetProvider } from '../rules/rule-set.provider.js';
import type { ScreeningConfig } from '../screening.config.js';
import type { ListVersionsRepository, StoredListVersion } from './list-versions.repository.js';
import { SanctionsListService } from './sanctions-list.service.js';

function entry(referenceNumber: string, name: string): ListEntry {
  return {
    referenceNumber,
    dataId: referenceNumber,
    type: 'entity',
    regime: 'DPRK',
    names: [{ value: name, kind: 'primary' }],
    nameParts: [name],
    datesOfBirth: [],
    placesOfBirth: [],
    addresses: [],
    nationalities: [],
  };
}

function version(id: number, sha256: string): StoredListVersion {
  return {
    id,
    version: `2026-11-0${id}T00:00:00.000Z`,
    sha256,
    state: 'in_force',
    source: 'consolidated.xml',
    generatedAt: null,
    loadedAt: new Date().toISOString(),
    counts: { total: id, byRegime: { DPRK: { individual: 0, entity: id } } },
    held: null,
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
  };
}

/** The versions store as another process of the service changes it: whichever version is in force, and its entries. */
class SharedStore {
  inForce: StoredListVersion | null = version(1, 'a'.repeat(64));
  unreadable = false;
  entriesRead = 0;
  readonly entriesOf = new Map<number, ListEntry[]>([
    [1, [entry('KPe.001', 'Korea Mining Development Trading Corporation')]],
    [2, [entry('KPe.001', 'Korea Mining Development Trading Corporation'), entry('KPe.099', 'Rason Northern Ore Export Bureau')]],
  ]);

  async inState(state: 'in_force' | 'candidate'): Promise<StoredListVersion | null> {
    if (this.unreadable) throw new Error('connection refused');
    return state === 'in_force' ? this.inForce : null;
  }

  async entries(id: number): Promise<ListEntry[]> {
    this.entriesRead += 1;
    await new Promise((r) => setTimeout(r, 5));
    return this.entriesOf.get(id) ?? [];
  }
}

function service(store: SharedStore): SanctionsListService {
  const bus = { emit: () => undefined } as unknown as MessageBus;
  const rules = { ruleSet: () => ({ version: 'rules-1' }) } as unknown as RuleSetProvider;
  return new SanctionsListService(store as unknown as ListVersionsRepository, bus, {} as ScreeningConfig, rules);
}

beforeAll(() => Logger.overrideLogger(false));

describe('SanctionsListService.current', () => {
  it('follows a version another process put in force, loading it once however many ask at the same time', async () => {
    const store = new SharedStore();
    const list = service(store);
    expect((await list.current())?.version).toBe(store.inForce!.version);
    expect(store.entriesRead).toBe(1);

    // Unchanged in the store: the copy held is used, nothing is loaded again.
    await list.current();
    expect(store.entriesRead).toBe(1);

    store.inForce = version(2, 'b'.repeat(64));
    const seen = await Promise.all(Array.from({ length: 5 }, () => list.current()));
    expect(seen.map((s) => s?.version)).toEqual(Array(5).fill(store.inForce.version));
    expect(store.entriesRead).toBe(2);
    expect([...seen[0]!.entries.keys()]).toEqual(['KPe.001', 'KPe.099']);
    expect(list.snapshot()?.version).toBe(store.inForce.version);
    expect((await list.status()).sha256).toBe('b'.repeat(64));
  });

  it('screens with the copy it holds while the store cannot be read', async () => {
    const store = new SharedStore();
    const list = service(store);
    const held = (await list.current())!.version;
    store.unreadable = true;
    expect((await list.current())?.version).toBe(held);
    store.unreadable = false;
    store.inForce = version(2, 'b'.repeat(64));
    expect((await list.current())?.version).toBe(store.inForce.version);
  });

  it('has no list while none was ever put in force', async () => {
    const store = new SharedStore();
    store.inForce = null;
    expect(await service(store).current()).toBeNull();
  });
});
