import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useSession } from '../session/session';
import { Field } from '../ui/field';
import { ErrorNotice } from '../ui/states';

export function SignInPage() {
  const { t } = useTranslation();
  const { signIn, endedBecause } = useSession();
  const [key, setKey] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!key.trim()) {
      setError('empty');
      return;
    }
    setBusy(true);
    try {
      await signIn(key.trim());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const invalid = error === 'empty' ? [t('signIn.required')] : error instanceof ApiError && error.status === 401 ? [t('signIn.rejected')] : undefined;
  return (
    <main className="sign-in" id="main">
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      {endedBecause === 'expired' && (
        <p className="notice" role="status">
          {t('signIn.expired')}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <Field label={t('signIn.apiKey')} hint={t('signIn.hint')} errors={invalid}>
          {({ id, describedBy, invalid: bad }) => (
            <input
              id={id}
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={key}
              onChange={(e) => setKey(e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={bad}
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
        {busy && <p role="status">{t('common.loading')}</p>}
        {error !== null && error !== 'empty' && !(error instanceof ApiError && error.status === 401) && <ErrorNotice error={error} />}
      </form>
    </main>
  );
}
