import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project, Source } from '../../../shared/model/records';
import { useServices } from '../../app/services';
import { loadFieldNames, loadSourceRows, useLive } from '../../db';
import { useSession } from '../../store/session';
import { RecordTable } from './RecordTable';

export function SourceTable({ source, project }: { source: Source; project: Project }) {
  const { t, i18n } = useTranslation();
  const { db } = useServices();
  const cite = useSession((state) => state.cite);
  const show = useSession((state) => state.show);
  const [selectedRow, setSelectedRow] = useState<number | null>(null);
  const data = useLive(() => loadSourceRows(db, source.id), [db, source.id]);
  const names = useLive(
    () => loadFieldNames(db, project.id, source.fields),
    [db, project.id, source.fields],
  );
  if (!data || !names) return <p className="hint">{t('records.loading')}</p>;

  const isChinese = i18n.language === 'zh-CN';
  const headers = names.map((name) => ({
    raw: name.raw,
    label: name.canonical ? (isChinese ? name.canonical.nameZh : name.canonical.name) : name.raw,
    isMapped: name.canonical !== undefined,
  }));

  return (
    <>
      <div className="table-toolbar">
        <h2>{source.fileName}</h2>
        <span className="row-count" data-testid="row-count">
          {t('records.rowCount', { count: data.rows.length })}
        </span>
        <span className="spacer" />
        <button
          type="button"
          disabled={selectedRow === null}
          onClick={() => {
            if (selectedRow === null) return;
            cite({ sourceId: source.id, row: selectedRow });
            show('qa');
          }}
        >
          {selectedRow === null
            ? t('records.citeHint')
            : t('records.cite', { line: data.lines[selectedRow] ?? 0 })}
        </button>
      </div>
      <RecordTable
        headers={headers}
        rows={data.rows}
        lines={data.lines}
        selectedRow={selectedRow}
        onSelectRow={setSelectedRow}
      />
    </>
  );
}
