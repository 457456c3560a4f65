import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="state loading" role="status" aria-live="polite">
      {label ?? t('common.loading')}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

/**
 * What went wrong, in the reader's language: 503/504 (or no answer) say the platform is
 * unavailable and to try again; any other refusal shows the API's own message.
 */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  let text: string;
  if (error instanceof ApiError && error.status === 0) text = t('errors.unreachable');
  else if (error instanceof ApiError && error.status === 503) text = t('errors.unavailable');
  else if (error instanceof ApiError && error.status === 504) text = t('errors.timeout');
  else if (error instanceof ApiError && error.status === 403) text = t('errors.forbidden');
  else if (error instanceof ApiError) text = t('errors.refused', { status: error.status, message: error.message });
  else text = t('errors.unexpected');
  const correlationId = error instanceof ApiError ? error.body?.correlationId : undefined;
  return (
    <div className="notice error" role="alert">
      <p>{text}</p>
      {correlationId && <p className="muted small">{t('errors.reference', { id: correlationId })}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
