import { useTranslation } from 'react-i18next';
import type { RecordLayout } from '../../../shared/qa/template-expand';
import type { TermName } from './template-setup';

interface LayoutFieldsProps {
  fields: readonly string[];
  layout: RecordLayout;
  candidates: readonly TermName[];
  about: TermName | null;
  onLayout: (layout: RecordLayout) => void;
  /** nameEn of the chosen term, '' for none. */
  onAbout: (name: string) => void;
}

/** How the records hold measurements, and which measurement the template is about. */
export function LayoutFields({
  fields,
  layout,
  candidates,
  about,
  onLayout,
  onAbout,
}: LayoutFieldsProps) {
  const { t } = useTranslation();
  const fieldSelect = (
    label: string,
    value: string,
    onChange: (field: string) => void,
    isOptional = false,
  ) => (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {isOptional && <option value="">{t('qa.import.unused')}</option>}
        {fields.map((field) => (
          <option key={field} value={field}>
            {field}
          </option>
        ))}
      </select>
    </label>
  );
  const first = fields[0] ?? '';
  return (
    <fieldset className="layout-fields">
      <legend>{t('qa.template.layout')}</legend>
      <label>
        {t('qa.template.layoutKind')}
        <select
          value={layout.kind}
          onChange={(event) =>
            onLayout(
              event.target.value === 'long'
                ? { kind: 'long', testField: first, valueField: first }
                : { kind: 'wide' },
            )
          }
        >
          <option value="wide">{t('qa.template.wide')}</option>
          <option value="long">{t('qa.template.long')}</option>
        </select>
      </label>
      {layout.kind === 'long' ? (
        <>
          {fieldSelect(t('qa.template.testField'), layout.testField, (testField) =>
            onLayout({ ...layout, testField }),
          )}
          {fieldSelect(t('qa.template.valueField'), layout.valueField, (valueField) =>
            onLayout({ ...layout, valueField }),
          )}
          {fieldSelect(
            t('qa.template.unitField'),
            layout.unitField ?? '',
            (unitField) => {
              const { unitField: _dropped, ...rest } = layout;
              onLayout(unitField === '' ? rest : { ...rest, unitField });
            },
            true,
          )}
        </>
      ) : (
        about &&
        fieldSelect(
          t('qa.template.unitField'),
          layout.unitFields?.[about.nameEn] ?? '',
          (unitField) =>
            onLayout({
              kind: 'wide',
              unitFields:
                unitField === '' ? {} : { ...layout.unitFields, [about.nameEn]: unitField },
            }),
          true,
        )
      )}
      <label>
        {t('qa.template.about')}
        <select value={about?.nameEn ?? ''} onChange={(event) => onAbout(event.target.value)}>
          <option value="">{t('qa.template.noTerm')}</option>
          {candidates.map((term) => (
            <option key={term.nameEn} value={term.nameEn}>
              {term.nameZh && term.nameZh !== term.nameEn
                ? `${term.nameEn} · ${term.nameZh}`
                : term.nameEn}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
