import { useTranslation } from 'react-i18next';
import type { TemplateError, TemplateSide } from '../../../shared/qa/template-parse';

interface TemplateTextProps {
  side: TemplateSide;
  value: string;
  errors: readonly TemplateError[];
  onChange: (value: string) => void;
}

/** One side of a template, with its parse errors right under it, each at its line and column. */
export function TemplateText({ side, value, errors, onChange }: TemplateTextProps) {
  const { t } = useTranslation();
  const own = errors.filter((error) => error.side === side);
  const id = `template-${side}-errors`;
  return (
    <label>
      {t(`qa.template.${side}`)}
      <textarea
        value={value}
        rows={2}
        aria-invalid={own.length > 0}
        aria-describedby={own.length > 0 ? id : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {own.length > 0 && (
        <ul id={id} className="template-errors" role="alert">
          {own.map((error) => (
            <li key={`${error.line}:${error.column}:${error.problem}`}>
              {t('qa.template.errorAt', { line: error.line, column: error.column })}{' '}
              {t(`qa.template.problem.${error.problem}`, braced(error.detail))}
              {error.detail['suggestion']
                ? ` ${t('qa.template.didYouMean', braced(error.detail))}`
                : ''}
            </li>
          ))}
        </ul>
      )}
    </label>
  );
}

/** Placeholder names as they are written in a template: {Hemoglobin}. */
function braced(detail: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(detail).map(([key, value]) => [key, `{${value}}`]));
}
