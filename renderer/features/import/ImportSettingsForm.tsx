import { useTranslation } from 'react-i18next';
import { delimiters } from '../../../shared/ingest/delimited';
import { encodings } from '../../../shared/ingest/encoding';
import type { ImportSettings } from '../../../shared/ingest/open';
import type { ImportMode, IngestFormat } from '../../../shared/ingest/types';
import { useImports } from '../../store/imports';

const formats: IngestFormat[] = ['csv', 'tsv', 'xlsx', 'json', 'ndjson', 'hl7v2', 'fhir'];
const delimiterNames: Record<string, string> = { ',': ',', '\t': 'Tab', ';': ';', '|': '|' };

/** What was detected, each choice open to a correction before the import starts. */
export function ImportSettingsForm({
  id,
  settings,
  sheets,
}: {
  id: string;
  settings: ImportSettings;
  sheets: string[];
}) {
  const { t } = useTranslation();
  const change = useImports((state) => state.change);
  const isText = settings.format !== 'xlsx';
  const isDelimited = settings.format === 'csv' || settings.format === 'tsv';
  return (
    <div className="import-settings">
      <label>
        {t('import.format')}
        <select
          value={settings.format}
          onChange={(event) => change(id, { format: event.target.value as IngestFormat })}
        >
          {formats.map((format) => (
            <option key={format} value={format}>
              {t(`formats.${format}`)}
            </option>
          ))}
        </select>
      </label>
      {isText && (
        <label>
          {t('import.encoding')}
          <select
            value={settings.encoding}
            onChange={(event) =>
              change(id, { encoding: event.target.value as ImportSettings['encoding'] })
            }
          >
            {encodings.map((encoding) => (
              <option key={encoding} value={encoding}>
                {encoding.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
      )}
      {isDelimited && (
        <label>
          {t('import.delimiter')}
          <select
            value={settings.delimiter}
            onChange={(event) => change(id, { delimiter: event.target.value })}
          >
            {delimiters.map((delimiter) => (
              <option key={delimiter} value={delimiter}>
                {delimiterNames[delimiter]}
              </option>
            ))}
          </select>
        </label>
      )}
      {settings.format === 'xlsx' && (
        <label>
          {t('import.sheet')}
          <select
            value={settings.sheet ?? ''}
            onChange={(event) => change(id, { sheet: event.target.value })}
          >
            {sheets.map((sheet) => (
              <option key={sheet} value={sheet}>
                {sheet}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('import.mode')}
        <select
          value={settings.mode}
          onChange={(event) => change(id, { mode: event.target.value as ImportMode })}
        >
          <option value="strict">{t('import.strict')}</option>
          <option value="lenient">{t('import.lenient')}</option>
        </select>
      </label>
    </div>
  );
}
