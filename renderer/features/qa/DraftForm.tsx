import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { OcrRegionEvidence, QaPair, RecordEvidence } from '../../../shared/model/qa';
import type { Project } from '../../../shared/model/records';
import { draftProblems } from '../../../shared/qa/state';
import { parseTagList } from '../../../shared/qa/tags';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { createPair, loadRecord } from '../../db';
import { useDraft } from '../../store/qa-draft';
import { useSession } from '../../store/session';
import { DraftEvidenceList } from './DraftEvidenceList';
import { DuplicateWarning } from './DuplicateWarning';
import { SyncedQuestionIndex } from './question-index';
import { ScanRegionPicker } from './ScanRegionPicker';
import { TagFields } from './TagFields';

interface DraftFormProps {
  profile: Profile;
  project: Project;
  pairs: readonly QaPair[];
}

/** Writing one pair from evidence: records or fields picked in Records, or regions of scans. */
export function DraftForm({ profile, project, pairs }: DraftFormProps) {
  const { t } = useTranslation();
  const { db } = useServices();
  const draft = useDraft();
  const cited = useSession((state) => state.citedRecord);
  const cite = useSession((state) => state.cite);
  const show = useSession((state) => state.show);
  const [isScanOpen, setScanOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { open, cite: citeEvidence } = draft;

  useEffect(() => open(project.id), [open, project.id]);
  // A record picked in Records arrives through the session; it joins the draft's evidence.
  useEffect(() => {
    if (!cited) return;
    let isCurrent = true;
    void loadRecord(db, cited.sourceId, cited.row).then((record) => {
      if (!isCurrent || !record) return;
      const evidence: RecordEvidence = {
        kind: 'record',
        sourceId: cited.sourceId,
        row: cited.row,
        ...record,
      };
      citeEvidence({ evidence, record: evidence });
      cite(null);
    });
    return () => {
      isCurrent = false;
    };
  }, [db, cited, cite, citeEvidence]);

  const [synced] = useState(() => new SyncedQuestionIndex());
  const check = useMemo(() => synced.sync(pairs), [synced, pairs]);
  const byId = useMemo(() => new Map(pairs.map((pair) => [pair.id, pair])), [pairs]);
  const known = useMemo(() => knownTags(pairs), [pairs]);
  const evidence = draft.evidence.map((item) => item.evidence);
  const problems = draftProblems(draft, evidence.length);

  async function save(isSubmitted: boolean, event?: FormEvent) {
    event?.preventDefault();
    if (problems.length > 0) return;
    try {
      await createPair(db, profile, {
        projectId: project.id,
        question: draft.question,
        answer: draft.answer,
        evidence,
        tags: {
          department: draft.department,
          topic: draft.topic,
          ...(draft.difficulty === '' ? {} : { difficulty: draft.difficulty }),
          free: parseTagList(draft.tagText),
        },
        notes: draft.notes,
        isSubmitted,
      });
      draft.clear();
      setError(null);
      setNotice(isSubmitted ? t('qa.submitted') : t('qa.saved'));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  return (
    <form
      className="card form draft-form"
      onSubmit={(event) => void save(true, event)}
      aria-labelledby="draft-title"
    >
      <h1 id="draft-title">{t('qa.draftTitle')}</h1>
      {evidence.length === 0 && (
        <p className="hint">
          {t('qa.noEvidence')}{' '}
          <button type="button" className="link" onClick={() => show('records')}>
            {t('qa.pickRecord')}
          </button>
        </p>
      )}
      <DraftEvidenceList
        projectId={project.id}
        items={draft.evidence}
        onReplace={draft.replace}
        onRemove={draft.uncite}
      />
      <div className="buttons">
        {evidence.length > 0 && (
          <button type="button" onClick={() => show('records')}>
            {t('qa.draft.addRecord')}
          </button>
        )}
        <button type="button" aria-expanded={isScanOpen} onClick={() => setScanOpen(!isScanOpen)}>
          {t('qa.draft.addScanRegion')}
        </button>
      </div>
      {isScanOpen && (
        <ScanRegionPicker
          projectId={project.id}
          cited={evidence.filter((item): item is OcrRegionEvidence => item.kind === 'ocr-region')}
          onCite={(region) => draft.cite({ evidence: region })}
        />
      )}
      <label>
        {t('qa.question')}
        <textarea
          value={draft.question}
          onChange={(event) => draft.change({ question: event.target.value })}
          rows={3}
        />
      </label>
      <DuplicateWarning question={draft.question} check={check} pairs={byId} />
      <label>
        {t('qa.answer')}
        <textarea
          value={draft.answer}
          onChange={(event) => draft.change({ answer: event.target.value })}
          rows={4}
        />
      </label>
      <TagFields
        department={draft.department}
        topic={draft.topic}
        difficulty={draft.difficulty}
        tagText={draft.tagText}
        known={known}
        onChange={draft.change}
      />
      <label>
        {t('qa.notes')}
        <textarea
          value={draft.notes}
          onChange={(event) => draft.change({ notes: event.target.value })}
          rows={2}
        />
      </label>
      <div className="buttons">
        <ActionButton
          action="qa:draft"
          profile={profile}
          disabled={problems.length > 0}
          onClick={() => void save(false)}
        >
          {t('qa.saveDraft')}
        </ActionButton>
        <ActionButton
          action="qa:draft"
          profile={profile}
          type="submit"
          isReasonShown={false}
          className="primary"
          disabled={problems.length > 0}
        >
          {t('qa.submit')}
        </ActionButton>
      </div>
      {notice && <p role="status">{notice}</p>}
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

function knownTags(pairs: readonly QaPair[]): { departments: string[]; topics: string[] } {
  const departments = new Set<string>();
  const topics = new Set<string>();
  for (const pair of pairs) {
    if (pair.tags?.department) departments.add(pair.tags.department);
    if (pair.tags?.topic) topics.add(pair.tags.topic);
  }
  return { departments: [...departments].sort(), topics: [...topics].sort() };
}
