import './export.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { Project } from '../../../shared/model/records';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { listProfiles, loadExportOverview, useLive } from '../../db';
import { AlsoSection } from './AlsoSection';
import { CurationSection } from './CurationSection';
import { CurationSummary } from './CurationSummary';
import type { DatasetPreview, FilterChoices } from './dataset-job';
import { DeidSamples } from './DeidSamples';
import { DeidSection } from './DeidSection';
import { loadFilterChoices, loadPreview } from './export-client';
import { curationOf, defaultExportForm, formProblems, type ExportForm } from './export-form';
import { FilterSection } from './FilterSection';
import { FormatSection } from './FormatSection';
import { ProgressPanel } from './ProgressPanel';
import { ReportPanel } from './ReportPanel';
import { useDatasetExport } from './use-dataset-export';

type PreviewState = { isBusy: true } | { isBusy: false; preview: DatasetPreview } | null;

export function ExportView({ profile, project }: { profile: Profile; project: Project }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const [form, setForm] = useState<ExportForm>(defaultExportForm);
  const [choices, setChoices] = useState<FilterChoices | null>(null);
  const [preview, setPreview] = useState<PreviewState>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const overview = useLive(() => loadExportOverview(db, project.id), [db, project.id]);
  const profiles = useLive(() => listProfiles(db), [db]) ?? [];
  const { run, start, cancel } = useDatasetExport(profile, project);
  const totalPairs = Object.values(overview?.pairsByState ?? {}).reduce((a, b) => a + b, 0);

  useEffect(() => {
    let isCurrent = true;
    loadFilterChoices(project.id).then(
      (loaded) => isCurrent && setChoices(loaded),
      () => isCurrent && setChoices(null),
    );
    return () => {
      isCurrent = false;
    };
  }, [project.id, totalPairs]);

  const update = (patch: Partial<ExportForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    // A preview describes the settings it was made with; it goes when they change.
    setPreview(null);
  };
  const problems = formProblems(form);
  const isRunning = run.phase === 'running';

  async function showPreview() {
    setPreview({ isBusy: true });
    setPreviewError(null);
    try {
      setPreview({ isBusy: false, preview: await loadPreview(project.id, curationOf(form)) });
    } catch (error) {
      setPreview(null);
      setPreviewError(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <section className="export">
      <h1>{t('export.title')}</h1>
      <p data-testid="export-counts">
        {t('export.counts', {
          count: overview?.pairsByState['approved'] ?? 0,
          pairs: totalPairs,
          records: overview?.records ?? 0,
        })}
      </p>
      <div className="export-layout">
        <form className="export-form" onSubmit={(event) => event.preventDefault()}>
          <FormatSection form={form} update={update} />
          <FilterSection
            form={form}
            update={update}
            choices={choices}
            pairsByState={overview?.pairsByState ?? {}}
            profiles={profiles}
          />
          <CurationSection form={form} update={update} choices={choices} />
          <DeidSection form={form} update={update} />
          <AlsoSection form={form} update={update} overview={overview} />
          {problems.length > 0 && (
            <ul role="alert" className="export-problems">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
          <div className="buttons">
            <button
              type="button"
              disabled={problems.length > 0 || isRunning || preview?.isBusy === true}
              onClick={() => void showPreview()}
            >
              {t('export.preview')}
            </button>
            <ActionButton
              action="dataset:export"
              profile={profile}
              className="primary"
              disabled={problems.length > 0 || isRunning}
              onClick={() => {
                setPreview(null);
                void start(form);
              }}
            >
              {t('export.run')}
            </ActionButton>
          </div>
        </form>
        <div className="export-side">
          {isRunning && <ProgressPanel progress={run.progress} onCancel={cancel} />}
          {run.phase === 'done' && <ReportPanel result={run.result} location={run.location} />}
          {run.phase === 'cancelled' && <p role="status">{t('export.cancelled')}</p>}
          {run.phase === 'failed' && (
            <p role="alert">{t('export.failed', { message: run.message })}</p>
          )}
          {previewError && <p role="alert">{previewError}</p>}
          {preview?.isBusy === true && <p role="status">{t('export.previewing')}</p>}
          {preview?.isBusy === false && (
            <section className="export-preview card" aria-label={t('export.report.previewTitle')}>
              <h2>{t('export.report.previewTitle')}</h2>
              <CurationSummary
                report={preview.preview.report}
                questions={preview.preview.questions}
              />
              <DeidSamples samples={preview.preview.samples} />
            </section>
          )}
        </div>
      </div>
    </section>
  );
}
