import './scans.css';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { Project } from '../../../shared/model/records';
import type { OcrSettings } from '../../../shared/model/scans';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { listCorrections, listProjectPages, listScans, useLive } from '../../db';
import { DropZone } from '../records/DropZone';
import { CorrectionExport } from './CorrectionExport';
import { importScanFile, type ScanImportOutcome } from './import-scans';
import { defaultOcrSettings } from './ocr-jobs';
import { OcrPanel } from './OcrPanel';
import { PageReview } from './PageReview';
import { scanExtensions } from './scan-files';
import { ScanList } from './ScanList';
import { TemplatePanel } from './TemplatePanel';

const scanFilter = [{ name: 'Scans', extensions: scanExtensions }];

export function ScansView({ profile, project }: { profile: Profile; project: Project }) {
  const { t } = useTranslation();
  const { db, platform } = useServices();
  const scans = useLive(() => listScans(db, project.id), [db, project.id]);
  const pages = useLive(() => listProjectPages(db, project.id), [db, project.id]);
  const corrections = useLive(
    () => listCorrections(db, { projectId: project.id }),
    [db, project.id],
  );
  const [selectedPageId, setSelectedPageId] = useState<string | null>(null);
  const [tab, setTab] = useState<'review' | 'template'>('review');
  const [settings, setSettings] = useState<OcrSettings>(defaultOcrSettings);
  const [outcomes, setOutcomes] = useState<ScanImportOutcome[]>([]);
  const [importing, setImporting] = useState<string | null>(null);
  const page = pages?.find((candidate) => candidate.id === selectedPageId) ?? pages?.[0];
  const batch = useMemo(
    () =>
      (pages ?? [])
        .filter((candidate) => candidate.ocr !== null)
        .map((candidate) => ({
          page: candidate,
          corrections: (corrections ?? []).filter((c) => c.pageId === candidate.id),
        })),
    [pages, corrections],
  );

  async function importFiles(files: { name: string; file: Blob }[]) {
    const actor = { id: profile.id, name: profile.name };
    const results: ScanImportOutcome[] = [];
    for (const file of files) {
      setImporting(file.name);
      results.push(await importScanFile(db, actor, project.id, file));
    }
    setImporting(null);
    setOutcomes(results);
    const first = results.find((result) => result.status === 'imported');
    if (first?.status === 'imported') setSelectedPageId(`${first.scan.id}:1`);
  }

  async function pick() {
    const files = await platform.openFiles({ filters: scanFilter, multiple: true });
    await importFiles(
      files.map((file) => ({ name: file.name, file: new Blob([file.data as BlobPart]) })),
    );
  }

  return (
    <section className="scans">
      <aside className="scan-sidebar">
        <h2>{t('scans.title')}</h2>
        <DropZone
          onFiles={(files) => void importFiles(files.map((file) => ({ name: file.name, file })))}
        >
          <p>{t('scans.drop')}</p>
          <ActionButton action="source:import" profile={profile} onClick={() => void pick()}>
            {t('scans.add')}
          </ActionButton>
        </DropZone>
        {importing && <p role="status">{t('scans.importing', { file: importing })}</p>}
        {outcomes.map((outcome) => (
          <p
            key={outcome.fileName}
            className={outcome.status === 'failed' ? 'error' : 'notice'}
            role={outcome.status === 'failed' ? 'alert' : 'status'}
          >
            {outcome.status === 'failed'
              ? outcome.message
              : outcome.status === 'duplicate'
                ? t('scans.duplicate', {
                    file: outcome.fileName,
                    existing: outcome.existing.fileName,
                  })
                : t('scans.imported', { file: outcome.fileName, count: outcome.scan.pageCount })}
          </p>
        ))}
        <OcrPanel
          profile={profile}
          pages={pages ?? []}
          settings={settings}
          onSettings={setSettings}
        />
        <ScanList
          scans={scans ?? []}
          pages={pages ?? []}
          selectedPageId={page?.id ?? null}
          onSelect={setSelectedPageId}
          profile={profile}
        />
        <CorrectionExport corrections={corrections ?? []} pages={pages ?? []} scans={scans ?? []} />
      </aside>
      <div className="scan-main">
        <div className="tabs" role="tablist">
          {(['review', 'template'] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              onClick={() => setTab(name)}
            >
              {t(`scans.tab.${name}`)}
            </button>
          ))}
        </div>
        {page === undefined ? (
          <p className="hint">{t('scans.none')}</p>
        ) : tab === 'review' ? (
          <PageReview key={page.id} page={page} batch={batch} profile={profile} />
        ) : (
          <TemplatePanel
            key={page.id}
            page={page}
            pages={pages ?? []}
            scans={scans ?? []}
            profile={profile}
            project={project}
          />
        )}
      </div>
    </section>
  );
}
