import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Where a page starts: the cursor it was read with (none for the first) and the number of its first row. */
interface PageStart {
  after: string | undefined;
  first: number;
}

/**
 * The pages read so far of a keyset-paged list: the cursor of the page shown, and the way back.
 * The API gives only a next cursor, so going back replays the cursors already seen.
 */
export function useCursorPages() {
  const [starts, setStarts] = useState<PageStart[]>([{ after: undefined, first: 1 }]);
  const current = starts[starts.length - 1]!;
  return {
    after: current.after,
    first: current.first,
    hasPrevious: starts.length > 1,
    next: (nextCursor: string, shown: number) => setStarts([...starts, { after: nextCursor, first: current.first + shown }]),
    previous: () => setStarts(starts.slice(0, -1)),
    reset: () => setStarts([{ after: undefined, first: 1 }]),
  };
}

export type CursorPages = ReturnType<typeof useCursorPages>;

/**
 * Previous / next over a keyset-paged list, saying which rows are shown. A page may hold fewer rows
 * than asked (the API keeps each reply under its byte budget): next goes on from `nextCursor`.
 */
export function Pager({ pages, shown, nextCursor }: { pages: CursorPages; shown: number; nextCursor: string | null }) {
  const { t } = useTranslation();
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button type="button" className="secondary" disabled={!pages.hasPrevious} onClick={pages.previous}>
        {t('pager.previous')}
      </button>
      <span>{t('pager.range', { first: shown === 0 ? 0 : pages.first, last: pages.first + shown - 1 })}</span>
      <button type="button" className="secondary" disabled={nextCursor === null} onClick={() => nextCursor !== null && pages.next(nextCursor, shown)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
