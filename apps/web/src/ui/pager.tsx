import { useTranslation } from 'react-i18next';

/**
 * Previous / next over an offset-paged list, saying which rows are shown. A page may hold fewer
 * rows than asked (the API keeps each reply under its byte budget): next goes on from `nextOffset`.
 */
export function Pager({
  offset,
  limit,
  shown,
  total,
  nextOffset,
  onChange,
}: {
  offset: number;
  limit: number;
  shown: number;
  total: number;
  nextOffset: number | null;
  onChange: (offset: number) => void;
}) {
  const { t } = useTranslation();
  const last = Math.min(offset + shown, total);
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button type="button" className="secondary" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        {t('pager.previous')}
      </button>
      <span>{t('pager.range', { first: total === 0 ? 0 : offset + 1, last, total })}</span>
      <button type="button" className="secondary" disabled={nextOffset === null} onClick={() => nextOffset !== null && onChange(nextOffset)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
