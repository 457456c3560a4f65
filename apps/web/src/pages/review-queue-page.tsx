import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, query, type ApiCall } from '../api/client';
import type { CompanyView, CursorPage, IntroductionView, OpportunityView } from '../api/types';
import { useApi, useSession } from '../session/session';
import { ComplianceDetails } from '../ui/compliance';
import { Field } from '../ui/field';
import { Empty, ErrorNotice, Loading } from '../ui/states';

/** Pending introductions, oldest first, each with its evidence and the officer's decision. */
export function ReviewQueuePage() {
  const { t } = useTranslation();
  const api = useApi();
  const { session } = useSession();
  const officer = session?.role === 'officer';
  const [decided, setDecided] = useState<{ matchId: string; approved: boolean; awaiting?: { count: number; required: number } }[]>([]);
  const pending = useQuery({
    queryKey: ['introductions', 'pending'],
    queryFn: () => pendingIntroductions(api),
    select: (items) => [...items].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
  });
  return (
    <>
      <h1>{t('review.title')}</h1>
      <p className="muted">{t('review.intro')}</p>
      {!officer && <p className="notice">{t('review.officersDecide')}</p>}
      <div aria-live="polite">
        {decided.map((d) => (
          <p key={`${d.matchId}-${d.awaiting?.count ?? 'done'}`} className="notice" role="status">
            {d.awaiting ? t('review.firstApproval', d.awaiting) : d.approved ? t('review.approved') : t('review.refusedDone')}{' '}
            <Link to={`/audit?match=${d.matchId}`}>{t('review.seeAudit')}</Link>
          </p>
        ))}
      </div>
      {pending.isPending && <Loading />}
      {pending.error && <ErrorNotice error={pending.error} onRetry={() => void pending.refetch()} />}
      {pending.data && pending.data.length === 0 && <Empty>{t('review.empty')}</Empty>}
      {pending.data?.map((introduction) => (
        <PendingIntroduction
          key={introduction.id}
          introduction={introduction}
          canDecide={officer}
          onDecided={(approved, awaiting) => setDecided((d) => [{ matchId: introduction.matchId, approved, awaiting }, ...d])}
        />
      ))}
    </>
  );
}

function PendingIntroduction({
  introduction,
  canDecide,
  onDecided,
}: {
  introduction: IntroductionView;
  canDecide: boolean;
  /** `awaiting`: the approval is recorded, and the introduction waits for another officer's. */
  onDecided: (approved: boolean, awaiting?: { count: number; required: number }) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [approving, setApproving] = useState(false);
  const needsReference = introduction.compliance.verdict === 'exemption_required';
  const company = useQuery({
    queryKey: ['company', introduction.companyId],
    queryFn: async () => (await api<CompanyView>('GET', `/v1/companies/${introduction.companyId}`)).body,
  });
  const opportunity = useQuery({
    queryKey: ['opportunity', introduction.opportunityId],
    queryFn: async () => (await api<OpportunityView>('GET', `/v1/opportunities/${introduction.opportunityId}`)).body,
  });
  const decide = useMutation({
    mutationFn: (approve: boolean) =>
      api<IntroductionView>('POST', `/v1/introductions/${introduction.id}/decision`, {
        approve,
        ...(approve && reference.trim() ? { exemptionReference: reference.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: (answer, approve) => {
      const after = answer.body;
      onDecided(approve, after.status === 'pending' ? { count: after.approvals.length, required: after.approvalsRequired } : undefined);
      void queryClient.invalidateQueries({ queryKey: ['introductions'] });
    },
  });
  const fieldErrors = decide.error instanceof ApiError ? decide.error.fieldErrors() : {};
  const title = opportunity.data?.title ?? introduction.opportunityId;
  const companyName = company.data?.name ?? introduction.companyId;

  function approve(event: FormEvent) {
    event.preventDefault();
    if (needsReference && !approving) {
      setApproving(true);
      return;
    }
    decide.mutate(true);
  }

  return (
    <article className="card" aria-label={t('review.itemLabel', { company: companyName, opportunity: title })}>
      <h2>
        {companyName} → {title}
      </h2>
      <p className="small muted">
        {t('review.requested', { at: new Date(introduction.createdAt).toLocaleString() })} · {t('review.match')}: {introduction.matchId}
      </p>
      <ComplianceDetails
        verdict={introduction.compliance.verdict}
        rules={introduction.compliance.rules}
        hits={introduction.compliance.listHits}
        reasons={introduction.compliance.reasons}
      />
      {canDecide && (
        <form onSubmit={approve} noValidate className="decision">
          {needsReference && approving && (
            <Field label={t('review.exemptionReference')} hint={t('review.exemptionHint')} errors={fieldErrors.exemptionReference}>
              {({ id, describedBy, invalid }) => (
                <input id={id} type="text" value={reference} onChange={(e) => setReference(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} autoFocus />
              )}
            </Field>
          )}
          <Field label={t('review.note')} errors={fieldErrors.note}>
            {({ id, describedBy, invalid }) => <input id={id} type="text" value={note} onChange={(e) => setNote(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
          </Field>
          <div className="form-actions">
            <button type="submit" disabled={decide.isPending}>
              {needsReference && approving ? t('review.confirmApprove') : t('review.approve')}
            </button>
            <button type="button" className="danger" disabled={decide.isPending} onClick={() => decide.mutate(false)}>
              {t('review.refuse')}
            </button>
          </div>
          {decide.error && Object.keys(fieldErrors).length === 0 && <ErrorNotice error={decide.error} />}
        </form>
      )}
    </article>
  );
}

/** Every pending introduction, page after page: the queue is worked through whole. */
async function pendingIntroductions(api: ApiCall): Promise<IntroductionView[]> {
  const items: IntroductionView[] = [];
  let after: string | undefined;
  do {
    const page = (await api<CursorPage<IntroductionView>>('GET', `/v1/introductions${query({ status: 'pending', limit: 200, after })}`)).body;
    items.push(...page.items);
    after = page.nextCursor ?? undefined;
  } while (after);
  return items;
}
