import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { RecordEvidence } from '../../../shared/model/qa';
import type { Project } from '../../../shared/model/records';
import { draftProblems } from '../../../shared/qa/state';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { createPair, loadRecord, useLive } from '../../db';
import { useSession } from '../../store/session';
import { EvidenceView } from './EvidenceView';
import { PairList } from './PairList';

export function DraftView({ profile, project }: { profile: Profile; project: Project }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const cited = useSession((state) => state.citedRecord);
  const cite = useSession((state) => state.cite);
  const show = useSession((state) => state.show);
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const evidence = useLive(async (): Promise<RecordEvidence | null> => {
    if (!cited) return null;
    const record = await loadRecord(db, cited.sourceId, cited.row);
    return record ? { kind: 'record', sourceId: cited.sourceId, row: cited.row, ...record } : null;
  }, [db, cited]);
  const problems = draftProblems({ question, answer }, evidence ? 1 : 0);

  async function save(isSubmitted: boolean, event?: FormEvent) {
    event?.preventDefault();
    if (!evidence) return;
    await createPair(db, profile, {
      projectId: project.id,
      question,
      answer,
      evidence: [evidence],
      isSubmitted,
    });
    setQuestion('');
    setAnswer('');
    cite(null);
    setNotice(isSubmitted ? t('qa.submitted') : t('qa.saved'));
  }

  return (
    <section className="qa">
      <form
        className="card form"
        onSubmit={(event) => void save(true, event)}
        aria-labelledby="draft-title"
      >
        <h1 id="draft-title">{t('qa.draftTitle')}</h1>
        {evidence ? (
          <EvidenceView evidence={evidence} />
        ) : (
          <p className="hint">
            {t('qa.noEvidence')}{' '}
            <button type="button" className="link" onClick={() => show('records')}>
              {t('qa.pickRecord')}
            </button>
          </p>
        )}
        <label>
          {t('qa.question')}
          <textarea
            value={question}
            onChange={(event) => setQuestion(event.target.value)}
            rows={3}
          />
        </label>
        <label>
          {t('qa.answer')}
          <textarea value={answer} onChange={(event) => setAnswer(event.target.value)} rows={4} />
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
      </form>
      <PairList projectId={project.id} />
    </section>
  );
}
