import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evidence } from '../../../shared/model/qa';
import { EvidenceCrop } from './EvidenceCrop';

/** What a pair cites, as it was when the pair was written. */
export function EvidenceView({ evidence, children }: { evidence: Evidence; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <figure className="evidence" aria-label={t('qa.evidence')}>
      <figcaption>{captionOf(evidence, t)}</figcaption>
      <EvidenceBody evidence={evidence} />
      {children}
    </figure>
  );
}

function EvidenceBody({ evidence }: { evidence: Evidence }) {
  const { t } = useTranslation();
  switch (evidence.kind) {
    case 'record':
      return (
        <Fields entries={Object.entries(evidence.fields).filter(([, value]) => value !== '')} />
      );
    case 'field':
      return (
        <Fields
          entries={[
            [
              evidence.canonical ? `${evidence.canonical} (${evidence.field})` : evidence.field,
              evidence.value,
            ],
          ]}
        />
      );
    case 'ocr-region':
      return (
        <>
          <EvidenceCrop evidence={evidence} />
          {evidence.region.text.trim() !== '' && (
            <blockquote className="evidence-quote">{evidence.region.text}</blockquote>
          )}
        </>
      );
    case 'document':
      return (
        <>
          {evidence.publisher && <p className="hint">{evidence.publisher}</p>}
          {evidence.url && <p className="evidence-url">{evidence.url}</p>}
          {evidence.text && <blockquote className="evidence-quote">{evidence.text}</blockquote>}
          {!evidence.url && !evidence.text && <p className="hint">{t('qa.evidenceView.noText')}</p>}
        </>
      );
  }
}

function Fields({ entries }: { entries: [string, string][] }) {
  return (
    <dl>
      {entries.map(([field, value]) => (
        <div key={field}>
          <dt>{field}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

function captionOf(evidence: Evidence, t: Translate): string {
  switch (evidence.kind) {
    case 'record':
      return t('qa.evidenceCaption', { file: evidence.sourceName, line: evidence.line });
    case 'field':
      return t('qa.evidenceView.field', {
        file: evidence.sourceName,
        line: evidence.line,
        field: evidence.field,
      });
    case 'ocr-region':
      return t(evidence.region.kind === 'box' ? 'qa.evidenceView.box' : 'qa.evidenceView.span', {
        file: evidence.scanName,
        page: evidence.page,
      });
    case 'document':
      return t('qa.evidenceView.document', {
        title: evidence.title || evidence.fileName,
        file: evidence.fileName,
        line: evidence.line,
      });
  }
}
