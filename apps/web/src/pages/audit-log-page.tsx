import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { query, type ApiCall } from '../api/client';
import type { AuditEntryView, AuditPage } from '../api/types';
import { useApi } from '../session/session';
import { VerdictBadge } from '../ui/compliance';
import { Field } from '../ui/field';
import { Empty, ErrorNotice, Loading } from '../ui/states';

/** Entry kinds the screening service writes. */
const KINDS = [
  'company.decision',
  'opportunity.decision',
  'introduction.held',
  'introduction.granted',
  'introduction.refused',
  'introduction.refused.prohibited',
  'introduction.approval.refused.prohibited',
  'list.held',
  'list.confirmed',
  'list.rejected',
] as const;

const PAGE_SIZE = 25;
const SERVER_PAGE = 200;
/** At most this many API pages are read for one page of the console before it offers "Next page" anyway. */
const MAX_READS = 10;

interface Filters {
  kind: string;
  match: string;
  company: string;
  from: string;
  to: string;
}

/**
 * Whether an entry passes the filters the API does not apply itself (it filters by kind; match,
 * company and date are read from each entry's inputs and time).
 */
function passes(entry: AuditEntryView, f: Filters): boolean {
  const inputs = JSON.stringify(entry.inputs ?? {}).toLowerCase();
  if (f.match && !inputs.includes(f.match.trim().toLowerCase())) return false;
  if (f.company && !inputs.includes(f.company.trim().toLowerCase())) return false;
  const day = entry.occurredAt.slice(0, 10);
  if (f.from && day < f.from) return false;
  if (f.to && day > f.to) return false;
  return true;
}

/** Where a console page starts: the API page it starts in (its cursor; none for the first) and how many of that page's entries come before it. */
interface Start {
  after: string | undefined;
  skip: number;
}

const FIRST: Start = { after: undefined, skip: 0 };

async function readPage(api: ApiCall, f: Filters, start: Start): Promise<{ items: AuditEntryView[]; next: Start | null }> {
  const items: AuditEntryView[] = [];
  let cursor: string | undefined = start.after;
  let skip = start.skip;
  for (let reads = 0; reads < MAX_READS; reads++) {
    const page: AuditPage = (await api<AuditPage>('GET', `/v1/audit${query({ after: cursor, limit: SERVER_PAGE, kind: f.kind })}`)).body;
    for (const [i, entry] of page.items.entries()) {
      if (i < skip || !passes(entry, f)) continue;
      items.push(entry);
      if (items.length === PAGE_SIZE) return { items, next: i + 1 < page.items.length ? { after: cursor, skip: i + 1 } : page.nextCursor ? { after: page.nextCursor, skip: 0 } : null };
    }
    if (!page.nextCursor) return { items, next: null };
    cursor = page.nextCursor;
    skip = 0;
  }
  return { items, next: { after: cursor, skip: 0 } };
}

export function AuditLogPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [params] = useSearchParams();
  const initial: Filters = { kind: params.get('kind') ?? '', match: params.get('match') ?? '', company: params.get('company') ?? '', from: '', to: '' };
  const [draft, setDraft] = useState<Filters>(initial);
  const [filters, setFilters] = useState<Filters>(initial);
  const [starts, setStarts] = useState<Start[]>([FIRST]);
  const [open, setOpen] = useState<number | null>(null);
  const start = starts[starts.length - 1]!;
  const page = useQuery({ queryKey: ['audit', filters, start], queryFn: () => readPage(api, filters, start) });

  function apply(event: FormEvent) {
    event.preventDefault();
    setFilters(draft);
    setStarts([FIRST]);
  }
  const input = (key: keyof Filters, label: string, type = 'text') => (
    <Field label={label}>
      {({ id }) => <input id={id} type={type} value={draft[key]} onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))} />}
    </Field>
  );

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <form onSubmit={apply} className="filters" noValidate>
        <Field label={t('audit.kind')}>
          {({ id }) => (
            <select id={id} value={draft.kind} onChange={(e) => setDraft((d) => ({ ...d, kind: e.target.value }))}>
              <option value="">{t('audit.allKinds')}</option>
              {KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {kind}
                </option>
              ))}
            </select>
          )}
        </Field>
        {input('match', t('audit.match'))}
        {input('company', t('audit.company'))}
        {input('from', t('audit.from'), 'date')}
        {input('to', t('audit.to'), 'date')}
        <div className="form-actions">
          <button type="submit">{t('audit.apply')}</button>
        </div>
      </form>
      {page.isPending && <Loading />}
      {page.error && <ErrorNotice error={page.error} onRetry={() => void page.refetch()} />}
      {page.data && page.data.items.length === 0 && <Empty>{t('audit.empty')}</Empty>}
      {page.data && page.data.items.length > 0 && (
        <ul className="audit" aria-label={t('audit.entries')}>
          {page.data.items.map((entry) => {
            const expanded = open === entry.seq;
            return (
              <li key={entry.seq} className="audit-entry">
                <button type="button" className="link-button expander" aria-expanded={expanded} onClick={() => setOpen(expanded ? null : entry.seq)}>
                  <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> #{entry.seq} {entry.kind}
                </button>{' '}
                {entry.verdict && <VerdictBadge verdict={entry.verdict} />}{' '}
                <span className="small muted">
                  {new Date(entry.occurredAt).toLocaleString()} · {entry.actor}
                </span>
                {expanded && (
                  <pre className="json" aria-label={t('audit.json', { seq: entry.seq })} tabIndex={0}>
                    {JSON.stringify(entry, null, 2)}
                  </pre>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <nav className="pager" aria-label={t('pager.label')}>
        <button type="button" className="secondary" disabled={starts.length === 1} onClick={() => setStarts((s) => s.slice(0, -1))}>
          {t('pager.previous')}
        </button>
        <span>{t('audit.page', { page: starts.length })}</span>
        <button type="button" className="secondary" disabled={!page.data || page.data.next === null} onClick={() => page.data?.next != null && setStarts((s) => [...s, page.data!.next!])}>
          {t('pager.next')}
        </button>
      </nav>
    </>
  );
}
