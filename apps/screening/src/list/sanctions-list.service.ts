import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { ErrorCode, ScreeningSubjects, type ListStatusReply } from '#contracts';
import { DomainError, MESSAGE_BUS, type MessageBus } from '#platform';
import { parseConsolidatedList, summariseList, type ListEntry, type SanctionsList } from '../domain/list/index.js';
import { NameIndex } from '../domain/names/name-index.js';
import type { ListSnapshot } from '../domain/screening/match-verdict.js';
import { RuleSetProvider } from '../rules/rule-set.provider.js';
import { loadScreeningConfig, SCREENING_CONFIG, type ScreeningConfig } from '../screening.config.js';

const S = 'screening';
const FETCH_TIMEOUT_MS = 60_000;

interface ActiveList {
  snapshot: ListSnapshot;
  source: string;
  generatedAt: string | null;
  loadedAt: string;
  counts: ListStatusReply['counts'];
}

/**
 * The UN consolidated list in force. Each new version is parsed in full, stored, and only then
 * made active; a malformed or truncated file is refused and the previous version stays in force.
 */
@Injectable()
export class SanctionsListService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SanctionsListService.name);
  private active: ActiveList | null = null;
  private lastError: string | null = null;
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<ListStatusReply> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(SCREENING_CONFIG) private readonly config: ScreeningConfig,
    private readonly rules: RuleSetProvider,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.loadActive();
    await this.refresh().catch(() => undefined);
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), this.config.SANCTIONS_REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** The list in force, or null when none could ever be loaded (every verdict is then at least `review`). */
  snapshot(): ListSnapshot | null {
    return this.active?.snapshot ?? null;
  }

  status(): ListStatusReply {
    return {
      version: this.active?.snapshot.version ?? null,
      source: this.active?.source ?? null,
      generatedAt: this.active?.generatedAt ?? null,
      loadedAt: this.active?.loadedAt ?? null,
      counts: this.active?.counts ?? null,
      lastError: this.lastError,
    };
  }

  /** Fetches the list again (from SANCTIONS_LIST_PATH as set now, else the URL); throws LIST_REJECTED-style VALIDATION_FAILED on a bad file. */
  refresh(): Promise<ListStatusReply> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async doRefresh(): Promise<ListStatusReply> {
    const { SANCTIONS_LIST_PATH, SANCTIONS_LIST_URL } = loadScreeningConfig();
    const source = SANCTIONS_LIST_PATH ?? SANCTIONS_LIST_URL;
    let xml: string;
    try {
      xml = SANCTIONS_LIST_PATH ? await readFile(SANCTIONS_LIST_PATH, 'utf8') : await download(SANCTIONS_LIST_URL);
    } catch (error) {
      return this.fail(`cannot read the list from ${source}: ${(error as Error).message}`, ErrorCode.UNAVAILABLE);
    }
    const sha256 = createHash('sha256').update(xml).digest('hex');
    const known: { id: number; active: boolean }[] = await this.dataSource.query(`SELECT id, active FROM ${S}.list_version WHERE sha256 = $1`, [sha256]);
    if (known[0]?.active) {
      this.lastError = null;
      return this.status();
    }
    let list: SanctionsList;
    try {
      list = parseConsolidatedList(xml);
    } catch (error) {
      return this.fail(`list from ${source} rejected: ${(error as Error).message}; version ${this.active?.snapshot.version ?? 'none'} stays in force`, ErrorCode.VALIDATION_FAILED);
    }
    const counts = summariseList(list);
    await this.dataSource.transaction(async (m) => {
      await m.query(`DELETE FROM ${S}.list_version WHERE version = $1 AND NOT active`, [list.version]);
      const [row]: { id: number }[] = await m.query(
        `INSERT INTO ${S}.list_version (version, source, generated_at, sha256, counts) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (version) DO UPDATE SET sha256 = EXCLUDED.sha256 RETURNING id`,
        [list.version, source, list.generatedAt, sha256, JSON.stringify(counts)],
      );
      await m.query(`DELETE FROM ${S}.list_entry WHERE version_id = $1`, [row.id]);
      for (let i = 0; i < list.entries.length; i += 500) {
        const chunk = list.entries.slice(i, i + 500);
        await m.query(
          `INSERT INTO ${S}.list_entry (version_id, reference_number, entry)
           SELECT $1, * FROM unnest($2::text[], $3::jsonb[]) ON CONFLICT DO NOTHING`,
          [row.id, chunk.map((e) => e.referenceNumber), chunk.map((e) => JSON.stringify(e))],
        );
      }
      await m.query(`UPDATE ${S}.list_version SET active = false WHERE active`);
      await m.query(`UPDATE ${S}.list_version SET active = true, loaded_at = now() WHERE id = $1`, [row.id]);
    });
    const previous = this.active?.snapshot.version ?? null;
    this.install(list.entries, { version: list.version, source, generatedAt: list.generatedAt, loadedAt: new Date().toISOString(), counts });
    this.lastError = null;
    this.logger.log(`sanctions list ${list.version} in force (${list.entries.length} entries, was ${previous ?? 'none'})`);
    if (previous !== list.version) {
      this.bus.emit(ScreeningSubjects.versionsChanged, { listVersion: list.version, rulesVersion: this.rules.ruleSet().version });
    }
    return this.status();
  }

  private async loadActive(): Promise<void> {
    const [row]: { id: number; version: string; source: string; generated_at: string | null; loaded_at: Date; counts: ListStatusReply['counts'] }[] =
      await this.dataSource.query(`SELECT id, version, source, generated_at, loaded_at, counts FROM ${S}.list_version WHERE active`);
    if (!row) return;
    const entries: { entry: ListEntry }[] = await this.dataSource.query(`SELECT entry FROM ${S}.list_entry WHERE version_id = $1`, [row.id]);
    this.install(
      entries.map((e) => e.entry),
      { version: row.version, source: row.source, generatedAt: row.generated_at, loadedAt: new Date(row.loaded_at).toISOString(), counts: row.counts },
    );
  }

  private install(entries: ListEntry[], meta: Omit<ActiveList, 'snapshot'> & { version: string }): void {
    const index = new NameIndex();
    for (const e of entries) index.add({ id: e.referenceNumber, type: e.type, names: e.names });
    index.prepare();
    this.active = {
      snapshot: { version: meta.version, index, entries: new Map(entries.map((e) => [e.referenceNumber, e])) },
      source: meta.source,
      generatedAt: meta.generatedAt,
      loadedAt: meta.loadedAt,
      counts: meta.counts,
    };
  }

  private fail(message: string, code: ErrorCode): never {
    this.lastError = message;
    this.logger.error(message);
    throw new DomainError(code, message);
  }
}

async function download(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}
