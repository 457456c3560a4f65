import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiAnswer } from '../api/client';
import type { HeldIntroductionView, IntroductionResponse, ProhibitedDetails } from '../api/types';
import { useApi } from '../session/session';
import { ComplianceDetails, RuleList } from './compliance';
import { ErrorNotice } from './states';

/** "Request introduction" and what came back: granted with the contact, pending, held, or refused with its rules. */
export function IntroductionRequest({ matchId }: { matchId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const request = useMutation({
    mutationFn: () => api<IntroductionResponse | HeldIntroductionView>('POST', `/v1/matches/${matchId}/introductions`),
  });
  const prohibited = request.error instanceof ApiError && request.error.status === 451 ? (request.error.body?.details as ProhibitedDetails | undefined) : undefined;
  return (
    <div className="introduction">
      <button type="button" onClick={() => request.mutate()} disabled={request.isPending}>
        {t('introduction.request')}
      </button>
      <div aria-live="polite">
        {request.isPending && <p role="status">{t('introduction.asking')}</p>}
        {request.data && <Outcome answer={request.data} />}
        {prohibited && (
          <div className="notice refused" role="alert">
            <p>
              <strong>{t('introduction.prohibited')}</strong>
            </p>
            <RuleList rules={prohibited.rules ?? []} />
          </div>
        )}
        {request.error && !prohibited && <ErrorNotice error={request.error} />}
      </div>
    </div>
  );
}

function Outcome({ answer }: { answer: ApiAnswer<IntroductionResponse | HeldIntroductionView> }) {
  const { t } = useTranslation();
  const body = answer.body;
  if (body.status === 'held') {
    return (
      <div className="notice held" role="status">
        <p>
          <strong>{t('introduction.held')}</strong>
        </p>
        <p className="small">{body.reason}</p>
      </div>
    );
  }
  if (body.status === 'granted') {
    return (
      <div className="notice granted" role="status">
        <p>
          <strong>{t('introduction.granted')}</strong>
        </p>
        <p>
          {t('introduction.contact')}: {body.counterparty?.name} — {body.counterparty?.contact ?? t('introduction.noContact')}
        </p>
      </div>
    );
  }
  if (body.status === 'pending') {
    return (
      <div className="notice pending" role="status">
        <p>
          <strong>{t('introduction.pending')}</strong>
        </p>
        <ComplianceDetails verdict={body.compliance.verdict} rules={body.compliance.rules} hits={body.compliance.listHits} reasons={[]} />
      </div>
    );
  }
  return (
    <div className="notice refused" role="status">
      <p>
        <strong>{t('introduction.refused')}</strong>
      </p>
      {body.decisionNote && <p>{body.decisionNote}</p>}
      <RuleList rules={body.compliance.rules} />
    </div>
  );
}
