import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useApi } from '../session/session';
import { Field } from '../ui/field';
import { ErrorNotice } from '../ui/states';

/** Registering a partner organisation: its API key is shown once, here. */
export function PartnersPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [name, setName] = useState('');
  const create = useMutation({ mutationFn: async () => (await api<{ id: string; name: string; apiKey: string }>('POST', '/v1/partners', { name })).body });
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <>
      <h1>{t('partners.title')}</h1>
      <p className="muted">{t('partners.intro')}</p>
      <form onSubmit={submit} noValidate className="inline-form">
        <Field label={t('partners.name')} errors={fieldErrors.name}>
          {({ id, describedBy, invalid }) => <input id={id} type="text" value={name} onChange={(e) => setName(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <button type="submit" disabled={create.isPending}>
          {t('partners.create')}
        </button>
      </form>
      <div aria-live="polite">
        {create.error && Object.keys(fieldErrors).length === 0 && <ErrorNotice error={create.error} />}
        {create.data && (
          <div className="notice granted" role="status">
            <p>{t('partners.created', { name: create.data.name })}</p>
            <p>
              <label>
                {t('partners.key')} <output className="key">{create.data.apiKey}</output>
              </label>
            </p>
            <p className="small">{t('partners.once')}</p>
          </div>
        )}
      </div>
    </>
  );
}
