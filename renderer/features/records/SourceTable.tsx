import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project, Source } from '../../../shared/model/records';
import { useServices } from '../../app/services';
import { loadFieldNames, loadRecord, loadValueNames, useLive } from '../../db';
import { useSession } from '../../store/session';
import { requestProfile } from '../../workers/view-client';
import { FieldProfilePanel } from './FieldProfilePanel';
import { RecordGrid, type Header } from './RecordGrid';

export function SourceTable({ source, project }: { source: Source; project: Project }) {
  const { t, i18n } = useTranslation();
  const { db } = useServices();
  const cite = useSession((state) => state.cite);
  const show = useSession((state) => state.show);
  const [selectedRow, setSelectedRow] = useState<number | null>(null);
  const [isProfileShown, setProfileShown] = useState(false);
  const [isCanonical, setCanonical] = useState(false);
  const names = useLive(
    () => loadFieldNames(db, project.id, source.fields, undefined, source.sourceSystem ?? ''),
    [db, project.id, source.fields, source.sourceSystem],
  );
  const selected = useLive(
    async () => (selectedRow === null ? null : await loadRecord(db, source.id, selectedRow)),
    [db, source.id, selectedRow],
  );
  const isChinese = i18n.language === 'zh-CN';
  const valueNames = useLive(
    () =>
      loadValueNames(
        db,
        project.id,
        source.fields,
        isChinese ? 'zh-CN' : 'en',
        source.sourceSystem ?? '',
      ),
    [db, project.id, source.fields, isChinese, source.sourceSystem],
  );
  const hasValueNames = valueNames?.some((names) => names !== null) ?? false;
  const isProfiled = source.profile.length > 0 || source.rowCount === 0;
  useEffect(() => {
    if (!isProfiled) requestProfile(source.id);
  }, [isProfiled, source.id]);
  const headers = useMemo<Header[] | null>(() => {
    if (!names) return null;
    const numericFields = new Set(
      source.profile
        .filter((profile) => profile.type === 'integer' || profile.type === 'decimal')
        .map((profile) => profile.field),
    );
    return names.map((name) => ({
      raw: name.raw,
      label: name.canonical ? (isChinese ? name.canonical.nameZh : name.canonical.name) : name.raw,
      isMapped: name.canonical !== undefined,
      isNumeric: numericFields.has(name.raw),
    }));
  }, [names, isChinese, source.profile]);
  if (!headers) return <p className="hint">{t('records.loading')}</p>;

  return (
    <>
      <div className="table-toolbar">
        <h2>{source.sheet ? `${source.fileName} › ${source.sheet}` : source.fileName}</h2>
        <span className="row-count" data-testid="row-count">
          {t('records.rowCount', { count: source.rowCount })}
        </span>
        <button
          type="button"
          aria-pressed={isProfileShown}
          onClick={() => setProfileShown(!isProfileShown)}
        >
          {t('records.profile')}
        </button>
        {hasValueNames && (
          <button
            type="button"
            aria-pressed={isCanonical}
            onClick={() => setCanonical(!isCanonical)}
          >
            {t('records.canonicalValues')}
          </button>
        )}
        <span className="spacer" />
        <button
          type="button"
          disabled={!selected}
          onClick={() => {
            if (selectedRow === null) return;
            cite({ sourceId: source.id, row: selectedRow });
            show('qa');
          }}
        >
          {selected ? t('records.cite', { line: selected.line }) : t('records.citeHint')}
        </button>
      </div>
      {isProfileShown && <FieldProfilePanel source={source} />}
      <RecordGrid
        key={source.id}
        source={source}
        headers={headers}
        selectedRow={selectedRow}
        valueNames={isCanonical && valueNames ? valueNames : null}
        onSelectRow={setSelectedRow}
      />
    </>
  );
}
