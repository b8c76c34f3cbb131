import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeidentificationPreview } from '../../../shared/deid/deidentify';
import type { DeidentificationSample } from './dataset-job';

/** Text with the given stretches marked, each titled with the identifier type. */
function Marked({
  text,
  spans,
}: {
  text: string;
  spans: readonly { start: number; end: number; type: string }[];
}) {
  const parts: ReactNode[] = [];
  let position = 0;
  for (const span of spans) {
    parts.push(text.slice(position, span.start));
    parts.push(
      <mark key={span.start} title={span.type} data-type={span.type}>
        {text.slice(span.start, span.end)}
      </mark>,
    );
    position = span.end;
  }
  parts.push(text.slice(position));
  return <>{parts}</>;
}

function BeforeAfter({ preview }: { preview: DeidentificationPreview }) {
  const { t } = useTranslation();
  return (
    <dl className="before-after">
      <dt>{t('export.report.before')}</dt>
      <dd>
        <Marked text={preview.before} spans={preview.spans} />
      </dd>
      <dt>{t('export.report.after')}</dt>
      <dd>
        <Marked
          text={preview.after}
          spans={preview.spans.map((span) => ({
            start: span.afterStart,
            end: span.afterEnd,
            type: span.type,
          }))}
        />
      </dd>
    </dl>
  );
}

/** The first pairs de-identification changes, before and after, with each replacement marked. */
export function DeidSamples({ samples }: { samples: readonly DeidentificationSample[] }) {
  const { t } = useTranslation();
  if (samples.length === 0) return null;
  return (
    <section aria-label={t('export.report.samples')} className="deid-samples">
      <h3>{t('export.report.samples')}</h3>
      {samples.map((sample) => (
        <article key={sample.id} aria-label={sample.id}>
          <BeforeAfter preview={sample.question} />
          <BeforeAfter preview={sample.answer} />
        </article>
      ))}
    </section>
  );
}
