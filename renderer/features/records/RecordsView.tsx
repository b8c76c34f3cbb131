import { useTranslation } from 'react-i18next';
import { acceptedExtensions } from '../../../shared/ingest/open';
import type { Profile } from '../../../shared/model/people';
import type { Project } from '../../../shared/model/records';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { listSources, useLive } from '../../db';
import { ImportQueue } from '../import/ImportQueue';
import { useImports } from '../../store/imports';
import { useSession } from '../../store/session';
import { DropZone } from './DropZone';
import { SourceList } from './SourceList';
import { SourceTable } from './SourceTable';

const importFilter = [{ name: 'Records', extensions: acceptedExtensions }];

export function RecordsView({ profile, project }: { profile: Profile; project: Project }) {
  const { t } = useTranslation();
  const { db, platform } = useServices();
  const sourceId = useSession((state) => state.sourceId);
  const add = useImports((state) => state.add);
  const sources = useLive(() => listSources(db, project.id), [db, project.id]);
  const source = sources?.find((candidate) => candidate.id === sourceId) ?? sources?.at(-1);

  async function pick() {
    const files = await platform.openFiles({ filters: importFilter, multiple: true });
    add(
      project.id,
      files.map((file) => ({ name: file.name, file: new Blob([file.data as BlobPart]) })),
    );
  }

  return (
    <section className="records">
      <aside className="sources">
        <h2>{t('records.sources')}</h2>
        <DropZone
          onFiles={(files) =>
            add(
              project.id,
              files.map((file) => ({ name: file.name, file })),
            )
          }
        >
          <p>{t('records.drop')}</p>
          <ActionButton action="source:import" profile={profile} onClick={() => void pick()}>
            {t('records.import')}
          </ActionButton>
        </DropZone>
        <SourceList sources={sources ?? []} selectedId={source?.id ?? null} profile={profile} />
      </aside>
      <div className="table-pane">
        <ImportQueue profile={profile} projectId={project.id} />
        {source ? (
          <SourceTable source={source} project={project} />
        ) : (
          <p className="hint">{t('records.none')}</p>
        )}
      </div>
    </section>
  );
}
