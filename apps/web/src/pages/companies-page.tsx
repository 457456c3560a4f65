import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { query } from '../api/client';
import type { CompanyView, CursorPage } from '../api/types';
import { useApi } from '../session/session';
import { Pager, useCursorPages } from '../ui/pager';
import { Empty, ErrorNotice, Loading } from '../ui/states';

const PAGE_SIZE = 20;

export function CompaniesPage() {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const pages = useCursorPages();
  const [confirming, setConfirming] = useState<string | null>(null);
  const companies = useQuery({
    queryKey: ['companies', pages.after],
    queryFn: async () => (await api<CursorPage<CompanyView>>('GET', `/v1/companies${query({ limit: PAGE_SIZE, after: pages.after })}`)).body,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api('DELETE', `/v1/companies/${id}`),
    onSuccess: () => {
      setConfirming(null);
      void queryClient.invalidateQueries({ queryKey: ['companies'] });
    },
  });

  return (
    <>
      <div className="page-head">
        <h1>{t('companies.title')}</h1>
        <Link className="button" to="/companies/new">
          {t('companies.new')}
        </Link>
      </div>
      {companies.isFetching && <Loading />}
      {companies.error && <ErrorNotice error={companies.error} onRetry={() => void companies.refetch()} />}
      {remove.error && <ErrorNotice error={remove.error} />}
      {companies.data && companies.data.items.length === 0 && <Empty>{t('companies.empty')}</Empty>}
      {companies.data && companies.data.items.length > 0 && (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('companies.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('companies.name')}</th>
                  <th scope="col">{t('companies.inn')}</th>
                  <th scope="col">{t('companies.place')}</th>
                  <th scope="col">{t('companies.sectors')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {companies.data.items.map((company) => (
                  <tr key={company.id}>
                    <td>
                      <Link to={`/companies/${company.id}/leads`}>{company.name}</Link>
                    </td>
                    <td>{company.inn}</td>
                    <td>
                      {company.city}, {company.region}
                    </td>
                    <td>{company.sectors.map((s) => t(`sector.${s}`)).join(', ')}</td>
                    <td className="actions">
                      <Link to={`/companies/${company.id}/edit`} aria-label={t('companies.editOf', { name: company.name })}>
                        {t('common.edit')}
                      </Link>
                      {confirming === company.id ? (
                        <span role="group" aria-label={t('companies.confirmDelete', { name: company.name })}>
                          <span className="small">{t('companies.confirmDelete', { name: company.name })}</span>{' '}
                          <button type="button" className="danger" onClick={() => remove.mutate(company.id)} disabled={remove.isPending}>
                            {t('companies.deleteConfirm')}
                          </button>{' '}
                          <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                            {t('common.cancel')}
                          </button>
                        </span>
                      ) : (
                        <button type="button" className="link-button danger-text" onClick={() => setConfirming(company.id)} aria-label={t('companies.deleteOf', { name: company.name })}>
                          {t('common.delete')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager pages={pages} shown={companies.data.items.length} nextCursor={companies.data.nextCursor} />
        </>
      )}
    </>
  );
}
