import { useTranslation } from 'react-i18next';
import type { SectorId } from '../api/types';
import { SECTOR_IDS } from '../api/types';
import { Field } from './field';

/** The labelled "Sector" filter of a list: one sector, or all of them (''). */
export function SectorSelect({ value, onChange }: { value: SectorId | ''; onChange: (sector: SectorId | '') => void }) {
  const { t } = useTranslation();
  return (
    <Field label={t('leads.sectorFilter')}>
      {({ id }) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value as SectorId | '')}>
          <option value="">{t('leads.allSectors')}</option>
          {SECTOR_IDS.map((s) => (
            <option key={s} value={s}>
              {t(`sector.${s}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
