import { useTranslation } from 'react-i18next';
import type { BundleContents, BundleImportPlan } from '../../db';

/** What a bundle holds and what importing it would do, for the person to confirm. */
export function BundleSummary({
  name,
  contents,
  plan,
}: {
  name: string;
  contents: BundleContents;
  plan: BundleImportPlan;
}) {
  const { t } = useTranslation();
  const { rows } = contents;
  const records = rows.sources.reduce((sum, source) => sum + source.rowCount, 0);
  return (
    <div className="bundle-summary">
      <p>
        {t('bundle.contains', {
          name,
          project: contents.project.name,
          version: contents.manifest.tessera.version,
          date: new Date(contents.manifest.createdAt).toLocaleString(),
        })}
      </p>
      <ul data-testid="bundle-counts">
        <li>{t('bundle.records', { count: records, sources: rows.sources.length })}</li>
        <li>{t('bundle.scans', { count: rows.scans.length, pages: rows.scanPages.length })}</li>
        <li>{t('bundle.pairs', { count: rows.qaPairs.length, reviews: rows.reviews.length })}</li>
        <li>{t('bundle.mappings', { count: rows.mappings.length, terms: rows.terms.length })}</li>
        <li>{t('bundle.people', { count: rows.profiles.length })}</li>
        <li>{t('bundle.events', { count: contents.audit.events.length })}</li>
      </ul>
      {plan.clash ? (
        <p role="alert">{plan.clash}</p>
      ) : (
        <>
          <p>{t('bundle.auditIntact')}</p>
          <p>{t('bundle.newHere', { people: plan.newProfiles, terms: plan.newTerms })}</p>
          <p>
            {plan.keepsHashes
              ? t('bundle.keptHashes')
              : t('bundle.resealed', { known: plan.knownEvents })}
          </p>
        </>
      )}
    </div>
  );
}
