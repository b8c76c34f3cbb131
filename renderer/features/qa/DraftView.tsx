import './qa.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { Project } from '../../../shared/model/records';
import { DashboardView } from './DashboardView';
import { DraftForm } from './DraftForm';
import { ImportDrafts } from './ImportDrafts';
import { PairList } from './PairList';
import { TemplateForm } from './TemplateForm';
import { useProfileNames, useProjectQa } from './use-project-qa';

const tabs = ['write', 'import', 'template', 'dashboard'] as const;
type Tab = (typeof tabs)[number];

/** The QA pairs section: write a pair, import drafts, generate them from a template, progress. */
export function DraftView({ profile, project }: { profile: Profile; project: Project }) {
  const { t } = useTranslation();
  const data = useProjectQa(project.id);
  const names = useProfileNames();
  const [tab, setTab] = useState<Tab>('write');
  if (!data) return null;
  return (
    <div className="qa-section">
      <div className="tabs" role="tablist" aria-label={t('qa.tabs.title')}>
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            onClick={() => setTab(name)}
          >
            {t(`qa.tabs.${name}`)}
          </button>
        ))}
      </div>
      {tab === 'dashboard' ? (
        <DashboardView data={data} names={names} />
      ) : (
        <section className="qa">
          {tab === 'write' ? (
            <DraftForm profile={profile} project={project} pairs={data.pairs} />
          ) : tab === 'import' ? (
            <ImportDrafts profile={profile} projectId={project.id} />
          ) : (
            <TemplateForm profile={profile} project={project} />
          )}
          <PairList
            pairs={data.pairs}
            reviews={data.reviews}
            policy={data.policy}
            profile={profile}
            names={names}
          />
        </section>
      )}
    </div>
  );
}
