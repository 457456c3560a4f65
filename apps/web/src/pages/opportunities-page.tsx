import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { query } from '../api/client';
import type { CursorPage, OpportunitySummary, SectorId } from '../api/types';
import { useApi } from '../session/session';
import { SectorSelect } from '../ui/sector-select';
import { Pager, useCursorPages } from '../ui/pager';
import { Empty, ErrorNotice, Loading } from '../ui/states';

const PAGE_SIZE = 20;

export function OpportunitiesPage() {
  const { t } = useTranslation();
  const api = useApi();
  const pages = useCursorPages();
  const [sector, setSector] = useState<SectorId | ''>('');
  const list = useQuery({
    queryKey: ['opportunities', sector, pages.after],
    queryFn: async () => (await api<CursorPage<OpportunitySummary>>('GET', `/v1/opportunities${query({ sector, limit: PAGE_SIZE, after: pages.after })}`)).body,
  });
  return (
    <>
      <div className="page-head">
        <h1>{t('opportunities.title')}</h1>
        <Link className="button" to="/opportunities/new">
          {t('opportunities.new')}
        </Link>
      </div>
      <div className="toolbar">
        <SectorSelect
          value={sector}
          onChange={(s) => {
            setSector(s);
            pages.reset();
          }}
        />
      </div>
      {list.isFetching && <Loading />}
      {list.error && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && <Empty>{t('opportunities.empty')}</Empty>}
      {list.data && list.data.items.length > 0 && (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('opportunities.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('opportunities.titleColumn')}</th>
                  <th scope="col">{t('leads.sector')}</th>
                  <th scope="col">{t('opportunity.direction')}</th>
                  <th scope="col">{t('opportunity.site')}</th>
                  <th scope="col" className="num">
                    {t('opportunity.sizeUsd')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((o) => (
                  <tr key={o.id}>
                    <td>
                      <Link to={`/opportunities/${o.id}/edit`}>{o.title}</Link>
                    </td>
                    <td>{t(`sector.${o.sector}`)}</td>
                    <td>{t(`direction.${o.direction}`)}</td>
                    <td>{o.site.name}</td>
                    <td className="num">{o.sizeUsd.toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager pages={pages} shown={list.data.items.length} nextCursor={list.data.nextCursor} />
        </>
      )}
    </>
  );
}
