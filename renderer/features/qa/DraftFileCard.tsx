import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportMode } from '../../../shared/ingest/types';
import type { Profile } from '../../../shared/model/people';
import {
  draftColumns,
  mappableColumns,
  mappingProblems,
  type ColumnMapping,
  type DraftColumn,
} from '../../../shared/qa/import/columns';
import type { DraftFileImport } from '../../../shared/qa/import/file';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { importDrafts } from '../../db';
import { readDraftFile } from '../../workers/drafts-client';
import { DraftPreview } from './DraftPreview';

export interface DraftFile {
  id: string;
  name: string;
  bytes: Uint8Array;
}

interface DraftFileCardProps {
  file: DraftFile;
  profile: Profile;
  projectId: string;
  onClose: () => void;
}

const noMapping: ColumnMapping = {};

type Reading = { ok: true; result: DraftFileImport } | { ok: false; message: string };

/**
 * One file of drafts: the columns guessed and shown for correcting, a preview of the drafts they
 * give, then the import. Problems name the file and the line.
 */
export function DraftFileCard({ file, profile, projectId, onClose }: DraftFileCardProps) {
  const { t } = useTranslation();
  const { db } = useServices();
  const [mode, setMode] = useState<ImportMode>('strict');
  const [mapping, setMapping] = useState<ColumnMapping | undefined>(undefined);
  const [isSubmitted, setSubmitted] = useState(true);
  const [outcome, setOutcome] = useState<{ count: number } | { error: string } | null>(null);
  const [isBusy, setBusy] = useState(false);
  // The lenient first reading gives the file's columns and the guessed mapping to show.
  const guess = useDraftReading(file, 'lenient', undefined, true);
  const fields = guess?.ok ? guess.result.fields : [];
  const current = mapping ?? (guess?.ok ? guess.result.mapping : null) ?? noMapping;
  const problems = fields.length > 0 ? mappingProblems(current, fields) : [];
  const isMapped = guess !== undefined && problems.length === 0;
  const reading = useDraftReading(file, mode, fields.length > 0 ? current : undefined, isMapped);
  const shown = reading?.ok ? reading.result : null;

  function choose(column: DraftColumn, value: string) {
    const next: ColumnMapping = { ...current };
    if (value === '') delete next[column];
    else next[column] = value;
    setMapping(next);
  }

  async function run() {
    if (!shown) return;
    setBusy(true);
    try {
      const pairs = await importDrafts(db, profile, {
        projectId,
        fileName: file.name,
        drafts: shown.drafts,
        isSubmitted,
      });
      setOutcome({ count: pairs.length });
    } catch (error) {
      setOutcome({ error: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="card draft-file" aria-label={file.name}>
      <header className="queued-head">
        <strong>{file.name}</strong>
        {guess?.ok && <span className="hint">{t(`qa.import.format.${guess.result.format}`)}</span>}
        <span className="spacer" />
        <button type="button" onClick={onClose}>
          {t('qa.import.close')}
        </button>
      </header>
      {outcome && 'count' in outcome ? (
        <p role="status" className="ok">
          {t('qa.import.done', { count: outcome.count, file: file.name })}
        </p>
      ) : (
        <>
          <div className="import-settings">
            <label>
              {t('qa.import.mode')}
              <select
                value={mode}
                onChange={(event) =>
                  setMode(event.target.value === 'lenient' ? 'lenient' : 'strict')
                }
              >
                <option value="strict">{t('qa.import.strict')}</option>
                <option value="lenient">{t('qa.import.lenient')}</option>
              </select>
            </label>
          </div>
          {fields.length > 0 && (
            <fieldset className="column-mapping">
              <legend>{t('qa.import.columns')}</legend>
              {draftColumns.map((column) => (
                <label key={column}>
                  {t(`qa.import.column.${column}`)}
                  <select
                    value={current[column] ?? ''}
                    onChange={(event) => choose(column, event.target.value)}
                  >
                    <option value="">{t('qa.import.unused')}</option>
                    {mappableColumns(fields).map((field) => (
                      <option key={field} value={field}>
                        {field}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </fieldset>
          )}
          {problems.map((problem) => (
            <p key={problem} className="warning">
              {problem}
            </p>
          ))}
          {guess === undefined && <p role="status">{t('qa.import.reading')}</p>}
          {guess?.ok === false && <p role="alert">{guess.message}</p>}
          {guess?.ok && reading && !reading.ok && <p role="alert">{reading.message}</p>}
          {shown && (
            <>
              <DraftPreview result={shown} />
              <label className="inline-field">
                <input
                  type="checkbox"
                  checked={isSubmitted}
                  onChange={(event) => setSubmitted(event.target.checked)}
                />{' '}
                {t('qa.import.toReview')}
              </label>
              <ActionButton
                action="qa:draft"
                profile={profile}
                className="primary"
                disabled={isBusy || shown.drafts.length === 0}
                onClick={() => void run()}
              >
                {t('qa.import.run', { count: shown.drafts.length })}
              </ActionButton>
            </>
          )}
          {outcome && 'error' in outcome && <p role="alert">{outcome.error}</p>}
        </>
      )}
    </li>
  );
}

/**
 * The file read in the drafts worker with these settings; undefined while it is being read (or
 * when not wanted), so the window never waits on a large file.
 */
function useDraftReading(
  file: DraftFile,
  mode: ImportMode,
  mapping: ColumnMapping | undefined,
  isWanted: boolean,
): Reading | undefined {
  const [reading, setReading] = useState<{ key: string; value: Reading } | null>(null);
  const key = JSON.stringify([file.id, mode, mapping ?? null, isWanted]);
  useEffect(() => {
    if (!isWanted) return;
    let isCurrent = true;
    void readDraftFile({ name: file.name, bytes: file.bytes, mode, mapping }).then((response) => {
      if (!isCurrent) return;
      setReading({
        key,
        value: response.ok
          ? { ok: true, result: response.result }
          : { ok: false, message: response.message },
      });
    });
    return () => {
      isCurrent = false;
    };
  }, [key, file, mode, mapping, isWanted]);
  return isWanted && reading?.key === key ? reading.value : undefined;
}
