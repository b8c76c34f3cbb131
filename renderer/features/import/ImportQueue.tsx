import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import { useImports } from '../../store/imports';
import { QueuedFileCard } from './QueuedFileCard';

export function ImportQueue({ profile, projectId }: { profile: Profile; projectId: string }) {
  const { t } = useTranslation();
  const files = useImports((state) => state.files).filter((file) => file.projectId === projectId);
  const start = useImports((state) => state.start);
  const clearFinished = useImports((state) => state.clearFinished);
  if (files.length === 0) return null;
  const ready = files.filter((file) => file.state === 'ready');
  const isAnyFinished = files.some((file) => ['done', 'failed', 'cancelled'].includes(file.state));
  return (
    <section className="import-queue" aria-labelledby="import-queue-title">
      <div className="table-toolbar">
        <h2 id="import-queue-title">{t('import.queue', { count: files.length })}</h2>
        <span className="spacer" />
        {ready.length > 1 && (
          <button
            type="button"
            className="primary"
            onClick={() => ready.forEach((file) => start(file.id, profile))}
          >
            {t('import.startAll', { count: ready.length })}
          </button>
        )}
        {isAnyFinished && (
          <button type="button" onClick={clearFinished}>
            {t('import.clearFinished')}
          </button>
        )}
      </div>
      <ul className="queue-list">
        {files.map((file) => (
          <QueuedFileCard key={file.id} queued={file} profile={profile} />
        ))}
      </ul>
    </section>
  );
}
