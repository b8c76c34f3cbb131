import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import { qaStates } from '../../../shared/model/qa';
import type { FilterChoices } from './dataset-job';
import type { SectionProps } from './FormatSection';

interface FilterSectionProps extends SectionProps {
  choices: FilterChoices | null;
  pairsByState: Record<string, number>;
  profiles: readonly Profile[];
}

function selected(select: HTMLSelectElement): string[] {
  return Array.from(select.selectedOptions, (option) => option.value);
}

/** Which pairs go in: review states (approved only by default), tags, reviewers and dates. */
export function FilterSection({
  form,
  update,
  choices,
  pairsByState,
  profiles,
}: FilterSectionProps) {
  const { t } = useTranslation();
  const nameOf = new Map(profiles.map((profile) => [profile.id, profile.name]));
  const tags = choices?.tags ?? [];
  const toggleState = (state: string, isOn: boolean) =>
    update({
      states: isOn ? [...form.states, state] : form.states.filter((other) => other !== state),
    });
  return (
    <fieldset className="export-section">
      <legend>{t('export.includeTitle')}</legend>
      <fieldset className="export-states">
        <legend>{t('export.states')}</legend>
        {qaStates.map((state) => (
          <label key={state} className="check">
            <input
              type="checkbox"
              checked={form.states.includes(state)}
              onChange={(event) => toggleState(state, event.target.checked)}
            />
            {t(`qa.state.${state}`)} ({pairsByState[state] ?? 0})
          </label>
        ))}
      </fieldset>
      <div className="export-row">
        <label>
          {t('export.anyTags')}
          <select
            multiple
            size={Math.min(5, Math.max(2, tags.length))}
            value={form.anyTags}
            onChange={(event) => update({ anyTags: selected(event.target) })}
          >
            {tags.map(({ tag, count }) => (
              <option key={tag} value={tag}>
                {t('export.tagCount', { tag, count })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('export.excludeTags')}
          <select
            multiple
            size={Math.min(5, Math.max(2, tags.length))}
            value={form.excludeTags}
            onChange={(event) => update({ excludeTags: selected(event.target) })}
          >
            {tags.map(({ tag, count }) => (
              <option key={tag} value={tag}>
                {t('export.tagCount', { tag, count })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('export.reviewers')}
          <select
            multiple
            size={Math.min(5, Math.max(2, choices?.reviewers.length ?? 0))}
            value={form.reviewerIds}
            onChange={(event) => update({ reviewerIds: selected(event.target) })}
          >
            {choices?.reviewers.map(({ id, count }) => (
              <option key={id} value={id}>
                {t('export.tagCount', { tag: nameOf.get(id) ?? id, count })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="export-row">
        <label>
          {t('export.approvedFrom')}
          <input
            type="date"
            value={form.approvedFrom}
            onChange={(event) => update({ approvedFrom: event.target.value })}
          />
        </label>
        <label>
          {t('export.approvedTo')}
          <input
            type="date"
            value={form.approvedTo}
            onChange={(event) => update({ approvedTo: event.target.value })}
          />
        </label>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={form.twoExpertOnly}
          onChange={(event) => update({ twoExpertOnly: event.target.checked })}
        />
        {t('export.twoExpertOnly')}
      </label>
    </fieldset>
  );
}
