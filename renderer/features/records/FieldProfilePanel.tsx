import { useTranslation } from 'react-i18next';
import type { Source } from '../../../shared/model/records';

/** Per column: what type it holds, how often it is empty, how many values, the commonest ones. */
export function FieldProfilePanel({ source }: { source: Source }) {
  const { t } = useTranslation();
  if (source.profile.length === 0 && source.rowCount > 0) {
    return (
      <p className="hint" role="status">
        {t('records.profiling')}
      </p>
    );
  }
  return (
    <div className="profile-panel">
      <table
        className="audit-table"
        aria-label={t('records.profileLabel', { file: source.fileName })}
      >
        <thead>
          <tr>
            <th scope="col">{t('fieldProfile.field')}</th>
            <th scope="col">{t('fieldProfile.type')}</th>
            <th scope="col">{t('fieldProfile.empty')}</th>
            <th scope="col">{t('fieldProfile.distinct')}</th>
            <th scope="col">{t('fieldProfile.top')}</th>
          </tr>
        </thead>
        <tbody>
          {source.profile.map((column) => (
            <tr key={column.field}>
              <td>
                <code>{column.field}</code>
              </td>
              <td>{t(`valueTypes.${column.type}`)}</td>
              <td>{(column.emptyRate * 100).toFixed(1)}%</td>
              <td>
                {column.distinctCount.toLocaleString()}
                {column.isDistinctCapped ? '+' : ''}
              </td>
              <td className="top-values">
                {column.topValues
                  .slice(0, 5)
                  .map((top) => `${top.value} (${top.count.toLocaleString()})`)
                  .join(' · ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
