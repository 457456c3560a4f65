import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { NameCheckReply } from '../api/types';
import { useApi } from '../session/session';
import { ListHits } from '../ui/compliance';
import { Field } from '../ui/field';
import { ErrorNotice, Loading } from '../ui/states';

export function ScreeningCheckPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [name, setName] = useState('');
  const check = useMutation({ mutationFn: async (n: string) => (await api<NameCheckReply>('POST', '/v1/screening/check', { name: n })).body });
  const fieldErrors = check.error instanceof ApiError ? check.error.fieldErrors() : {};
  function submit(event: FormEvent) {
    event.preventDefault();
    check.mutate(name);
  }
  return (
    <>
      <h1>{t('check.title')}</h1>
      <p className="muted">{t('check.intro')}</p>
      <form onSubmit={submit} noValidate className="inline-form">
        <Field label={t('check.name')} errors={fieldErrors.name}>
          {({ id, describedBy, invalid }) => <input id={id} type="text" value={name} onChange={(e) => setName(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <button type="submit" disabled={check.isPending}>
          {t('check.submit')}
        </button>
      </form>
      <section aria-live="polite" aria-label={t('check.results')}>
        {check.isPending && <Loading />}
        {check.error && Object.keys(fieldErrors).length === 0 && <ErrorNotice error={check.error} />}
        {check.data && (
          <>
            <h2>{t('check.hitsFor', { name: check.data.name, count: check.data.hits.length })}</h2>
            <p className="small muted">{t('check.threshold', { threshold: check.data.threshold, version: check.data.listVersion ?? t('compliance.none') })}</p>
            <ListHits hits={check.data.hits} />
          </>
        )}
      </section>
    </>
  );
}
