import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { OcrSettings, ScanPage } from '../../../shared/model/scans';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { addLanguagePack, listLanguagePacks, useLive } from '../../db';
import { stageLanguagePack } from './engines';
import { sha256Hex } from './import-scans';
import { throughput, useOcrJobs } from './ocr-jobs';

interface OcrPanelProps {
  profile: Profile;
  pages: readonly ScanPage[];
  settings: OcrSettings;
  onSettings: (settings: OcrSettings) => void;
}

const steps = ['contrast', 'threshold', 'deskew', 'upscale', 'orientation'] as const;

/** Languages, page mode and pre-processing for the next run, and the run's progress. */
export function OcrPanel({ profile, pages, settings, onSettings }: OcrPanelProps) {
  const { t } = useTranslation();
  const { db, platform } = useServices();
  const jobs = useOcrJobs();
  const packs = useLive(() => listLanguagePacks(db), [db]);
  const actor = { id: profile.id, name: profile.name };
  const unread = pages.filter((page) => page.ocr === null);
  const { pagesPerMinute, secondsLeft } = throughput(jobs);
  const languages = [
    'eng',
    ...(packs ?? []).map((pack) => pack.code).filter((code) => code !== 'eng'),
  ];

  function toggleLanguage(code: string, on: boolean) {
    const next = on
      ? [...settings.languages, code]
      : settings.languages.filter((language) => language !== code);
    if (next.length > 0) onSettings({ ...settings, languages: next });
  }

  async function addPack() {
    const files = await platform.openFiles({
      filters: [{ name: 'Tesseract language data', extensions: ['traineddata'] }],
      multiple: false,
    });
    for (const file of files) {
      const code = file.name.replace(/\.traineddata$/u, '');
      if (!/^[a-z_]{3,16}$/u.test(code)) {
        window.alert(t('scans.badPack', { file: file.name }));
        continue;
      }
      await stageLanguagePack(code, file.data);
      await addLanguagePack(db, actor, {
        code,
        fileName: file.name,
        size: file.data.length,
        sha256: await sha256Hex(file.data),
        addedBy: profile.id,
        addedAt: new Date().toISOString(),
      });
      onSettings({ ...settings, languages: [...new Set([...settings.languages, code])] });
    }
  }

  const running = jobs.status !== 'idle';
  return (
    <section className="ocr-panel" aria-label={t('scans.ocr')}>
      <h3>{t('scans.ocr')}</h3>
      <fieldset disabled={running}>
        <legend>{t('scans.languages')}</legend>
        {languages.map((code) => (
          <label key={code}>
            <input
              type="checkbox"
              checked={settings.languages.includes(code)}
              onChange={(event) => toggleLanguage(code, event.target.checked)}
            />
            {t(`scans.language.${code}`, { defaultValue: code })}
          </label>
        ))}
        <ActionButton action="source:import" profile={profile} onClick={() => void addPack()}>
          {t('scans.addPack')}
        </ActionButton>
      </fieldset>
      <fieldset disabled={running}>
        <legend>{t('scans.preprocessing')}</legend>
        <label>
          {t('scans.mode')}
          <select
            value={settings.mode}
            onChange={(event) =>
              onSettings({ ...settings, mode: event.target.value as OcrSettings['mode'] })
            }
          >
            <option value="auto">{t('scans.modeAuto')}</option>
            <option value="block">{t('scans.modeBlock')}</option>
          </select>
        </label>
        {steps.map((step) => (
          <label key={step}>
            <input
              type="checkbox"
              checked={settings[step]}
              onChange={(event) => onSettings({ ...settings, [step]: event.target.checked })}
            />
            {t(`scans.step.${step}`)}
          </label>
        ))}
      </fieldset>
      {!running ? (
        <div className="ocr-actions">
          <ActionButton
            action="source:import"
            profile={profile}
            disabled={unread.length === 0}
            onClick={() => void jobs.start(db, actor, unread, settings)}
          >
            {t('scans.runUnread', { count: unread.length })}
          </ActionButton>
          <ActionButton
            action="source:import"
            profile={profile}
            isReasonShown={false}
            disabled={pages.length === 0}
            onClick={() => {
              if (window.confirm(t('scans.rerunConfirm')))
                void jobs.start(db, actor, pages, settings);
            }}
          >
            {t('scans.rerunAll')}
          </ActionButton>
        </div>
      ) : (
        <div className="ocr-progress" role="status">
          <progress max={jobs.total} value={jobs.done} aria-label={t('scans.progress')} />
          <p>
            {jobs.status === 'starting'
              ? t('scans.starting')
              : t('scans.progressText', {
                  done: jobs.done,
                  total: jobs.total,
                  rate: pagesPerMinute,
                  left: secondsLeft === null ? '…' : `${secondsLeft} s`,
                })}
          </p>
          {jobs.status === 'paused' ? (
            <button type="button" onClick={jobs.resume}>
              {t('scans.resume')}
            </button>
          ) : (
            <button type="button" onClick={jobs.pause} disabled={jobs.status !== 'running'}>
              {t('scans.pause')}
            </button>
          )}
          <button type="button" onClick={() => void jobs.cancel()}>
            {t('scans.cancel')}
          </button>
        </div>
      )}
      {jobs.error && (
        <p className="error" role="alert">
          {jobs.error}
        </p>
      )}
      {jobs.failures.map((failure) => (
        <p key={failure.pageId} className="error" role="alert">
          {t('scans.pageFailed', { page: failure.pageId, message: failure.message })}
        </p>
      ))}
    </section>
  );
}
