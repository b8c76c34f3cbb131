import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenedFile } from '../../../shared/ipc';
import type { Profile } from '../../../shared/model/people';
import { useServices } from '../../app/services';
import { importSource } from '../../db';
import { useSession } from '../../store/session';
import { parseInWorker } from '../../workers/parse-client';

export interface ImportMessage {
  fileName: string;
  isError: boolean;
  text: string;
}

/** Parses each file off the main thread and stores it; each file succeeds or fails on its own. */
export function useImport(profile: Profile, projectId: string) {
  const { t } = useTranslation();
  const { db } = useServices();
  const selectSource = useSession((state) => state.selectSource);
  const [messages, setMessages] = useState<ImportMessage[]>([]);
  const [isBusy, setBusy] = useState(false);

  async function importFiles(files: OpenedFile[]) {
    if (files.length === 0) return;
    setBusy(true);
    const results: ImportMessage[] = [];
    for (const file of files) {
      const parsed = await parseInWorker(file.name, file.data);
      if (!parsed.ok) {
        results.push({ fileName: file.name, isError: true, text: parsed.error.message });
        continue;
      }
      try {
        const { source, automaticMappings } = await importSource(db, profile, {
          projectId,
          ...parsed.file,
        });
        selectSource(source.id);
        results.push({
          fileName: file.name,
          isError: false,
          text: t('records.imported', {
            file: file.name,
            rows: source.rowCount,
            mapped: automaticMappings.length,
          }),
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        results.push({ fileName: file.name, isError: true, text: `${file.name}: ${reason}` });
      }
    }
    setMessages(results);
    setBusy(false);
  }

  function refuse(fileName: string, text: string) {
    setMessages((current) => [...current, { fileName, isError: true, text }]);
  }

  return { importFiles, refuse, messages, isBusy };
}
