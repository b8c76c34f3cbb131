import { useTranslation } from 'react-i18next';
import type { FieldEvidence, RecordEvidence } from '../../../shared/model/qa';
import { evidenceKey } from '../../../shared/qa/evidence';
import { useServices } from '../../app/services';
import { loadFieldNames, useLive } from '../../db';
import type { DraftEvidence } from '../../store/qa-draft';
import { EvidenceView } from './EvidenceView';

interface DraftEvidenceListProps {
  projectId: string;
  items: readonly DraftEvidence[];
  onReplace: (index: number, item: DraftEvidence) => void;
  onRemove: (index: number) => void;
}

/** The evidence on the form; a cited record can be narrowed to the one field the pair is about. */
export function DraftEvidenceList({
  projectId,
  items,
  onReplace,
  onRemove,
}: DraftEvidenceListProps) {
  const { t } = useTranslation();
  return (
    <div className="draft-evidence">
      {items.map((item, index) => (
        <EvidenceView key={evidenceKey(item.evidence)} evidence={item.evidence}>
          <div className="buttons">
            {item.record && (
              <FieldChoice
                projectId={projectId}
                record={item.record}
                field={item.evidence.kind === 'field' ? item.evidence.field : ''}
                onChange={(evidence) =>
                  onReplace(index, { evidence: evidence ?? item.record!, record: item.record! })
                }
              />
            )}
            <button type="button" onClick={() => onRemove(index)}>
              {t('qa.draft.removeEvidence')}
            </button>
          </div>
        </EvidenceView>
      ))}
    </div>
  );
}

function FieldChoice({
  projectId,
  record,
  field,
  onChange,
}: {
  projectId: string;
  record: RecordEvidence;
  field: string;
  onChange: (evidence: FieldEvidence | null) => void;
}) {
  const { t } = useTranslation();
  const { db } = useServices();
  const fields = Object.keys(record.fields);
  const names = useLive(() => loadFieldNames(db, projectId, fields), [db, projectId, record]);
  const canonicalOf = (raw: string) => names?.find((name) => name.raw === raw)?.canonical?.name;
  return (
    <label className="inline-field">
      {t('qa.draft.citeOnly')}{' '}
      <select
        value={field}
        onChange={(event) => {
          const chosen = event.target.value;
          if (chosen === '') return onChange(null);
          const canonical = canonicalOf(chosen);
          onChange({
            kind: 'field',
            sourceId: record.sourceId,
            sourceName: record.sourceName,
            row: record.row,
            line: record.line,
            field: chosen,
            value: record.fields[chosen] ?? '',
            ...(canonical ? { canonical } : {}),
          });
        }}
      >
        <option value="">{t('qa.draft.wholeRecord')}</option>
        {fields.map((name) => (
          <option key={name} value={name}>
            {canonicalOf(name) ? `${canonicalOf(name)} (${name})` : name}
          </option>
        ))}
      </select>
    </label>
  );
}
