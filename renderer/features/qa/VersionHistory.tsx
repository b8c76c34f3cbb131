import { useTranslation } from 'react-i18next';
import type { QaVersion } from '../../../shared/model/qa';
import { evidenceKey } from '../../../shared/qa/evidence';
import { diffVersions } from '../../../shared/qa/versions';
import { useServices } from '../../app/services';
import { listVersions, useLive } from '../../db';
import { DiffText } from './DiffText';

/** Every version of a pair, newest first, each with what it changed, who made it and when. */
export function VersionHistory({ pairId, names }: { pairId: string; names: Map<string, string> }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const versions = useLive(() => listVersions(db, pairId), [db, pairId]);
  if (!versions) return null;
  return (
    <section className="version-history" aria-label={t('qa.history.title')}>
      <h3>{t('qa.history.count', { count: versions.length })}</h3>
      <ol reversed>
        {[...versions].reverse().map((version) => (
          <VersionEntry
            key={version.id}
            version={version}
            previous={versions.find((other) => other.version === version.version - 1)}
            who={names.get(version.editedBy) ?? version.editedBy}
          />
        ))}
      </ol>
    </section>
  );
}

function VersionEntry({
  version,
  previous,
  who,
}: {
  version: QaVersion;
  previous: QaVersion | undefined;
  who: string;
}) {
  const { t, i18n } = useTranslation();
  const when = new Date(version.editedAt).toLocaleString(i18n.language);
  const heading = t('qa.history.entry', { version: version.version, who, when });
  if (!previous) {
    return (
      <li>
        <p className="version-head">{heading}</p>
        <p className="hint">{t('qa.history.first')}</p>
      </li>
    );
  }
  const diff = diffVersions(previous, version);
  return (
    <li>
      <p className="version-head">{heading}</p>
      <p className="hint">
        {t('qa.history.changed', {
          fields: version.changed.map((field) => t(`qa.history.field.${field}`)).join(', '),
        })}
      </p>
      {version.changed.includes('question') && (
        <p>
          <strong>{t('qa.question')}:</strong> <DiffText parts={diff.question} />
        </p>
      )}
      {version.changed.includes('answer') && (
        <p>
          <strong>{t('qa.answer')}:</strong> <DiffText parts={diff.answer} />
        </p>
      )}
      {version.changed.includes('tags') && (
        <p className="diff">
          {diff.tags.added.map((tag) => (
            <ins key={tag}>{tag} </ins>
          ))}
          {diff.tags.removed.map((tag) => (
            <del key={tag}>{tag} </del>
          ))}
        </p>
      )}
      {version.changed.includes('evidence') && (
        <p className="diff">
          {diff.evidence.added.map((item) => (
            <ins key={evidenceKey(item)}>{evidenceKey(item)} </ins>
          ))}
          {diff.evidence.removed.map((item) => (
            <del key={evidenceKey(item)}>{evidenceKey(item)} </del>
          ))}
        </p>
      )}
    </li>
  );
}
