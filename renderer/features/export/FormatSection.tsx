import { useTranslation } from 'react-i18next';
import { qaFormats, type QaFormat } from '../../../shared/export/dataset-files';
import type { ExportForm } from './export-form';

interface SectionProps {
  form: ExportForm;
  update: (patch: Partial<ExportForm>) => void;
}

/** Which file format the pairs are written in, and how each example is put together. */
export function FormatSection({ form, update }: SectionProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="export-section">
      <legend>{t('export.formatTitle')}</legend>
      <label>
        {t('export.format')}
        <select
          value={form.format}
          onChange={(event) => update({ format: event.target.value as QaFormat })}
        >
          {qaFormats.map((format) => (
            <option key={format} value={format}>
              {t(`export.formats.${format}`)}
            </option>
          ))}
        </select>
      </label>
      {form.format === 'hf' && (
        <>
          <label>
            {t('export.hfData')}
            <select
              value={form.hfDataFormat}
              onChange={(event) =>
                update({ hfDataFormat: event.target.value as ExportForm['hfDataFormat'] })
              }
            >
              <option value="jsonl">JSONL</option>
              <option value="parquet">Parquet</option>
            </select>
          </label>
          <label>
            {t('export.license')}
            <input
              value={form.license}
              onChange={(event) => update({ license: event.target.value })}
            />
          </label>
        </>
      )}
      <p className="hint">{t('export.llamaFactory')}</p>
      <label>
        {t('export.systemPrompt')}
        <textarea
          rows={2}
          value={form.systemPrompt}
          onChange={(event) => update({ systemPrompt: event.target.value })}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={form.includeEvidence}
          onChange={(event) => update({ includeEvidence: event.target.checked })}
        />
        {t('export.includeEvidence')}
      </label>
    </fieldset>
  );
}

export type { SectionProps };
