import { useTranslation } from 'react-i18next';
import type { FilterChoices } from './dataset-job';
import type { SectionProps } from './FormatSection';

/** "topic:" for tags such as "topic:emergency", then each tag, as things to balance splits by. */
function stratifyOptions(choices: FilterChoices | null): string[] {
  const tags = choices?.tags.map(({ tag }) => tag) ?? [];
  const prefixes = new Set(
    tags.filter((tag) => tag.includes(':')).map((tag) => tag.slice(0, tag.indexOf(':') + 1)),
  );
  return [...[...prefixes].sort(), ...tags.filter((tag) => !tag.includes(':')).sort()];
}

/** Duplicates and splits: what is dropped before splitting, and how the rest is dealt out. */
export function CurationSection({
  form,
  update,
  choices,
}: SectionProps & { choices: FilterChoices | null }) {
  const { t } = useTranslation();
  const percent = (name: 'train' | 'validation' | 'test') => (
    <label>
      {t(`export.${name}`)}
      <input
        type="number"
        min={0}
        max={100}
        value={form[name]}
        onChange={(event) => update({ [name]: event.target.valueAsNumber || 0 })}
      />
    </label>
  );
  return (
    <fieldset className="export-section">
      <legend>{t('export.dedupeTitle')}</legend>
      {(['none', 'exact', 'near'] as const).map((mode) => (
        <label key={mode} className="check">
          <input
            type="radio"
            name="dedupe"
            checked={form.dedupe === mode}
            onChange={() => update({ dedupe: mode })}
          />
          {t(`export.dedupe.${mode}`)}
        </label>
      ))}
      {form.dedupe === 'near' && (
        <label>
          {t('export.threshold', { value: form.threshold.toFixed(2) })}
          <input
            type="range"
            min={0.5}
            max={1}
            step={0.05}
            value={form.threshold}
            onChange={(event) => update({ threshold: event.target.valueAsNumber })}
          />
        </label>
      )}
      <h3>{t('export.splitsTitle')}</h3>
      <div className="export-row">
        {percent('train')}
        {percent('validation')}
        {percent('test')}
        <label>
          {t('export.seed')}
          <input
            type="number"
            min={0}
            step={1}
            value={form.seed}
            onChange={(event) => update({ seed: event.target.valueAsNumber })}
          />
        </label>
      </div>
      <label>
        {t('export.stratify')}
        <select
          value={form.stratifyByTag}
          onChange={(event) => update({ stratifyByTag: event.target.value })}
        >
          <option value="">{t('export.noStratify')}</option>
          {stratifyOptions(choices).map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </label>
      <p className="hint">{t('export.grouped')}</p>
    </fieldset>
  );
}
