import { useTranslation } from 'react-i18next';
import type { QueuedFile } from '../../store/imports';

export function PreviewTable({ preview }: { preview: NonNullable<QueuedFile['preview']> }) {
  const { t } = useTranslation();
  return (
    <div className="preview">
      <p className="hint">
        {t('import.previewCaption', { count: preview.rows.length, fields: preview.fields.length })}
      </p>
      {preview.skipped.length > 0 && (
        <p className="warning">
          {t('import.previewSkipped', {
            count: preview.skipped.length,
            reason: preview.skipped[0]?.reason,
          })}
        </p>
      )}
      <div className="preview-scroller">
        <table className="record-table" aria-label={t('import.previewLabel')}>
          <thead>
            <tr>
              {preview.fields.map((field) => (
                <th key={field} scope="col">
                  {field}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, index) => (
              <tr key={index}>
                {preview.fields.map((field, column) => (
                  <td key={field}>{row[column] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
