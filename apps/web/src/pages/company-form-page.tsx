import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, query } from '../api/client';
import type { CompanyView, MatchList, SectorId, SectorView } from '../api/types';
import { useApi } from '../session/session';
import { Field, FieldSet } from '../ui/field';
import { LeadsTable } from '../ui/leads-table';
import { Empty, ErrorNotice, Loading } from '../ui/states';

interface FormValues {
  name: string;
  inn: string;
  ogrn: string;
  region: string;
  city: string;
  sectors: SectorId[];
  okved: string;
  hsCodes: string;
  capabilities: string[];
  employees: string;
  annualRevenueRub: string;
  exportExperienceYears: string;
  acceptsRubSettlement: boolean;
  owners: string;
  directors: string;
}

const EMPTY: FormValues = {
  name: '',
  inn: '',
  ogrn: '',
  region: '',
  city: '',
  sectors: [],
  okved: '',
  hsCodes: '',
  capabilities: [],
  employees: '',
  annualRevenueRub: '',
  exportExperienceYears: '',
  acceptsRubSettlement: false,
  owners: '',
  directors: '',
};

const codes = (text: string) => text.split(/[\s,;]+/).filter(Boolean);
/** A number as typed; anything else goes to the API as written, which names the field that is wrong. */
const numberOrText = (text: string) => (/^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : text.trim() === '' ? undefined : text.trim());
const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

function toProfile(v: FormValues): Record<string, unknown> {
  return {
    name: v.name,
    inn: v.inn.trim(),
    ...(v.ogrn.trim() ? { ogrn: v.ogrn.trim() } : {}),
    region: v.region,
    city: v.city,
    sectors: v.sectors,
    okved: codes(v.okved),
    hsCodes: codes(v.hsCodes),
    capabilities: v.capabilities,
    employees: numberOrText(v.employees),
    annualRevenueRub: numberOrText(v.annualRevenueRub),
    exportExperienceYears: numberOrText(v.exportExperienceYears),
    acceptsRubSettlement: v.acceptsRubSettlement,
    owners: lines(v.owners).map((line) => {
      const at = line.lastIndexOf(';');
      return at < 0 ? { name: line, sharePct: undefined } : { name: line.slice(0, at).trim(), sharePct: numberOrText(line.slice(at + 1).replace('%', '')) };
    }),
    directors: lines(v.directors).map((name) => ({ name })),
  };
}

function fromCompany(c: CompanyView): FormValues {
  return {
    name: c.name,
    inn: c.inn,
    ogrn: c.ogrn ?? '',
    region: c.region,
    city: c.city,
    sectors: c.sectors,
    okved: c.okved.join(', '),
    hsCodes: c.hsCodes.join(', '),
    capabilities: c.capabilities,
    employees: String(c.employees),
    annualRevenueRub: String(c.annualRevenueRub),
    exportExperienceYears: String(c.exportExperienceYears),
    acceptsRubSettlement: c.acceptsRubSettlement,
    owners: c.owners.map((o) => `${o.name}; ${o.sharePct}`).join('\n'),
    directors: c.directors.map((d) => d.name).join('\n'),
  };
}

