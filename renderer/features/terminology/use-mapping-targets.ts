import { useEffect, useMemo, useState } from 'react';
import { columnNames } from '../../../shared/model/mapping';
import type { Source } from '../../../shared/model/records';
import { requestDistinct } from '../../workers/view-client';
import type { DistinctValue } from '../../workers/view-protocol';

export interface MappingTargets {
  raws: string[];
  occurrences: Map<string, number>;
  isLoading: boolean;
}

/**
 * What is being mapped: the column names of a source (occurrences are their filled cells), or the
 * distinct values of one column (occurrences are how often each value appears).
 */
export function useMappingTargets(
  source: Source | undefined,
  valueColumn: string | null,
): MappingTargets {
  const [distinct, setDistinct] = useState<{ key: string; values: DistinctValue[] } | null>(null);
  const key = source && valueColumn !== null ? `${source.id}\u0000${valueColumn}` : null;
  const columnIndex = source && valueColumn !== null ? source.fields.indexOf(valueColumn) : -1;

  useEffect(() => {
    if (!key || !source || columnIndex < 0) return;
    let isCurrent = true;
    void requestDistinct(source.id, columnIndex).then((values) => {
      if (isCurrent) setDistinct({ key, values });
    });
    return () => {
      isCurrent = false;
    };
  }, [key, source, columnIndex]);

  return useMemo(() => {
    if (!source) return { raws: [], occurrences: new Map(), isLoading: true };
    if (valueColumn === null) {
      const filled = new Map(
        source.profile.map((column) => [column.field, source.rowCount - column.emptyCount]),
      );
      return { raws: source.fields, occurrences: filled, isLoading: false };
    }
    if (distinct?.key !== key) return { raws: [], occurrences: new Map(), isLoading: true };
    return {
      raws: distinct.values.map((entry) => entry.value),
      occurrences: new Map(distinct.values.map((entry) => [entry.value, entry.count])),
      isLoading: false,
    };
  }, [source, valueColumn, distinct, key]);
}

export { columnNames };
