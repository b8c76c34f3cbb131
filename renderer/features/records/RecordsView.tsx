import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { Project } from '../../../shared/model/records';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { useLive } from '../../db';
import { useSession } from '../../store/session';
import { DropZone } from './DropZone';
import { SourceList } from './SourceList';
import { SourceTable } from './SourceTable';
import { useImport } from './use-import';

const csvFilter = [{ name: 'CSV', extensions: ['csv'] }];

export function RecordsView({ profile, project }: { profile: Profile; project: Project }) {
  const { t } = useTranslation();
  const { db, platform } = useServices();
  const sourceId = useSession((state) => state.sourceId);
  const { importFiles, refuse, messages, isBusy } = useImport(profile, project.id);
  const sources = useLive(
    () => db.sources.where('projectId').equals(project.id).sortBy('importedAt'),
    [db, project.id],
  );
  const source = sources?.find((candidate) => candidate.id === sourceId) ?? sources?.at(-1);

  async function pick() {
    try {
      await importFiles(await platform.openFiles({ filters: csvFilter, multiple: true }));
    } catch (error) {
      refuse('', error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <section className="records">
      <aside className="sources">
        <h2>{t('records.sources')}</h2>
        <DropZone onFiles={(files) => void importFiles(files)} onRefused={refuse}>
          <p>{t('records.drop')}</p>
          <ActionButton
            action="source:import"
            profile={profile}
            onClick={() => void pick()}
            disabled={isBusy}
          >
            {t('records.import')}
          </ActionButton>
        </DropZone>
        {isBusy && (
          <p role="status" className="hint">
            {t('records.importing')}
          </p>
        )}
        <ul className="messages" aria-label={t('records.messages')}>
          {messages.map((message, index) => (
            <li
              key={index}
              role={message.isError ? 'alert' : 'status'}
              className={message.isError ? 'error' : 'ok'}
            >
              {message.text}
            </li>
          ))}
        </ul>
        <SourceList sources={sources ?? []} selectedId={source?.id ?? null} />
      </aside>
      <div className="table-pane">
        {source ? (
          <SourceTable source={source} project={project} />
        ) : (
          <p className="hint">{t('records.none')}</p>
        )}
      </div>
    </section>
  );
}
