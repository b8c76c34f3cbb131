import './bundles.css';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { Project } from '../../../shared/model/records';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { buildProjectBundle, recordBundleExport } from '../../db';

const bundleFilter = { name: 'Tessera project bundle', extensions: ['tessera'] };

function bundleName(project: Project): string {
  const safe = project.name.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'project';
  return `${safe}.tessera`;
}

/** Writes the whole project as one .tessera file, for hand-over and backup; audited. */
export function BundleExportButton({ profile, project }: { profile: Profile; project: Project }) {
  const { t } = useTranslation();
  const { db, platform, version } = useServices();
  const [message, setMessage] = useState<{ isError: boolean; text: string } | null>(null);
  const [isBusy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    setMessage({ isError: false, text: t('bundle.exporting') });
    try {
      const bundle = await buildProjectBundle(db, project.id, {
        appVersion: version,
        createdAt: new Date().toISOString(),
      });
      const name = bundleName(project);
      const saved = await platform.saveFile(name, bundle.bytes, [bundleFilter]);
      if (!saved.isSaved) {
        setMessage({ isError: false, text: t('bundle.notSaved') });
        return;
      }
      const location = saved.location ?? name;
      await recordBundleExport(db, profile, project.id, {
        location,
        sha256: bytesToHex(sha256(bundle.bytes)),
        bytes: bundle.bytes.byteLength,
        counts: bundle.counts,
      });
      setMessage({
        isError: false,
        text: t('bundle.exported', {
          name,
          location,
          pairs: bundle.counts.qaPairs,
          sources: bundle.counts.sources,
          scans: bundle.counts.scans,
          events: bundle.counts.auditEvents,
        }),
      });
    } catch (error) {
      setMessage({ isError: true, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="bundle-export">
      <ActionButton
        action="dataset:export"
        profile={profile}
        isReasonShown={false}
        disabled={isBusy}
        aria-label={t('bundle.exportOf', { project: project.name })}
        onClick={() => void run()}
      >
        {t('bundle.export')}
      </ActionButton>
      {message && <span role={message.isError ? 'alert' : 'status'}>{message.text}</span>}
    </span>
  );
}
