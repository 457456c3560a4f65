import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { query } from '../api/client';
import type { CompanyView, MatchList, SectorId } from '../api/types';
import { useApi } from '../session/session';
import { SectorSelect } from '../ui/sector-select';
import { LeadsTable } from '../ui/leads-table';
import { Empty, ErrorNotice, Loading } from '../ui/states';

/** Matching scores a new company in the background: an empty listing is asked again for a while. */
const WAIT_FOR_MATCHES_MS = 60_000;

export function CompanyLeadsPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const api = useApi();
  const [showProhibited, setShowProhibited] = useState(false);
  const [sector, setSector] = useState<SectorId | ''>('');
  const [openedAt] = useState(() => Date.now());
  const company = useQuery({ queryKey: ['company', id], queryFn: async () => (await api<CompanyView>('GET', `/v1/companies/${id}`)).body });
  const leads = useQuery({
    queryKey: ['leads', id, showProhibited, sector],
    queryFn: async () =>
      (await api<MatchList>('GET', `/v1/companies/${id}/matches${query({ includeProhibited: showProhibited || undefined, sector, limit: 100 })}`)).body,
    refetchInterval: (q) => (q.state.data?.items.length === 0 && Date.now() - openedAt < WAIT_FOR_MATCHES_MS ? 2_000 : false),
  });
  const waiting = leads.data?.items.length === 0 && Date.now() - openedAt < WAIT_FOR_MATCHES_MS;

  return (
    <>
      <p className="small">
        <Link to="/companies">← {t('nav.companies')}</Link>
      </p>
      <h1>{t('leads.title', { name: company.data?.name ?? '…' })}</h1>
      {company.data && (
        <p className="muted">
          {company.data.city}, {company.data.region} · {company.data.sectors.map((s) => t(`sector.${s}`)).join(', ')} ·{' '}
          <Link to={`/companies/${id}/edit`}>{t('common.edit')}</Link>
        </p>
      )}
      {company.error && <ErrorNotice error={company.error} />}
      <div className="toolbar">
        <label className="check">
          <input type="checkbox" role="switch" checked={showProhibited} onChange={(e) => setShowProhibited(e.target.checked)} /> {t('leads.showProhibited')}
        </label>
        <SectorSelect value={sector} onChange={setSector} />
      </div>
      {leads.isPending && <Loading />}
      {leads.error && <ErrorNotice error={leads.error} onRetry={() => void leads.refetch()} />}
      {leads.data && leads.data.items.length === 0 && (waiting ? <Loading label={t('leads.scoring')} /> : <Empty>{t('leads.empty')}</Empty>)}
      {leads.data && leads.data.items.length > 0 && <LeadsTable list={leads.data} canRequest />}
    </>
  );
}
