import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { Project } from '../../../shared/model/records';
import { parseTagList } from '../../../shared/qa/tags';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { createFromTemplate, listSources, loadNormalizedRecords, useLive } from '../../db';
import { DraftPreview } from './DraftPreview';
import { LayoutFields } from './LayoutFields';
import { TagFields, type TagValues } from './TagFields';
import { TemplateText } from './TemplateText';
import { candidateTerms, guessLayout } from './template-setup';
import { useTemplatePreview, type LayoutChoice } from './use-template-preview';

const noTags: TagValues = { department: '', topic: '', difficulty: '', tagText: '' };

/**
 * A question and answer template applied to one source's normalized records: errors show as the
 * template is typed, the drafts it gives are previewed, then stored as generated pairs.
 */
export function TemplateForm({ profile, project }: { profile: Profile; project: Project }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const sources = useLive(() => listSources(db, project.id), [db, project.id]);
  const terms = useLive(
    async () => (await db.terms.toArray()).filter((term) => term.status === 'active'),
    [db],
  );
  const [sourceId, setSourceId] = useState('');
  const chosenSource = sources?.find((source) => source.id === sourceId) ?? sources?.[0];
  const loaded = useLive(
    async () => (chosenSource ? loadNormalizedRecords(db, project.id, chosenSource.id) : null),
    [db, project.id, chosenSource?.id],
  );
  const [name, setName] = useState('');
  const [text, setText] = useState({ question: '', answer: '' });
  const [tags, setTags] = useState<TagValues>(noTags);
  const [layoutChoice, setLayoutChoice] = useState<LayoutChoice | null>(null);
  const [aboutChoice, setAboutChoice] = useState<string | null>(null);
  const [isSubmitted, setSubmitted] = useState(true);
  const [outcome, setOutcome] = useState<{ count: number } | { error: string } | null>(null);

  const fields = useMemo(() => loaded?.fields ?? [], [loaded]);
  const records = useMemo(() => loaded?.records ?? [], [loaded]);
  const guessed = useMemo(
    () => guessLayout(fields, records, terms ?? []),
    [fields, records, terms],
  );
  const layout =
    layoutChoice !== null && layoutChoice.sourceId === chosenSource?.id
      ? layoutChoice.layout
      : guessed;
  const candidates = useMemo(
    () => candidateTerms(terms ?? [], fields, records, layout),
    [terms, fields, records, layout],
  );
  const preview = useTemplatePreview({ text, fields, records, layout, candidates, aboutChoice });

  if (!sources || !terms) return null;
  if (!chosenSource) return <p className="card hint">{t('qa.template.noSources')}</p>;

  async function create() {
    if (!chosenSource || preview.expansion === null) return;
    try {
      const { pairs } = await createFromTemplate(db, profile, {
        projectId: project.id,
        template: {
          name: name.trim() || text.question.slice(0, 40),
          ...text,
          tags: {
            department: tags.department,
            topic: tags.topic,
            ...(tags.difficulty === '' ? {} : { difficulty: tags.difficulty }),
            free: parseTagList(tags.tagText),
          },
          sourceId: chosenSource.id,
          layout,
        },
        drafts: preview.expansion.drafts,
        isSubmitted,
      });
      setOutcome({ count: pairs.length });
    } catch (error) {
      setOutcome({ error: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <section className="card form template-form" aria-labelledby="template-title">
      <h1 id="template-title">{t('qa.template.title')}</h1>
      <p className="hint">{t('qa.template.hint')}</p>
      <label>
        {t('qa.template.name')}
        <input value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <label>
        {t('qa.template.source')}
        <select value={chosenSource.id} onChange={(event) => setSourceId(event.target.value)}>
          {sources.map((source) => (
            <option key={source.id} value={source.id}>
              {source.fileName}
            </option>
          ))}
        </select>
      </label>
      <LayoutFields
        fields={fields}
        layout={layout}
        candidates={candidates}
        about={preview.about}
        onLayout={(next) => setLayoutChoice({ sourceId: chosenSource.id, layout: next })}
        onAbout={setAboutChoice}
      />
      <TemplateText
        side="question"
        value={text.question}
        errors={preview.errors}
        onChange={(question) => setText({ ...text, question })}
      />
      <TemplateText
        side="answer"
        value={text.answer}
        errors={preview.errors}
        onChange={(answer) => setText({ ...text, answer })}
      />
      <p className="hint">{t('qa.template.vocabulary', { fields: fields.join(', ') })}</p>
      <TagFields
        {...tags}
        known={{ departments: [], topics: [] }}
        onChange={(change) => setTags({ ...tags, ...change })}
      />
      {preview.layoutProblems.map((problem) => (
        <p key={problem} className="warning">
          {problem}
        </p>
      ))}
      {preview.expansion && (
        <>
          <DraftPreview
            result={{
              drafts: preview.expansion.drafts,
              skipped: preview.expansion.skipped.map(({ line, reason }) => ({ line, reason })),
            }}
            skippedLabel={(entry) =>
              t('qa.template.skipped', {
                file: chosenSource.fileName,
                line: entry.line,
                reason: entry.reason,
              })
            }
          />
          {preview.expansion.unmatched > 0 && (
            <p className="hint">
              {t('qa.template.unmatched', { count: preview.expansion.unmatched })}
            </p>
          )}
          <label className="inline-field">
            <input
              type="checkbox"
              checked={isSubmitted}
              onChange={(event) => setSubmitted(event.target.checked)}
            />{' '}
            {t('qa.import.toReview')}
          </label>
          <ActionButton
            action="qa:draft"
            profile={profile}
            className="primary"
            disabled={preview.expansion.drafts.length === 0}
            onClick={() => void create()}
          >
            {t('qa.template.create', { count: preview.expansion.drafts.length })}
          </ActionButton>
        </>
      )}
      {outcome && 'count' in outcome && (
        <p role="status">{t('qa.template.created', { count: outcome.count })}</p>
      )}
      {outcome && 'error' in outcome && <p role="alert">{outcome.error}</p>}
    </section>
  );
}
