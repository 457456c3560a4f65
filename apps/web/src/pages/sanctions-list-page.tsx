import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ListStatusReply } from '../api/types';
import { useApi, useSession } from '../session/session';
import { ErrorNotice, Loading } from '../ui/states';

export function SanctionsListPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { session } = useSession();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['sanctions-list'], queryFn: async () => (await api<ListStatusReply>('GET', '/v1/screening/list')).body });
  const refresh = useMutation({
    mutationFn: async () => (await api<ListStatusReply & { outcome: string }>('POST', '/v1/screening/list/refresh')).body,
    onSuccess: (reply) => queryClient.setQueryData(['sanctions-list'], reply),
  });
  const list = status.data;
  return (
    <>
      <h1>{t('sanctions.title')}</h1>
      {status.isPending && <Loading />}
      {status.error && <ErrorNotice error={status.error} onRetry={() => void status.refetch()} />}
      {list && (
        <>
          <dl className="facts">
            <dt>{t('sanctions.version')}</dt>
            <dd>{list.version ?? t('sanctions.noList')}</dd>
            <dt>{t('sanctions.source')}</dt>
            <dd className="break">{list.source ?? t('compliance.none')}</dd>
            <dt>{t('sanctions.loadedAt')}</dt>
            <dd>{list.loadedAt ? new Date(list.loadedAt).toLocaleString() : t('compliance.none')}</dd>
            <dt>{t('sanctions.total')}</dt>
            <dd>{list.counts?.total ?? 0}</dd>
            <dt>{t('sanctions.lastError')}</dt>
            <dd>{list.lastError ?? t('sanctions.noError')}</dd>
            <dt>{t('sanctions.lastRefresh')}</dt>
            <dd>{list.lastRefresh ? `${t(`sanctions.outcome.${list.lastRefresh.outcome}`)} · ${new Date(list.lastRefresh.at).toLocaleString()} · ${list.lastRefresh.message}` : t('compliance.none')}</dd>
          </dl>
          {list.counts && (
            <div className="table-wrap">
              <table>
                <caption>{t('sanctions.byRegime')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('sanctions.regime')}</th>
                    <th scope="col" className="num">
                      {t('sanctions.individuals')}
                    </th>
                    <th scope="col" className="num">
                      {t('sanctions.entities')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(list.counts.byRegime).map(([regime, counts]) => (
                    <tr key={regime}>
                      <td>{regime}</td>
                      <td className="num">{counts.individual}</td>
                      <td className="num">{counts.entity}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {list.candidate && (
            <div className="notice" role="status">
              <p>
                <strong>{t('sanctions.candidate', { version: list.candidate.version })}</strong>
              </p>
              <ul>
                {(list.candidate.held?.reasons ?? []).map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      {/* Fetching the list again is the admin's (officers read it). */}
      {session?.role === 'admin' && (
        <button type="button" onClick={() => refresh.mutate()} disabled={refresh.isPending}>
          {t('sanctions.refresh')}
        </button>
      )}
      <div aria-live="polite">
        {refresh.isPending && <Loading label={t('sanctions.refreshing')} />}
        {refresh.data && (
          <p className="notice" role="status">
            {t('sanctions.refreshed', { outcome: t(`sanctions.outcome.${refresh.data.outcome as 'in_force'}`) })}
          </p>
        )}
        {refresh.error && <ErrorNotice error={refresh.error} />}
      </div>
    </>
  );
}
