import { useTranslation } from 'react-i18next';

/** Previous / next over an offset-paged list, saying which rows are shown. */
export function Pager({ offset, limit, total, onChange }: { offset: number; limit: number; total: number; onChange: (offset: number) => void }) {
  const { t } = useTranslation();
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button type="button" className="secondary" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        {t('pager.previous')}
      </button>
      <span>{t('pager.range', { first: total === 0 ? 0 : offset + 1, last, total })}</span>
      <button type="button" className="secondary" disabled={last >= total} onClick={() => onChange(offset + limit)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
