import { useTranslation } from 'react-i18next';
import type { ComplianceRule, ListHit, Verdict } from '../api/types';

export function VerdictBadge({ verdict }: { verdict: Verdict | string }) {
  const { t } = useTranslation();
  const known = ['prohibited', 'exemption_required', 'review', 'clear'].includes(verdict);
  return <span className={`badge verdict-${verdict}`}>{known ? t(`verdict.${verdict as Verdict}`) : verdict}</span>;
}

/** The rules a verdict cites: resolution and paragraph, and a visible mark on every rule not verified against an official text. */
export function RuleList({ rules }: { rules: ComplianceRule[] }) {
  const { t } = useTranslation();
  if (rules.length === 0) return <p className="muted">{t('compliance.noRules')}</p>;
  return (
    <ul className="rules" aria-label={t('compliance.rules')}>
      {rules.map((rule) => (
        <li key={rule.id} className="rule">
          <p>
            <strong>{rule.id}</strong> <VerdictBadge verdict={rule.verdict} />{' '}
            {!rule.verified && (
              <span className="badge unverified" title={t('compliance.unverifiedHint')}>
                {t('compliance.unverified')}
              </span>
            )}
          </p>
          <p>{rule.title}</p>
          <p className="small">
            {t('compliance.resolution')}: {rule.resolution ?? t('compliance.none')} · {t('compliance.paragraph')}: {rule.paragraph ?? t('compliance.none')}
          </p>
          {rule.exemptionPath && (
            <p className="small">
              {t('compliance.exemptionPath')}: {rule.exemptionPath}
            </p>
          )}
          {rule.conditions && rule.conditions.length > 0 && (
            <details>
              <summary>{t('compliance.conditions')}</summary>
              <ul>
                {rule.conditions.map((condition) => (
                  <li key={condition}>{condition}</li>
                ))}
              </ul>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}

export type ShownHit = Omit<ListHit, 'party' | 'name'> & Partial<Pick<ListHit, 'party' | 'name'>>;

/** Possible or certain matches of a name against the UN list, each with why it matched. */
export function ListHits({ hits }: { hits: ShownHit[] }) {
  const { t } = useTranslation();
  if (hits.length === 0) return <p className="muted">{t('compliance.noHits')}</p>;
  return (
    <ul className="hits" aria-label={t('compliance.listHits')}>
      {hits.map((hit, i) => (
        <li key={`${hit.referenceNumber}-${hit.name ?? ''}-${i}`} className="hit">
          <p>
            <strong>{hit.listedName}</strong> ({hit.referenceNumber}) <span className={`badge hit-${hit.strength}`}>{t(`compliance.strength.${hit.strength}`)}</span>
          </p>
          <p className="small">
            {hit.party && hit.name ? `${t(`compliance.party.${hit.party}`)}: ${hit.name} · ` : ''}
            {t('compliance.hitScore', { score: hit.score })} · {hit.regime} · {hit.type === 'individual' ? t('compliance.individual') : t('compliance.entity')}
          </p>
          <p className="small">{hit.explanation}</p>
        </li>
      ))}
    </ul>
  );
}

/** A verdict with its evidence: rules, list hits and the screen's reasons. */
export function ComplianceDetails({ verdict, rules, hits, reasons }: { verdict: Verdict; rules: ComplianceRule[]; hits: ShownHit[]; reasons: string[] }) {
  const { t } = useTranslation();
  return (
    <div className="compliance">
      <p>
        {t('compliance.verdict')}: <VerdictBadge verdict={verdict} />
      </p>
      <h4>{t('compliance.rules')}</h4>
      <RuleList rules={rules} />
      <h4>{t('compliance.listHits')}</h4>
      <ListHits hits={hits} />
      {reasons.length > 0 && (
        <>
          <h4>{t('compliance.reasons')}</h4>
          <ul className="small">
            {reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
