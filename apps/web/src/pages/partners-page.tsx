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
  return <KeyHolderPage kind="partners" path="/v1/partners" fields={[{ field: 'name', label: t('partners.name') }]} />;
}

/** Creating a compliance officer, a person with a key of their own: shown once, here. */
export function OfficersPage() {
  const { t } = useTranslation();
  return (
    <KeyHolderPage
      kind="officers"
      path="/v1/officers"
      fields={[
        { field: 'name', label: t('officers.name') },
        { field: 'email', label: t('officers.email') },
      ]}
    />
  );
}

/** A form that creates someone who holds an API key (a partner, an officer) and shows the key once. */
function KeyHolderPage({ kind, path, fields }: { kind: 'partners' | 'officers'; path: string; fields: { field: string; label: string }[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const [values, setValues] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: async () => (await api<{ id: string; name: string; apiKey: string }>('POST', path, Object.fromEntries(fields.map(({ field }) => [field, values[field] ?? ''])))).body,
  });
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <>
      <h1>{t(`${kind}.title`)}</h1>
      <p className="muted">{t(`${kind}.intro`)}</p>
      <form onSubmit={submit} noValidate className="inline-form">
        {fields.map(({ field, label }) => (
          <Field key={field} label={label} errors={fieldErrors[field]}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                type={field === 'email' ? 'email' : 'text'}
                value={values[field] ?? ''}
                onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
        ))}
        <button type="submit" disabled={create.isPending}>
          {t(`${kind}.create`)}
        </button>
      </form>
      <div aria-live="polite">
        {create.error && Object.keys(fieldErrors).length === 0 && <ErrorNotice error={create.error} />}
        {create.data && (
          <div className="notice granted" role="status">
            <p>{t(`${kind}.created`, { name: create.data.name })}</p>
            <p>
              <label>
                {t(`${kind}.key`)} <output className="key">{create.data.apiKey}</output>
              </label>
            </p>
            <p className="small">{t(`${kind}.once`)}</p>
          </div>
        )}
      </div>
    </>
  );
}
