import { useTranslation } from 'react-i18next';
import type { JobProgress } from './dataset-job';
import { formatSize } from './sizes';

/** Files and examples written so far, with a bar that moves inside a large file too. */
export function ProgressPanel({
  progress,
  onCancel,
}: {
  progress: JobProgress | null;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const curation = progress?.curation;
  return (
    <section className="export-progress card" aria-label={t('export.progress.title')}>
      <h2>{t('export.progress.title')}</h2>
      <progress
        aria-label={t('export.progress.title')}
        max={Math.max(1, curation ? curation.total : (progress?.rowsTotal ?? 0))}
        value={curation ? curation.done : (progress?.rowsWritten ?? 0)}
      />
      {curation && (
        <p role="status">
          {t(`export.progress.phase.${curation.phase}`, {
            done: curation.done,
            total: curation.total,
          })}
        </p>
      )}
      {progress && !curation && (
        <p role="status">
          {progress.filesTotal > 0
            ? t('export.progress.file', {
                path: progress.path,
                done: Math.min(progress.filesDone + 1, progress.filesTotal),
                total: progress.filesTotal,
              })
            : progress.path}
          {progress.rowsTotal > 0 &&
            ` · ${t('export.progress.rows', { rows: progress.rowsWritten, total: progress.rowsTotal })}`}
          {progress.bytesWritten > 0 &&
            ` · ${t('export.progress.bytes', { size: formatSize(progress.bytesWritten) })}`}
        </p>
      )}
      <button type="button" onClick={onCancel}>
        {t('export.cancel')}
      </button>
    </section>
  );
}
