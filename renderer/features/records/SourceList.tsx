import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { Source } from '../../../shared/model/records';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { deleteSource, useLive } from '../../db';
import { useSession } from '../../store/session';
import { formatBytes } from '../import/format';
import { SourceListSystem } from './SourceListSystem';

interface SourceListProps {
  sources: Source[];
  selectedId: string | null;
  profile: Profile;
}

export function SourceList({ sources, selectedId, profile }: SourceListProps) {
  const { t } = useTranslation();
  const { db } = useServices();
  const selectSource = useSession((state) => state.selectSource);
  const [confirming, setConfirming] = useState<string | null>(null);
  const people = useLive(() => db.profiles.toArray(), [db]);
  const nameOf = (id: string) => people?.find((person) => person.id === id)?.name ?? id;

  return (
    <ul className="source-list" aria-label={t('records.sourceList')}>
      {sources.map((source) => (
        <li key={source.id} className={source.id === selectedId ? 'source is-selected' : 'source'}>
          <button
            type="button"
            aria-pressed={source.id === selectedId}
            onClick={() => selectSource(source.id)}
          >
            <strong>
              {source.sheet ? `${source.fileName} › ${source.sheet}` : source.fileName}
            </strong>
            <span className="hint">
              {t('records.sourceSummary', {
                rows: source.rowCount.toLocaleString(),
                fields: source.fields.length,
              })}
            </span>
          </button>
          {source.id === selectedId && (
            <dl className="source-details">
              <dt>{t('sources.format')}</dt>
              <dd>
                {t(`formats.${source.format}`)}
                {source.format === 'xlsx' ? '' : ` · ${source.encoding.toUpperCase()}`}
              </dd>
              <SourceListSystem source={source} profile={profile} />
              <dt>{t('sources.size')}</dt>
              <dd>{formatBytes(source.size)}</dd>
              <dt>SHA-256</dt>
              <dd title={source.sha256}>
                <code>{source.sha256.slice(0, 12)}…</code>
              </dd>
              <dt>{t('sources.imported')}</dt>
              <dd>
                {t('sources.importedBy', {
                  who: nameOf(source.importedBy),
                  when: new Date(source.importedAt).toLocaleString(),
                })}
              </dd>
              {source.skipped.length > 0 && (
                <>
                  <dt>{t('sources.skipped')}</dt>
                  <dd>
                    <details>
                      <summary>
                        {t('sources.skippedCount', { count: source.skipped.length })}
                      </summary>
                      <ul className="skipped-list">
                        {source.skipped.slice(0, 200).map((skip, index) => (
                          <li key={index}>
                            {t('sources.skippedLine', {
                              line: skip.origin.line ?? skip.origin.row ?? '?',
                              reason: skip.reason,
                            })}
                          </li>
                        ))}
                      </ul>
                    </details>
                  </dd>
                </>
              )}
            </dl>
          )}
          {source.id === selectedId &&
            (confirming === source.id ? (
              <div className="buttons">
                <span>
                  {t('sources.confirmDelete', { rows: source.rowCount.toLocaleString() })}
                </span>
                <button
                  type="button"
                  className="danger"
                  onClick={() =>
                    void deleteSource(db, profile, source.id).then(() => setConfirming(null))
                  }
                >
                  {t('sources.delete')}
                </button>
                <button type="button" onClick={() => setConfirming(null)}>
                  {t('sources.keep')}
                </button>
              </div>
            ) : (
              <ActionButton
                action="source:import"
                profile={profile}
                onClick={() => setConfirming(source.id)}
              >
                {t('sources.deleteRecords')}
              </ActionButton>
            ))}
        </li>
      ))}
    </ul>
  );
}
