import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultSystemPrompt } from '../../../shared/export/openai-chat';
import type { Profile } from '../../../shared/model/people';
import type { Project } from '../../../shared/model/records';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { listSources, recordExport, useLive } from '../../db';
import { buildExport } from './build-export';

interface Outcome {
  isError: boolean;
  text: string;
}

export function ExportView({ profile, project }: { profile: Profile; project: Project }) {
  const { t } = useTranslation();
  const { db, platform, version } = useServices();
  const [systemPrompt, setSystemPrompt] = useState(defaultSystemPrompt);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [isBusy, setBusy] = useState(false);
  const counts = useLive(async () => {
    const approved = await db.qaPairs.where({ projectId: project.id, state: 'approved' }).count();
    const sources = await listSources(db, project.id);
    return { approved, records: sources.reduce((sum, source) => sum + source.rowCount, 0) };
  }, [db, project.id]);

  async function run() {
    setBusy(true);
    try {
      const built = await buildExport(db, profile, project, { systemPrompt, version });
      const saved = await platform.saveFolder(built.folderName, built.files);
      if (!saved.isSaved) {
        setOutcome({ isError: false, text: t('export.cancelled') });
        return;
      }
      const location = saved.location ?? built.folderName;
      await recordExport(db, profile, built.manifest, location);
      setOutcome({
        isError: false,
        text: t('export.done', { location, files: built.files.length }),
      });
    } catch (error) {
      setOutcome({ isError: true, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="export card form">
      <h1>{t('export.title')}</h1>
      <p data-testid="export-counts">
        {t('export.counts', { count: counts?.approved ?? 0, records: counts?.records ?? 0 })}
      </p>
      <ul className="hint">
        <li>{t('export.fileQa')}</li>
        <li>{t('export.fileRecords')}</li>
        <li>{t('export.fileManifest')}</li>
      </ul>
      <label>
        {t('export.systemPrompt')}
        <textarea
          value={systemPrompt}
          onChange={(event) => setSystemPrompt(event.target.value)}
          rows={3}
        />
      </label>
      <ActionButton
        action="dataset:export"
        profile={profile}
        className="primary"
        disabled={isBusy}
        onClick={() => void run()}
      >
        {t('export.run')}
      </ActionButton>
      {outcome && <p role={outcome.isError ? 'alert' : 'status'}>{outcome.text}</p>}
    </section>
  );
}
