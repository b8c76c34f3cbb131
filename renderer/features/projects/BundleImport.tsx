import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BundleError } from '../../../shared/bundle/format';
import type { Profile } from '../../../shared/model/people';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import {
  importProjectBundle,
  inspectBundle,
  planBundleImport,
  type BundleContents,
  type BundleImportPlan,
} from '../../db';
import { BundleSummary } from './BundleSummary';

type Step =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string }
  | { kind: 'confirm'; name: string; contents: BundleContents; plan: BundleImportPlan }
  | { kind: 'importing'; name: string }
  | { kind: 'done'; project: string }
  | { kind: 'refused'; name: string; message: string };

const bundleFilter = { name: 'Tessera project bundle', extensions: ['tessera', 'zip'] };

/**
 * Reads a .tessera file, shows what it holds and what importing would do, and imports it only
 * when the person confirms. A damaged bundle, a broken audit trail or a project already here is
 * refused with the reason, and nothing is written.
 */
export function BundleImport({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const { db, platform } = useServices();
  const [step, setStep] = useState<Step>({ kind: 'idle' });

  const refuse = (name: string, error: unknown) =>
    setStep({
      kind: 'refused',
      name,
      message: error instanceof Error ? error.message : String(error),
    });

  async function choose() {
    const [file] = await platform.openFiles({ filters: [bundleFilter], multiple: false });
    if (!file) return;
    setStep({ kind: 'reading', name: file.name });
    try {
      const contents = inspectBundle(file.data);
      if (contents.audit.chainBreak)
        throw new BundleError(
          t('bundle.brokenTrail', { seq: contents.audit.chainBreak.seq ?? '?' }),
        );
      setStep({
        kind: 'confirm',
        name: file.name,
        contents,
        plan: await planBundleImport(db, contents),
      });
    } catch (error) {
      refuse(file.name, error);
    }
  }

  async function confirm(name: string, contents: BundleContents) {
    setStep({ kind: 'importing', name });
    try {
      const { project } = await importProjectBundle(db, profile, contents);
      setStep({ kind: 'done', project: project.name });
    } catch (error) {
      refuse(name, error);
    }
  }

  return (
    <section className="bundle-import card" aria-label={t('bundle.importTitle')}>
      <h2>{t('bundle.importTitle')}</h2>
      <p className="hint">{t('bundle.importHint')}</p>
      <ActionButton
        action="project:create"
        profile={profile}
        disabled={step.kind === 'reading' || step.kind === 'importing'}
        onClick={() => void choose()}
      >
        {t('bundle.import')}
      </ActionButton>
      {step.kind === 'reading' && <p role="status">{t('bundle.reading', { name: step.name })}</p>}
      {step.kind === 'importing' && (
        <p role="status">{t('bundle.importing', { name: step.name })}</p>
      )}
      {step.kind === 'done' && (
        <p role="status">{t('bundle.imported', { project: step.project })}</p>
      )}
      {step.kind === 'refused' && (
        <p role="alert">{t('bundle.refused', { name: step.name, message: step.message })}</p>
      )}
      {step.kind === 'confirm' && (
        <div className="bundle-confirm">
          <BundleSummary name={step.name} contents={step.contents} plan={step.plan} />
          <div className="buttons">
            <button
              type="button"
              className="primary"
              disabled={step.plan.clash !== null}
              onClick={() => void confirm(step.name, step.contents)}
            >
              {t('bundle.confirm')}
            </button>
            <button type="button" onClick={() => setStep({ kind: 'idle' })}>
              {t('bundle.dismiss')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
