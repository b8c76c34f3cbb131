import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { Project } from '../../../shared/model/records';
import type { Scan, ScanPage, StoredTemplate } from '../../../shared/model/scans';
import { createTemplate } from '../../../shared/ocr/template';
import type { BBox } from '../../../shared/ocr/types';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { listFormTemplates, saveTemplate, useLive } from '../../db';
import { useSession } from '../../store/session';
import { grayImage } from '../../workers/scan-client';
import { applyTemplateToScans, type ZoneDraft } from './apply-template';
import { fitView, PageCanvas, type View } from './PageCanvas';
import { ZoneForm } from './ZoneForm';

interface TemplatePanelProps {
  page: ScanPage;
  pages: readonly ScanPage[];
  scans: readonly Scan[];
  profile: Profile;
  project: Project;
}

/**
 * Draw named zones on one page of a form, save them as a template, and read every other scan of
 * that form through it: one record per scan, in the records table.
 */
export function TemplatePanel({ page, pages, scans, profile, project }: TemplatePanelProps) {
  const { t } = useTranslation();
  const { db, platform } = useServices();
  const templates = useLive(() => listFormTemplates(db, project.id), [db, project.id]);
  const [view, setView] = useState<View>(fitView);
  const [name, setName] = useState('');
  const [zones, setZones] = useState<ZoneDraft[]>([]);
  const [drawn, setDrawn] = useState<BBox | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [targets, setTargets] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const show = useSession((state) => state.show);
  const selectSource = useSession((state) => state.selectSource);
  const actor = { id: profile.id, name: profile.name };
  const template = templates?.find((candidate) => candidate.id === chosen) ?? templates?.at(-1);
  const readable = scans.filter((scan) =>
    pages.some((candidate) => candidate.scanId === scan.id && candidate.ocr !== null),
  );

  if (page.ocr === null) return <p className="hint">{t('templates.needsOcr')}</p>;
  const words = page.ocr.words;

  async function save() {
    setError(null);
    let definition;
    try {
      definition = createTemplate({
        name: name.trim(),
        page: { gray: await grayImage(page.image), words },
        zones: zones.map(({ name: zoneName, kind, box, whitelist }) => ({
          name: zoneName,
          kind,
          box: [...box],
          ...(whitelist === '' ? {} : { whitelist }),
        })),
      });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      return;
    }
    const stored = await saveTemplate(db, actor, {
      projectId: project.id,
      name: definition.name,
      pageId: page.id,
      definition,
    });
    setChosen(stored.id);
    setZones([]);
    setName('');
    setStatus(t('templates.saved', { name: stored.name }));
  }

  async function apply(stored: StoredTemplate) {
    setBusy(true);
    setError(null);
    setStatus(t('templates.applying'));
    try {
      const outcome = await applyTemplateToScans(db, actor, stored, [...targets], scans, pages);
      setStatus(
        t('templates.applied', {
          count: outcome.rows,
          low: outcome.lowConfidence,
          name: outcome.source.fileName,
        }),
      );
      selectSource(outcome.source.id);
      show('records');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setStatus(null);
    } finally {
      setBusy(false);
    }
  }

  const zoneBoxes = zones.map((zone) => ({
    key: zone.name,
    box: zone.box,
    label: zone.name,
    className: zone.kind,
  }));
  const savedBoxes =
    template && zones.length === 0 && template.pageId === page.id
      ? templateZones(template).map((zone) => ({
          key: zone.name,
          box: zone.box,
          label: zone.name,
          className: zone.kind,
        }))
      : [];

  return (
    <div className="template-editor">
      <div className="page-pane" data-testid="template-page">
        <PageCanvas
          image={page.image}
          width={page.width}
          height={page.height}
          words={[]}
          selected={null}
          view={view}
          onView={setView}
          boxes={[...savedBoxes, ...zoneBoxes]}
          onDraw={setDrawn}
        />
      </div>
      <aside className="review-side">
        <section className="template-side">
          <h3>{t('templates.new')}</h3>
          <p className="keys">{t('templates.howTo')}</p>
          {drawn && (
            <ZoneForm
              box={drawn}
              taken={zones.map((zone) => zone.name)}
              onAdd={(zone) => {
                setZones([...zones, zone]);
                setDrawn(null);
              }}
              onCancel={() => setDrawn(null)}
            />
          )}
          <ul className="zone-list">
            {zones.map((zone) => (
              <li key={zone.name}>
                <strong>{zone.name}</strong> · {t(`templates.kind.${zone.kind}`)}
                {zone.whitelist !== '' && ` · ${t(`templates.whitelist.${zone.whitelist}`)}`}{' '}
                <button
                  type="button"
                  aria-label={t('templates.removeZone', { name: zone.name })}
                  onClick={() => setZones(zones.filter((other) => other.name !== zone.name))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <label>
            {t('templates.name')}
            <input value={name} onChange={(event) => setName(event.target.value)} />
          </label>
          <ActionButton
            action="source:import"
            profile={profile}
            disabled={zones.length === 0 || name.trim() === ''}
            onClick={() => void save()}
          >
            {t('templates.save', { count: zones.length })}
          </ActionButton>
        </section>
        {templates && templates.length > 0 && template && (
          <section className="template-side">
            <h3>{t('templates.apply')}</h3>
            <label>
              {t('templates.template')}
              <select value={template.id} onChange={(event) => setChosen(event.target.value)}>
                {templates.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.name} ({templateZones(candidate).length})
                  </option>
                ))}
              </select>
            </label>
            <fieldset>
              <legend>{t('templates.scans')}</legend>
              {readable.map((scan) => (
                <label key={scan.id}>
                  <input
                    type="checkbox"
                    checked={targets.has(scan.id)}
                    onChange={(event) => {
                      const next = new Set(targets);
                      if (event.target.checked) next.add(scan.id);
                      else next.delete(scan.id);
                      setTargets(next);
                    }}
                  />
                  {scan.fileName}
                </label>
              ))}
            </fieldset>
            <ActionButton
              action="source:import"
              profile={profile}
              disabled={busy || targets.size === 0}
              onClick={() => void apply(template)}
            >
              {t('templates.applyTo', { count: targets.size })}
            </ActionButton>
            <button
              type="button"
              onClick={() =>
                void platform.saveFile(
                  `${template.name}.template.json`,
                  new TextEncoder().encode(`${JSON.stringify(template.definition, null, 2)}\n`),
                  [{ name: 'Form template', extensions: ['json'] }],
                )
              }
            >
              {t('templates.export')}
            </button>
          </section>
        )}
        {status && <p role="status">{status}</p>}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </aside>
    </div>
  );
}

function templateZones(template: StoredTemplate): { name: string; kind: string; box: BBox }[] {
  const definition = template.definition as { zones?: { name: string; kind: string; box: BBox }[] };
  return definition.zones ?? [];
}
