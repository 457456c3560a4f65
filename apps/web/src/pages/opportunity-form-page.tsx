import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/client';
import type { OpportunityView, SectorId, SectorView } from '../api/types';
import { DIRECTIONS, STRUCTURES } from '../api/types';
import { useApi } from '../session/session';
import { Field, FieldSet } from '../ui/field';
import { ErrorNotice, Loading } from '../ui/states';

interface FormValues {
  sector: SectorId | '';
  title: string;
  description: string;
  siteName: string;
  lat: string;
  lon: string;
  counterpartyName: string;
  contact: string;
  requiredCapabilities: string[];
  hsCodes: string;
  okved: string;
  direction: string;
  structure: string;
  sizeUsd: string;
  settlementCurrencies: string;
  attributes: Record<string, string>;
}

const EMPTY: FormValues = {
  sector: '',
  title: '',
  description: '',
  siteName: '',
  lat: '',
  lon: '',
  counterpartyName: '',
  contact: '',
  requiredCapabilities: [],
  hsCodes: '',
  okved: '',
  direction: '',
  structure: '',
  sizeUsd: '',
  settlementCurrencies: 'RUB',
  attributes: {},
};

const codes = (text: string) => text.split(/[\s,;]+/).filter(Boolean);
const numberOrText = (text: string) => (/^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : text.trim() === '' ? undefined : text.trim());

function toInput(v: FormValues, sector: SectorView | undefined): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const attribute of sector?.attributes ?? []) {
    const raw = v.attributes[attribute.name] ?? '';
    if (raw === '') continue;
    const numeric = attribute.type === 'number' || (attribute.values ?? []).every((value) => typeof value === 'number');
    attributes[attribute.name] = numeric ? numberOrText(raw) : raw;
  }
  return {
    sector: v.sector || undefined,
    title: v.title,
    description: v.description,
    site: { name: v.siteName, lat: numberOrText(v.lat), lon: numberOrText(v.lon) },
    counterparty: { name: v.counterpartyName, ...(v.contact.trim() ? { contact: v.contact } : {}) },
    requiredCapabilities: v.requiredCapabilities,
    hsCodes: codes(v.hsCodes),
    okved: codes(v.okved),
    direction: v.direction || undefined,
    structure: v.structure || undefined,
    sizeUsd: numberOrText(v.sizeUsd),
    settlementCurrencies: codes(v.settlementCurrencies.toUpperCase()),
    attributes,
  };
}

function fromOpportunity(o: OpportunityView): FormValues {
  return {
    sector: o.sector,
    title: o.title,
    description: o.description,
    siteName: o.site.name,
    lat: String(o.site.lat),
    lon: String(o.site.lon),
    counterpartyName: o.counterparty.name,
    contact: o.counterparty.contact ?? '',
    requiredCapabilities: o.requiredCapabilities,
    hsCodes: o.hsCodes.join(', '),
    okved: o.okved.join(', '),
    direction: o.direction,
    structure: o.structure,
    sizeUsd: String(o.sizeUsd),
    settlementCurrencies: o.settlementCurrencies.join(', '),
    attributes: Object.fromEntries(Object.entries(o.attributes).map(([k, value]) => [k, String(value)])),
  };
}

