import { useTranslation } from 'react-i18next';
import { difficulties, type Difficulty } from '../../../shared/model/qa';

export interface TagValues {
  department: string;
  topic: string;
  difficulty: Difficulty | '';
  tagText: string;
}

interface TagFieldsProps extends TagValues {
  onChange: (values: Partial<TagValues>) => void;
  /** Departments and topics already used in the project, offered as the person types. */
  known: { departments: string[]; topics: string[] };
}

/** Department, topic, difficulty and free tags of a pair. */
export function TagFields({ onChange, known, ...values }: TagFieldsProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="tag-fields">
      <legend>{t('qa.tags.title')}</legend>
      <label>
        {t('qa.tags.department')}
        <input
          list="qa-departments"
          value={values.department}
          onChange={(event) => onChange({ department: event.target.value })}
        />
      </label>
      <label>
        {t('qa.tags.topic')}
        <input
          list="qa-topics"
          value={values.topic}
          onChange={(event) => onChange({ topic: event.target.value })}
        />
      </label>
      <label>
        {t('qa.tags.difficulty')}
        <select
          value={values.difficulty}
          onChange={(event) =>
            onChange({
              difficulty: difficulties.find((level) => level === event.target.value) ?? '',
            })
          }
        >
          <option value="">{t('qa.tags.noDifficulty')}</option>
          {difficulties.map((level) => (
            <option key={level} value={level}>
              {t(`qa.difficulty.${level}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('qa.tags.free')}
        <input
          value={values.tagText}
          placeholder={t('qa.tags.freeHint')}
          onChange={(event) => onChange({ tagText: event.target.value })}
        />
      </label>
      <datalist id="qa-departments">
        {known.departments.map((value) => (
          <option key={value} value={value} />
        ))}
      </datalist>
      <datalist id="qa-topics">
        {known.topics.map((value) => (
          <option key={value} value={value} />
        ))}
      </datalist>
    </fieldset>
  );
}
