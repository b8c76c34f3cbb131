import { useEffect, useState } from 'react';
import { requestOrder } from '../../workers/view-client';
import type { RowFilter } from '../../workers/view-protocol';

export interface SortBy {
  column: number;
  isDescending: boolean;
  isNumeric: boolean;
}

export interface RowOrder {
  /** Row numbers in display order; null means every row in file order. */
  order: Uint32Array | null;
  isWorking: boolean;
  error: string | null;
}

export function useRowOrder(sourceId: string, sort: SortBy | null, filters: RowFilter[]): RowOrder {
  const isIdentity = sort === null && filters.every((filter) => filter.text.trim() === '');
  const key = JSON.stringify([sourceId, sort, filters]);
  const [answer, setAnswer] = useState<{
    key: string;
    order: Uint32Array | null;
    error: string | null;
  } | null>(null);

  useEffect(() => {
    if (isIdentity) return;
    let isCurrent = true;
    const [, parsedSort, parsedFilters] = JSON.parse(key) as [string, SortBy | null, RowFilter[]];
    void requestOrder({ sourceId, sort: parsedSort, filters: parsedFilters }).then((response) => {
      if (!isCurrent) return;
      setAnswer(
        response.ok
          ? { key, order: response.order, error: null }
          : { key, order: null, error: response.message },
      );
    });
    return () => {
      isCurrent = false;
    };
  }, [key, sourceId, isIdentity]);

  if (isIdentity) return { order: null, isWorking: false, error: null };
  // Until the worker answers for these settings, keep showing the last order.
  return {
    order: answer?.order ?? null,
    isWorking: answer?.key !== key,
    error: answer?.key === key ? answer.error : null,
  };
}
