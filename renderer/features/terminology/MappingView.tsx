import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { Project } from '../../../shared/model/records';
import { useServices } from '../../app/services';
import { listSources, loadFieldNames, readDictionaryVersion, useLive } from '../../db';
import { useSession } from '../../store/session';
import { FieldMappingCard } from './FieldMappingCard';
import { useSuggestions } from './use-suggestions';

export function MappingView({ profile, project }: { profile: Profile; project: Project }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const sourceId = useSession((state) => state.sourceId);
  const sources = useLive(() => listSources(db, project.id), [db, project.id]);
  const source = sources?.find((candidate) => candidate.id === sourceId) ?? sources?.at(-1);
  const fields = useMemo(() => source?.fields ?? [], [source]);
  const names = useLive(() => loadFieldNames(db, project.id, fields), [db, project.id, fields]);
  const suggestions = useSuggestions(fields);
  const dictionaryVersion = useLive(() => readDictionaryVersion(db), [db]);

  if (!source) return <p className="hint">{t('mapping.noSource')}</p>;
  if (!names || !suggestions) return <p className="hint">{t('records.loading')}</p>;
  const mapped = names.filter((name) => name.canonical).length;

  return (
    <section className="mapping">
      <div className="table-toolbar">
        <h1>{t('mapping.title', { file: source.fileName })}</h1>
        <span className="hint" data-testid="mapping-coverage">
          {t('mapping.coverage', { mapped, total: names.length })}
        </span>
        <span className="hint">
          {t('mapping.dictionaryVersion', { version: dictionaryVersion ?? '' })}
        </span>
      </div>
      <div className="mapping-list">
        {names.map((name) => (
          <FieldMappingCard
            key={name.raw}
            name={name}
            suggestions={suggestions.get(name.raw) ?? []}
            profile={profile}
            projectId={project.id}
            sourceId={source.id}
          />
        ))}
      </div>
    </section>
  );
}
