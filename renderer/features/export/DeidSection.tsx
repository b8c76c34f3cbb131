import { useTranslation } from 'react-i18next';
import type { ExportForm } from './export-form';
import type { SectionProps } from './FormatSection';

/** De-identification: on or off, placeholders or pseudonyms, dates, and names to add. */
export function DeidSection({ form, update }: SectionProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="export-section">
      <legend>{t('export.deidTitle')}</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={form.deidentify}
          onChange={(event) => update({ deidentify: event.target.checked })}
        />
        {t('export.deidentify')}
      </label>
      {form.deidentify && (
        <>
          {(['placeholder', 'pseudonym'] as const).map((mode) => (
            <label key={mode} className="check">
              <input
                type="radio"
                name="deid-mode"
                checked={form.deidMode === mode}
                onChange={() => update({ deidMode: mode })}
              />
              {t(`export.mode.${mode}`)}
            </label>
          ))}
          <label>
            {t('export.dates')}
            <select
              value={form.dates}
              onChange={(event) => update({ dates: event.target.value as ExportForm['dates'] })}
            >
              {(['shift', 'placeholder', 'keep'] as const).map((mode) => (
                <option key={mode} value={mode}>
                  {t(`export.datesMode.${mode}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('export.names')}
            <textarea
              rows={3}
              value={form.names}
              onChange={(event) => update({ names: event.target.value })}
            />
          </label>
        </>
      )}
    </fieldset>
  );
}
