import { useTranslation } from 'react-i18next';
import type { ExportOverview } from '../../db';
import type { RecordFormat } from './export-form';
import type { SectionProps } from './FormatSection';

/** What else goes into the folder: normalized records, the mapping table, OCR corrections. */
export function AlsoSection({
  form,
  update,
  overview,
}: SectionProps & { overview: ExportOverview | undefined }) {
  const { t } = useTranslation();
  const corrections = overview?.corrections ?? 0;
  return (
    <fieldset className="export-section">
      <legend>{t('export.alsoTitle')}</legend>
      <label>
        {t('export.records', { count: overview?.records ?? 0 })}
        <select
          value={form.records}
          onChange={(event) => update({ records: event.target.value as RecordFormat })}
        >
          {(['none', 'jsonl', 'csv', 'parquet'] as const).map((format) => (
            <option key={format} value={format}>
              {t(`export.recordFormats.${format}`)}
            </option>
          ))}
        </select>
      </label>
      {form.records !== 'none' && (
        <label className="check">
          <input
            type="checkbox"
            checked={form.includeRaw}
            onChange={(event) => update({ includeRaw: event.target.checked })}
          />
          {t('export.includeRaw')}
        </label>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={form.mappings}
          onChange={(event) => update({ mappings: event.target.checked })}
        />
        {t('export.mappings', { count: overview?.mappings ?? 0 })}
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={form.corrections && !form.deidentify}
          disabled={form.deidentify || corrections === 0}
          onChange={(event) => update({ corrections: event.target.checked })}
        />
        {t('export.corrections', { count: corrections })}
      </label>
      {form.deidentify && corrections > 0 && <p className="hint">{t('export.correctionsDeid')}</p>}
    </fieldset>
  );
}
