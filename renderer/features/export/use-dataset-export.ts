import { useRef, useState } from 'react';
import type { Profile } from '../../../shared/model/people';
import type { Project } from '../../../shared/model/records';
import { useServices } from '../../app/services';
import { recordDatasetExport } from '../../db';
import type { DatasetJob, DatasetJobResult, JobProgress } from './dataset-job';
import { ExportCancelled, startExport } from './export-client';
import { curationOf, folderNameFor, outputOf, type ExportForm } from './export-form';
import { writeCorrections } from './ocr-corrections';

export type ExportRun =
  | { phase: 'idle' }
  | { phase: 'running'; progress: JobProgress | null }
  | { phase: 'done'; result: DatasetJobResult; location: string }
  | { phase: 'cancelled' }
  | { phase: 'failed'; message: string };

/**
 * Runs an export: asks for the folder first (a browser shows its picker only straight from the
 * click), writes OCR crops from the window, streams the rest from the worker, and records the
 * export in the audit trail once the folder is complete. A cancelled or failed export removes
 * what it wrote where the shell can.
 */
export function useDatasetExport(profile: Profile, project: Project) {
  const { db, platform, version } = useServices();
  const [run, setRun] = useState<ExportRun>({ phase: 'idle' });
  const cancelRef = useRef<(() => void) | null>(null);

  async function start(form: ExportForm): Promise<void> {
    const now = new Date();
    const writer = await platform.createFolder(folderNameFor(project, now));
    if (!writer) {
      setRun({ phase: 'cancelled' });
      return;
    }
    let isCancelled = false;
    let cancelWorker: (() => void) | null = null;
    cancelRef.current = () => {
      isCancelled = true;
      cancelWorker?.();
    };
    const show = (progress: JobProgress) => setRun({ phase: 'running', progress });
    const showFile = (path: string) => {
      if (isCancelled) throw new ExportCancelled();
      show({ path, filesDone: 0, filesTotal: 0, bytesWritten: 0, rowsWritten: 0, rowsTotal: 0 });
    };
    setRun({ phase: 'running', progress: null });
    try {
      const written =
        form.corrections && !form.deidentify
          ? await writeCorrections(db, project.id, writer, showFile)
          : [];
      const job: DatasetJob = {
        projectId: project.id,
        settings: { curation: curationOf(form), output: outputOf(form, project) },
        appVersion: version,
        createdAt: now.toISOString(),
        createdBy: profile.name,
        records:
          form.records === 'none' ? null : { format: form.records, includeRaw: form.includeRaw },
        mappings: form.mappings,
        written,
      };
      const running = startExport(job, writer, show);
      cancelWorker = () => running.cancel();
      if (isCancelled) running.cancel();
      const result = await running.result;
      await writer.close();
      await recordDatasetExport(db, profile, result.manifest, writer.location);
      setRun({ phase: 'done', result, location: writer.location });
    } catch (error) {
      await writer.abort().catch(() => undefined);
      setRun(
        error instanceof ExportCancelled
          ? { phase: 'cancelled' }
          : { phase: 'failed', message: error instanceof Error ? error.message : String(error) },
      );
    } finally {
      cancelRef.current = null;
    }
  }

  return { run, start, cancel: () => cancelRef.current?.() };
}