/** The new-company and edit-company form, with "Preview matches" for the profile as it stands, unsaved. */
export function CompanyFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<FormValues>(EMPTY);
  const [loaded, setLoaded] = useState(!id);
  const summary = useRef<HTMLDivElement>(null);

  const sectors = useQuery({ queryKey: ['sectors'], queryFn: async () => (await api<SectorView[]>('GET', '/v1/sectors')).body, staleTime: 300_000 });
  const existing = useQuery({
    queryKey: ['company', id],
    enabled: Boolean(id),
    queryFn: async () => (await api<CompanyView>('GET', `/v1/companies/${id}`)).body,
  });
  useEffect(() => {
    if (existing.data && !loaded) {
      setValues(fromCompany(existing.data));
      setLoaded(true);
    }
  }, [existing.data, loaded]);

  const save = useMutation({
    mutationFn: async (profile: Record<string, unknown>) =>
      (await api<CompanyView>(id ? 'PATCH' : 'POST', id ? `/v1/companies/${id}` : '/v1/companies', profile)).body,
    onSuccess: (company) => {
      void queryClient.invalidateQueries({ queryKey: ['companies'] });
      void queryClient.invalidateQueries({ queryKey: ['company', company.id] });
      void navigate(`/companies/${company.id}/leads`);
    },
    onError: () => summary.current?.focus(),
  });
  const [previewProhibited, setPreviewProhibited] = useState(false);
  const preview = useMutation({
    mutationFn: async (profile: Record<string, unknown>) =>
      (await api<MatchList>('POST', `/v1/matchmaking/preview${query({ includeProhibited: previewProhibited || undefined, limit: 50 })}`, profile)).body,
    onError: () => summary.current?.focus(),
  });

  const failure = save.error ?? preview.error;
  const fieldErrors = failure instanceof ApiError ? failure.fieldErrors() : {};
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const text = (key: keyof FormValues, label: string, hint?: string, inputMode?: 'numeric' | 'decimal') => (
    <Field label={label} hint={hint} errors={fieldErrors[key]}>
      {({ id: inputId, describedBy, invalid }) => (
        <input
          id={inputId}
          type="text"
          inputMode={inputMode}
          value={values[key] as string}
          onChange={(e) => set(key, e.target.value as never)}
          aria-describedby={describedBy}
          aria-invalid={invalid}
        />
      )}
    </Field>
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    preview.reset();
    save.mutate(toProfile(values));
  }

  if (id && (existing.isPending || (existing.data && !loaded))) return <Loading />;
  if (id && existing.error) return <ErrorNotice error={existing.error} onRetry={() => void existing.refetch()} />;
  const vocabulary = (sectors.data ?? []).filter((s) => values.sectors.includes(s.id)).flatMap((s) => s.capabilities);
  const uniqueVocabulary = vocabulary.filter((c, i) => vocabulary.findIndex((d) => d.id === c.id) === i);
  const hasFieldErrors = Object.keys(fieldErrors).length > 0;

  return (
    <>
      <h1>{id ? t('companyForm.editTitle', { name: existing.data?.name ?? '' }) : t('companyForm.newTitle')}</h1>
      <div ref={summary} tabIndex={-1} aria-live="polite">
        {failure && hasFieldErrors && (
          <p className="notice error" role="alert">
            {t('companyForm.fix')}
          </p>
        )}
        {failure && !hasFieldErrors && <ErrorNotice error={failure} />}
      </div>
      <form onSubmit={submit} noValidate className="form-grid">
        {text('name', t('company.name'))}
        {text('inn', t('company.inn'), t('company.innHint'), 'numeric')}
        {text('ogrn', t('company.ogrn'), t('company.ogrnHint'), 'numeric')}
        {text('region', t('company.region'))}
        {text('city', t('company.city'))}
        <FieldSet legend={t('company.sectors')} errors={fieldErrors.sectors}>
          {sectors.isPending && <Loading />}
          {sectors.error && <ErrorNotice error={sectors.error} />}
          {(sectors.data ?? []).map((sector) => (
            <label key={sector.id} className="check">
              <input
                type="checkbox"
                checked={values.sectors.includes(sector.id)}
                onChange={(e) => set('sectors', e.target.checked ? [...values.sectors, sector.id] : values.sectors.filter((s) => s !== sector.id))}
              />{' '}
              {t(`sector.${sector.id}`)}
            </label>
          ))}
        </FieldSet>
        {text('okved', t('company.okved'), t('company.codesHint'))}
        {text('hsCodes', t('company.hsCodes'), t('company.codesHint'))}
        <FieldSet legend={t('company.capabilities')} errors={fieldErrors.capabilities} hint={uniqueVocabulary.length === 0 ? t('company.capabilitiesHint') : undefined}>
          <div className="checks">
            {uniqueVocabulary.map((capability) => (
              <label key={capability.id} className="check" title={capability.description}>
                <input
                  type="checkbox"
                  checked={values.capabilities.includes(capability.id)}
                  onChange={(e) =>
                    set('capabilities', e.target.checked ? [...values.capabilities, capability.id] : values.capabilities.filter((c) => c !== capability.id))
                  }
                />{' '}
                {capability.label}
              </label>
            ))}
          </div>
        </FieldSet>
        {text('employees', t('company.employees'), undefined, 'numeric')}
        {text('annualRevenueRub', t('company.revenue'), undefined, 'decimal')}
        {text('exportExperienceYears', t('company.exportYears'), undefined, 'numeric')}
        <FieldSet legend={t('company.settlement')} errors={fieldErrors.acceptsRubSettlement}>
          <label className="check">
            <input type="checkbox" checked={values.acceptsRubSettlement} onChange={(e) => set('acceptsRubSettlement', e.target.checked)} />{' '}
            {t('company.acceptsRub')}
          </label>
        </FieldSet>
        <Field label={t('company.owners')} hint={t('company.ownersHint')} errors={fieldErrors.owners}>
          {({ id: inputId, describedBy, invalid }) => (
            <textarea id={inputId} rows={3} value={values.owners} onChange={(e) => set('owners', e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
        <Field label={t('company.directors')} hint={t('company.directorsHint')} errors={fieldErrors.directors}>
          {({ id: inputId, describedBy, invalid }) => (
            <textarea id={inputId} rows={3} value={values.directors} onChange={(e) => set('directors', e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>
            {t('common.save')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={preview.isPending}
            onClick={() => {
              save.reset();
              preview.mutate(toProfile(values));
            }}
          >
            {t('companyForm.preview')}
          </button>
          <label className="check">
            <input type="checkbox" role="switch" checked={previewProhibited} onChange={(e) => setPreviewProhibited(e.target.checked)} /> {t('leads.showProhibited')}
          </label>
          {save.isPending && <span role="status">{t('common.saving')}</span>}
        </div>
      </form>
      <section aria-label={t('companyForm.previewTitle')} aria-live="polite">
        {preview.isPending && <Loading label={t('companyForm.previewing')} />}
        {preview.data && (
          <>
            <h2>{t('companyForm.previewTitle')}</h2>
            <p className="muted">{t('companyForm.previewNote')}</p>
            {preview.data.items.length === 0 ? <Empty>{t('leads.empty')}</Empty> : <LeadsTable list={preview.data} canRequest={false} />}
          </>
        )}
      </section>
    </>
  );
}
