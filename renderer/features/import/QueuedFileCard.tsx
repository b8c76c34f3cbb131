import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import { ActionButton } from '../../app/ActionButton';
import { useImports, type QueuedFile } from '../../store/imports';
import { formatBytes } from './format';
import { ImportSettingsForm } from './ImportSettingsForm';
import { PreviewTable } from './PreviewTable';

export function QueuedFileCard({ queued, profile }: { queued: QueuedFile; profile: Profile }) {
  const { t } = useTranslation();
  const { start, cancel, remove } = useImports();
  const [isPreviewShown, setPreviewShown] = useState(true);
  const { state, progress, result, error } = queued;

  return (
    <li className="card queued-file" aria-label={queued.fileName}>
      <div className="queued-head">
        <strong>{queued.fileName}</strong>
        <span className="hint">{formatBytes(queued.size)}</span>
        <span className={`badge import-${state}`}>{t(`import.state.${state}`)}</span>
        <span className="spacer" />
        {state === 'ready' && (
          <>
            <button type="button" onClick={() => setPreviewShown(!isPreviewShown)}>
              {isPreviewShown ? t('import.hidePreview') : t('import.showPreview')}
            </button>
            <ActionButton
              action="source:import"
              profile={profile}
              className="primary"
              onClick={() => start(queued.id, profile)}
            >
              {t('import.start')}
            </ActionButton>
          </>
        )}
        {state === 'importing' && (
          <button type="button" onClick={() => cancel(queued.id)}>
            {t('import.cancel')}
          </button>
        )}
        {state !== 'importing' && (
          <button
            type="button"
            onClick={() => remove(queued.id)}
            aria-label={t('import.removeLabel', { file: queued.fileName })}
          >
            {t('import.remove')}
          </button>
        )}
      </div>
      {queued.duplicates.length > 0 && state === 'ready' && (
        <p className="warning" role="note">
          {t('import.duplicate', {
            file: queued.duplicates[0]?.fileName,
            when: new Date(queued.duplicates[0]?.importedAt ?? '').toLocaleString(),
          })}
        </p>
      )}
      {state === 'ready' && queued.settings && queued.detection && (
        <ImportSettingsForm
          id={queued.id}
          settings={queued.settings}
          sheets={queued.detection.sheets}
        />
      )}
      {state === 'importing' && progress && (
        <div className="progress-line">
          <progress aria-label={t('import.progressLabel', { file: queued.fileName })} />
          <span role="status">
            {t('import.progress', {
              rows: progress.rows.toLocaleString(),
              speed: progress.rowsPerSecond.toLocaleString(),
            })}
          </span>
        </div>
      )}
      {state === 'done' && result && (
        <p role="status" className="ok">
          {t('import.done', {
            rows: result.rowCount.toLocaleString(),
            skipped: result.skipped,
            mapped: result.automaticMappings,
          })}
        </p>
      )}
      {state === 'cancelled' && <p role="status">{t('import.cancelled')}</p>}
      {error && <p role="alert">{error.message}</p>}
      {state === 'ready' && isPreviewShown && queued.preview && (
        <PreviewTable preview={queued.preview} />
      )}
    </li>
  );
}
