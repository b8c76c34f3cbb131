import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { DraftFileCard, type DraftFile } from './DraftFileCard';

const draftFilters = [
  { name: 'QA drafts', extensions: ['csv', 'tsv', 'txt', 'json', 'jsonl', 'ndjson', 'xml'] },
];

let fileCounter = 0;

/** Drafts from files: CSV/TSV, JSON, JSONL and MedQuAD XML, each file with its own settings. */
export function ImportDrafts({ profile, projectId }: { profile: Profile; projectId: string }) {
  const { t } = useTranslation();
  const { platform } = useServices();
  const [files, setFiles] = useState<DraftFile[]>([]);

  async function pick() {
    const opened = await platform.openFiles({ filters: draftFilters, multiple: true });
    setFiles((current) => [
      ...current,
      ...opened.map((file) => ({
        id: `draft-file-${++fileCounter}`,
        name: file.name,
        bytes: file.data,
      })),
    ]);
  }

  return (
    <section className="card import-drafts" aria-labelledby="import-drafts-title">
      <h1 id="import-drafts-title">{t('qa.import.title')}</h1>
      <p className="hint">{t('qa.import.hint')}</p>
      <ActionButton action="qa:draft" profile={profile} onClick={() => void pick()}>
        {t('qa.import.pick')}
      </ActionButton>
      <ul className="queue-list" aria-label={t('qa.import.files')}>
        {files.map((file) => (
          <DraftFileCard
            key={file.id}
            file={file}
            profile={profile}
            projectId={projectId}
            onClose={() => setFiles((current) => current.filter((other) => other.id !== file.id))}
          />
        ))}
      </ul>
    </section>
  );
}
