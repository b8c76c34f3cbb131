import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../../shared/model/qa';

/** The record a pair cites, as it was when the pair was written. */
export function EvidenceView({ evidence }: { evidence: Evidence }) {
  const { t } = useTranslation();
  const entries = Object.entries(evidence.fields).filter(([, value]) => value !== '');
  return (
    <figure className="evidence" aria-label={t('qa.evidence')}>
      <figcaption>
        {t('qa.evidenceCaption', { file: evidence.sourceName, line: evidence.line })}
      </figcaption>
      <dl>
        {entries.map(([field, value]) => (
          <div key={field}>
            <dt>{field}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </figure>
  );
}