/** Publishing or editing an opportunity; the sector's own attribute fields come from GET /v1/sectors. */
export function OpportunityFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const summary = useRef<HTMLDivElement>(null);
  const [values, setValues] = useState<FormValues>(EMPTY);
  const [loaded, setLoaded] = useState(!id);
  const sectors = useQuery({ queryKey: ['sectors'], queryFn: async () => (await api<SectorView[]>('GET', '/v1/sectors')).body, staleTime: 300_000 });
  const existing = useQuery({
    queryKey: ['opportunity', id],
    enabled: Boolean(id),
    queryFn: async () => (await api<OpportunityView>('GET', `/v1/opportunities/${id}`)).body,
  });
  useEffect(() => {
    if (existing.data && !loaded) {
      setValues(fromOpportunity(existing.data));
      setLoaded(true);
    }
  }, [existing.data, loaded]);
  const sector = sectors.data?.find((s) => s.id === values.sector);
  const save = useMutation({
    mutationFn: async () => {
      const input = toInput(values, sector);
      if (id) delete input.sector;
      return (await api<OpportunityView>(id ? 'PATCH' : 'POST', id ? `/v1/opportunities/${id}` : '/v1/opportunities', input)).body;
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['opportunities'] });
      void queryClient.invalidateQueries({ queryKey: ['opportunity', id] });
      void navigate('/opportunities');
    },
    onError: () => summary.current?.focus(),
  });
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  // Attribute errors name the attribute (`attributes.mineral`): show each next to its own field.
  const attributeErrors: Record<string, string[]> = {};
  if (save.error instanceof ApiError && Array.isArray(save.error.body?.details)) {
    for (const { field, reason } of save.error.body.details) {
      const [head, name] = String(field).split('.');
      if (head === 'attributes' && name) (attributeErrors[name] ??= []).push(reason);
    }
  }
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const text = (key: keyof FormValues, label: string, errorKey: string = key, hint?: string) => (
    <Field label={label} hint={hint} errors={fieldErrors[errorKey]}>
      {({ id: inputId, describedBy, invalid }) => (
        <input id={inputId} type="text" value={values[key] as string} onChange={(e) => set(key, e.target.value as never)} aria-describedby={describedBy} aria-invalid={invalid} />
      )}
    </Field>
  );
  const select = (key: 'direction' | 'structure', label: string, options: readonly string[], prefix: 'direction' | 'structure') => (
    <Field label={label} errors={fieldErrors[key]}>
      {({ id: inputId, describedBy, invalid }) => (
        <select id={inputId} value={values[key]} onChange={(e) => set(key, e.target.value)} aria-describedby={describedBy} aria-invalid={invalid}>
          <option value="">{t('common.choose')}</option>
          {options.map((o) => (
            <option key={o} value={o}>
              {t(`${prefix}.${o as 'contract'}` as 'structure.contract')}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  if (id && (existing.isPending || (existing.data && !loaded))) return <Loading />;
  if (id && existing.error) return <ErrorNotice error={existing.error} />;
  const hasFieldErrors = Object.keys(fieldErrors).length > 0;
  const fieldSiteErrors = [...(fieldErrors.site ?? [])];
  return (
    <>
      <h1>{id ? t('opportunityForm.editTitle', { title: existing.data?.title ?? '' }) : t('opportunityForm.newTitle')}</h1>
      <div ref={summary} tabIndex={-1} aria-live="polite">
        {save.error && hasFieldErrors && (
          <p className="notice error" role="alert">
            {t('companyForm.fix')}
          </p>
        )}
        {save.error && !hasFieldErrors && <ErrorNotice error={save.error} />}
      </div>
      {sectors.error && <ErrorNotice error={sectors.error} />}
      <form onSubmit={submit} noValidate className="form-grid">
        <Field label={t('opportunity.sector')} errors={fieldErrors.sector}>
          {({ id: inputId, describedBy, invalid }) => (
            <select
              id={inputId}
              value={values.sector}
              disabled={Boolean(id)}
              onChange={(e) => setValues((v) => ({ ...v, sector: e.target.value as SectorId, attributes: {}, requiredCapabilities: [] }))}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            >
              <option value="">{t('common.choose')}</option>
              {(sectors.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {t(`sector.${s.id}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('title', t('opportunity.title'))}
        <Field label={t('opportunity.description')} errors={fieldErrors.description}>
          {({ id: inputId, describedBy, invalid }) => (
            <textarea id={inputId} rows={3} value={values.description} onChange={(e) => set('description', e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
        {text('siteName', t('opportunity.siteName'), 'site')}
        {text('lat', t('opportunity.lat'), 'site')}
        {text('lon', t('opportunity.lon'), 'site')}
        {fieldSiteErrors.length > 0 && null}
        {text('counterpartyName', t('opportunity.counterparty'), 'counterparty')}
        {text('contact', t('opportunity.contact'), 'counterparty')}
        {select('direction', t('opportunity.direction'), DIRECTIONS, 'direction')}
        {select('structure', t('opportunity.structure'), STRUCTURES, 'structure')}
        {text('hsCodes', t('company.hsCodes'), 'hsCodes', t('company.codesHint'))}
        {text('okved', t('company.okved'), 'okved', t('company.codesHint'))}
        {text('sizeUsd', t('opportunity.sizeUsd'))}
        {text('settlementCurrencies', t('opportunity.currencies'), 'settlementCurrencies', t('opportunity.currenciesHint'))}
        <FieldSet legend={t('opportunity.capabilities')} errors={fieldErrors.requiredCapabilities} hint={sector ? undefined : t('opportunityForm.chooseSector')}>
          <div className="checks">
            {(sector?.capabilities ?? []).map((capability) => (
              <label key={capability.id} className="check" title={capability.description}>
                <input
                  type="checkbox"
                  checked={values.requiredCapabilities.includes(capability.id)}
                  onChange={(e) =>
                    set(
                      'requiredCapabilities',
                      e.target.checked ? [...values.requiredCapabilities, capability.id] : values.requiredCapabilities.filter((c) => c !== capability.id),
                    )
                  }
                />{' '}
                {capability.label}
              </label>
            ))}
          </div>
        </FieldSet>
        <FieldSet legend={t('opportunity.attributes')} errors={fieldErrors.attributes?.filter(() => Object.keys(attributeErrors).length === 0)} hint={sector ? undefined : t('opportunityForm.chooseSector')}>
          {(sector?.attributes ?? []).map((attribute) => {
            const label = `${attribute.name}${attribute.required ? ' *' : ''}`;
            const value = values.attributes[attribute.name] ?? '';
            const change = (next: string) => setValues((v) => ({ ...v, attributes: { ...v.attributes, [attribute.name]: next } }));
            return (
              <Field key={attribute.name} label={label} hint={attribute.description} errors={attributeErrors[attribute.name]}>
                {({ id: inputId, describedBy, invalid }) =>
                  attribute.values ? (
                    <select id={inputId} value={value} onChange={(e) => change(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid}>
                      <option value="">{attribute.required ? t('common.choose') : t('common.none')}</option>
                      {attribute.values.map((option) => (
                        <option key={String(option)} value={String(option)}>
                          {String(option)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      id={inputId}
                      type="text"
                      inputMode={attribute.type === 'number' ? 'decimal' : undefined}
                      value={value}
                      onChange={(e) => change(e.target.value)}
                      aria-describedby={describedBy}
                      aria-invalid={invalid}
                    />
                  )
                }
              </Field>
            );
          })}
        </FieldSet>
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>
            {id ? t('common.save') : t('opportunityForm.publish')}
          </button>
          {save.isPending && <span role="status">{t('common.saving')}</span>}
        </div>
      </form>
    </>
  );
}
