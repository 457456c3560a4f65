import { useTranslation } from 'react-i18next';
import type { CriterionScore } from '../api/types';

const points = (n: number) => (Math.round(n * 100) / 100).toString();

/**
 * A score explained: one bar per criterion, filled to its contribution out of the most it can
 * give (its weight), each with the scorer's reason; the contributions add up to the score.
 */
export function Breakdown({ breakdown, score }: { breakdown: CriterionScore[]; score: number }) {
  const { t } = useTranslation();
  return (
    <div className="breakdown">
      <h4>{t('breakdown.title', { score: points(score) })}</h4>
      <ul aria-label={t('breakdown.label')}>
        {breakdown.map((line) => {
          const max = line.weight * 100;
          const name = t(`criterion.${line.criterion}`, { defaultValue: line.criterion });
          return (
            <li key={line.criterion} className="criterion">
              <div className="criterion-head">
                <span>{name}</span>
                <span className="points">{t('breakdown.points', { points: points(line.contribution), max: points(max) })}</span>
              </div>
              <div
                className="bar"
                role="meter"
                aria-label={name}
                aria-valuemin={0}
                aria-valuemax={max}
                aria-valuenow={line.contribution}
                aria-valuetext={t('breakdown.points', { points: points(line.contribution), max: points(max) })}
              >
                <div className="bar-fill" style={{ width: `${max > 0 ? Math.min(100, (line.contribution / max) * 100) : 0}%` }} />
              </div>
              <p className="small muted">{line.reason}</p>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
