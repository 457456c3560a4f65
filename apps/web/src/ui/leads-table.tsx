import { Fragment, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListedMatch, MatchList } from '../api/types';
import { Breakdown } from './breakdown';
import { ComplianceDetails, VerdictBadge } from './compliance';
import { IntroductionRequest } from './introduction-request';

/** Below this width the Sector column folds into the Opportunity cell (styles.css, `.wide-only`). */
const NARROW = '(max-width: 640px)';

function useNarrow(): boolean {
  return useSyncExternalStore(
    (change) => {
      const query = window.matchMedia(NARROW);
      query.addEventListener('change', change);
      return () => query.removeEventListener('change', change);
    },
    () => window.matchMedia(NARROW).matches,
  );
}

/**
 * Ranked matches as a table (Opportunity, Sector, Score, Compliance). Each row opens to the
 * score's breakdown and the verdict's evidence; saved matches can ask for an introduction.
 */
export function LeadsTable({ list, canRequest }: { list: MatchList; canRequest: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const columns = useNarrow() ? 3 : 4;
  return (
    <div className="table-wrap">
      <table className="leads">
        <caption className="visually-hidden">{t('leads.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('leads.opportunity')}</th>
            <th scope="col" className="wide-only">
              {t('leads.sector')}
            </th>
            <th scope="col" className="num">
              {t('leads.score')}
            </th>
            <th scope="col">{t('leads.compliance')}</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((match) => {
            const expanded = open === match.id;
            const detailsId = `match-${match.id}`;
            return (
              <Fragment key={match.id}>
                <tr className={expanded ? 'open' : undefined}>
                  <td>
                    <button
                      type="button"
                      className="link-button expander"
                      aria-expanded={expanded}
                      aria-controls={detailsId}
                      onClick={() => setOpen(expanded ? null : match.id)}
                    >
                      <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> {match.opportunity?.title ?? match.opportunityId}
                    </button>
                    {match.opportunity && (
                      <div className="small muted">
                        <span className="narrow-only">{t(`sector.${match.sector}`)} · </span>
                        {match.opportunity.site.name} · {match.opportunity.counterparty.name}
                      </div>
                    )}
                  </td>
                  <td className="wide-only">{t(`sector.${match.sector}`)}</td>
                  <td className="num">{match.score.toFixed(2)}</td>
                  <td>
                    <VerdictBadge verdict={match.compliance.verdict} />
                  </td>
                </tr>
                {expanded && (
                  <tr className="details-row">
                    <td colSpan={columns} id={detailsId} className="details-cell">
                      <MatchDetails match={match} list={list} canRequest={canRequest} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function MatchDetails({ match, list, canRequest }: { match: ListedMatch; list: MatchList; canRequest: boolean }) {
  const { t } = useTranslation();
  const rules = match.compliance.ruleIds.map((id) => list.rules[id]).filter(Boolean);
  return (
    <section className="match-details" aria-label={t('leads.detailsOf', { title: match.opportunity?.title ?? match.opportunityId })}>
      <div className="columns">
        <Breakdown breakdown={match.breakdown} score={match.score} />
        <div>
          <ComplianceDetails verdict={match.compliance.verdict} rules={rules} hits={match.compliance.listHits} reasons={match.compliance.reasons} />
          <p className="small muted">
            {t('compliance.versions', {
              list: match.compliance.listVersion ?? t('compliance.none'),
              rules: match.compliance.rulesVersion ?? t('compliance.none'),
            })}
          </p>
        </div>
      </div>
      {canRequest && <IntroductionRequest matchId={match.id} />}
    </section>
  );
}
