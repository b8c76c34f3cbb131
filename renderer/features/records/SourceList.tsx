import { useTranslation } from 'react-i18next';
import type { Source } from '../../../shared/model/records';
import { useSession } from '../../store/session';

export function SourceList({
  sources,
  selectedId,
}: {
  sources: Source[];
  selectedId: string | null;
}) {
  const { t } = useTranslation();
  const selectSource = useSession((state) => state.selectSource);
  return (
    <ul className="source-list" aria-label={t('records.sourceList')}>
      {sources.map((source) => (
        <li key={source.id}>
          <button
            type="button"
            aria-pressed={source.id === selectedId}
            onClick={() => selectSource(source.id)}
          >
            <strong>{source.fileName}</strong>
            <span className="hint">
              {t('records.sourceSummary', { rows: source.rowCount, fields: source.fields.length })}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
