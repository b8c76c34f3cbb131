import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { columnNames, isMapped, valuesOf } from '../../../shared/model/mapping';
import type { Profile } from '../../../shared/model/people';
import { isAllowed } from '../../../shared/model/permissions';
import type { Project } from '../../../shared/model/records';
import { useServices } from '../../app/services';
import {
  listSources,
  loadFieldNames,
  readDictionaryVersion,
  useLive,
  type FieldName,
} from '../../db';
import { useSession } from '../../store/session';
import { BulkAccept } from './BulkAccept';
import { MappingExport } from './MappingExport';
import { MappingImport } from './MappingImport';
import { MappingRow } from './MappingRow';
import { NewTermDialog } from './NewTermDialog';
import { useMappingActions } from './use-mapping-actions';
import { useMappingTargets } from './use-mapping-targets';
import { useSuggestions, type RankedSuggestion } from './use-suggestions';

type Filter = 'all' | 'unmapped' | 'flagged' | 'below';

export interface MappingItem {
  name: FieldName;
  occurrences: number;
  suggestions: RankedSuggestion[];
}

export function MappingView({ profile, project }: { profile: Profile; project: Project }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const sourceId = useSession((state) => state.sourceId);
  const selectSource = useSession((state) => state.selectSource);
  const sources = useLive(() => listSources(db, project.id), [db, project.id]);
  const source = sources?.find((candidate) => candidate.id === sourceId) ?? sources?.at(-1);
  const sourceSystem = source?.sourceSystem ?? '';
  const [valueColumn, setValueColumn] = useState<string | null>(null);
  const activeColumn =
    valueColumn !== null && source?.fields.includes(valueColumn) ? valueColumn : null;
  const scope = activeColumn === null ? columnNames : valuesOf(activeColumn);
  const targets = useMappingTargets(source, activeColumn);
  const raws = targets.raws;
  const names = useLive(
    () => loadFieldNames(db, project.id, raws, scope, sourceSystem),
    [db, project.id, raws, scope, sourceSystem],
  );
  const suggestions = useSuggestions(
    raws,
    source ? { sourceId: source.id, column: activeColumn, sourceSystem } : null,
    source?.profile.length ?? 0,
  );
  const dictionaryVersion = useLive(() => readDictionaryVersion(db), [db]);
  const [filter, setFilter] = useState<Filter>('all');
  const [threshold, setThreshold] = useState(0.9);
  const [focused, setFocused] = useState(0);
  const [isSystemOnly, setSystemOnly] = useState(false);
  const [creatingFor, setCreatingFor] = useState<MappingItem | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const actions = useMappingActions(profile, project, source, scope);
  const canDecide = isAllowed(profile.role, 'mapping:decide');
  const hasSystem = sourceSystem !== '';
  const forSystem = (isAsked: boolean) => hasSystem && (isAsked || isSystemOnly);

  const items = useMemo<MappingItem[]>(() => {
    if (!names || !suggestions || !source) return [];
    return names
      .map((name) => ({
        name,
        occurrences: targets.occurrences.get(name.raw) ?? 0,
        suggestions: suggestions.get(name.raw) ?? [],
      }))
      .sort((left, right) => right.occurrences - left.occurrences);
  }, [names, suggestions, source, targets]);
  const visible = items.filter((item) => {
    const status = item.name.mapping?.status;
    if (filter === 'unmapped') return !status || !isMapped(status);
    if (filter === 'flagged') return status === 'flagged';
    if (filter === 'below')
      return (item.suggestions[0]?.score ?? 0) < threshold && !(status && isMapped(status));
    return true;
  });

  if (!source)
    return (
      <section className="mapping">
        <p className="hint">{t('mapping.noSource')}</p>
        <MappingImport profile={profile} sourceSystem="" />
      </section>
    );
  if (!names || !suggestions || targets.isLoading)
    return <p className="hint">{t('records.loading')}</p>;
  const mappedItems = items.filter(
    (item) => item.name.mapping && isMapped(item.name.mapping.status),
  );
  const occurrences = items.reduce((sum, item) => sum + item.occurrences, 0);
  const mappedOccurrences = mappedItems.reduce((sum, item) => sum + item.occurrences, 0);
  const current = visible[Math.min(focused, visible.length - 1)];

  const moveTo = (index: number) => {
    setFocused(Math.max(0, Math.min(index, visible.length - 1)));
    const rows = list.current?.querySelectorAll<HTMLElement>('.mapping-row');
    rows?.[index]?.scrollIntoView({ block: 'nearest' });
  };
  const accept = async (
    item: MappingItem,
    suggestion: RankedSuggestion | undefined,
    isAsked = false,
  ) => {
    if (!suggestion) return;
    await actions.accept(item, suggestion, forSystem(isAsked));
    moveTo(focused + 1);
  };
  const decide = async (item: MappingItem, status: 'rejected' | 'flagged') => {
    await actions.decide(item, status, forSystem(false));
    moveTo(focused + 1);
  };
  const undo = async () => {
    const raw = await actions.undo();
    const index = visible.findIndex((item) => item.name.raw === raw);
    if (index >= 0) moveTo(index);
  };

  function onKeyDown(event: KeyboardEvent) {
    if (
      !current ||
      event.target instanceof HTMLInputElement ||
      event.target instanceof HTMLSelectElement
    )
      return;
    const key = event.key.toLowerCase();
    // Shift+1 is "!" on most layouts: the digit is read from the key's position.
    const digit = /^Digit[1-5]$/.test(event.code) ? Number(event.code.slice(5)) : null;
    if (key === 'arrowdown' || key === 'j') moveTo(focused + 1);
    else if (key === 'arrowup' || key === 'k') moveTo(focused - 1);
    else if (key === 's') moveTo(focused + 1);
    else if (!canDecide) return;
    else if (key === 'enter') void accept(current, current.suggestions[0], event.shiftKey);
    else if (digit !== null) void accept(current, current.suggestions[digit - 1], event.shiftKey);
    else if (key === 'o' && hasSystem) setSystemOnly(!isSystemOnly);
    else if (key === 'f') void decide(current, 'flagged');
    else if (key === 'r') void decide(current, 'rejected');
    else if (key === 'z') void undo();
    else if (key === 'n') setCreatingFor(current);
    else return;
    event.preventDefault();
  }

  return (
    <section className="mapping">
      <div className="table-toolbar">
        <h1>
          {activeColumn === null
            ? t('mapping.title', { file: source.fileName })
            : t('mapping.valuesTitle', { column: activeColumn, file: source.fileName })}
        </h1>
        <span className="hint" data-testid="mapping-coverage">
          {activeColumn === null
            ? t('mapping.coverage', { mapped: mappedItems.length, total: items.length })
            : t('mapping.valueCoverage', { mapped: mappedItems.length, total: items.length })}
        </span>
        <span className="hint" data-testid="occurrence-coverage">
          {t(
            activeColumn === null
              ? 'mapping.occurrenceCoverage'
              : 'mapping.valueOccurrenceCoverage',
            {
              percent: occurrences === 0 ? 0 : Math.round((mappedOccurrences / occurrences) * 100),
            },
          )}
        </span>
        <span className="hint">
          {t('mapping.dictionaryVersion', { version: dictionaryVersion ?? '' })}
        </span>
        <span className="spacer" />
        <MappingImport profile={profile} sourceSystem={sourceSystem} />
        <MappingExport project={project} />
      </div>
      <div className="mapping-controls">
        <label>
          {t('mapping.file')}
          <select
            aria-label={t('mapping.file')}
            value={source.id}
            onChange={(event) => {
              selectSource(event.target.value);
              setFocused(0);
              actions.forget();
            }}
          >
            {(sources ?? []).map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.sourceSystem
                  ? `${candidate.fileName} · ${candidate.sourceSystem}`
                  : candidate.fileName}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('mapping.what')}
          <select
            aria-label={t('mapping.what')}
            value={activeColumn ?? ''}
            onChange={(event) => {
              setValueColumn(event.target.value === '' ? null : event.target.value);
              setFocused(0);
              actions.forget();
            }}
          >
            <option value="">{t('mapping.columnNames')}</option>
            {source.fields.map((field) => (
              <option key={field} value={field}>
                {t('mapping.valuesOf', { column: field })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('mapping.show')}
          <select value={filter} onChange={(event) => setFilter(event.target.value as Filter)}>
            {(['all', 'unmapped', 'flagged', 'below'] as const).map((option) => (
              <option key={option} value={option}>
                {t(`mapping.filters.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('mapping.threshold')}
          <input
            type="number"
            min={0}
            max={1}
            step={0.05}
            value={threshold}
            onChange={(event) => setThreshold(Number(event.target.value))}
          />
        </label>
        <label title={hasSystem ? undefined : t('mapping.noSystem')}>
          <input
            type="checkbox"
            checked={hasSystem && isSystemOnly}
            disabled={!hasSystem}
            onChange={(event) => setSystemOnly(event.target.checked)}
          />
          {hasSystem
            ? t('mapping.systemOnly', { system: sourceSystem })
            : t('mapping.systemOnlyNone')}
        </label>
        <BulkAccept
          scope={scope}
          items={items}
          threshold={threshold}
          profile={profile}
          projectId={project.id}
          source={source}
          isForSourceSystem={forSystem(false)}
        />
        <span className="hint keys">{t('mapping.keys')}</span>
      </div>
      {creatingFor && (
        <NewTermDialog
          raw={creatingFor.name.raw}
          dictionaryId={creatingFor.suggestions[0]?.term.dictionaryId ?? 'clinical-lab'}
          onCreate={(draft) => actions.createAndMap(creatingFor, draft, forSystem(false))}
          onClose={() => {
            setCreatingFor(null);
            list.current?.focus();
          }}
        />
      )}
      <div
        className="mapping-list"
        ref={list}
        role="listbox"
        tabIndex={0}
        aria-label={t('mapping.listLabel')}
        aria-activedescendant={current ? `mapping-${current.name.raw}` : undefined}
        onKeyDown={onKeyDown}
      >
        {visible.map((item, index) => (
          <MappingRow
            key={item.name.raw}
            item={item}
            isFocused={item === current}
            profile={profile}
            onFocus={() => setFocused(index)}
            onAccept={(suggestion) => void accept(item, suggestion)}
          />
        ))}
      </div>
    </section>
  );
}
