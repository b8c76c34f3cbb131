import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Source } from '../../../shared/model/records';
import { useBlockCache, type CachedRow } from './use-block-cache';
import { useRowOrder } from './use-row-order';

export interface Header {
  raw: string;
  label: string;
  isMapped: boolean;
  isNumeric: boolean;
}

interface GridRow {
  row: number;
  cached: CachedRow | null;
}

interface RecordGridProps {
  source: Source;
  headers: Header[];
  /** Per column, canonical names of mapped values, when the person asked to see them. */
  valueNames: (Map<string, string> | null)[] | null;
  selectedRow: number | null;
  onSelectRow: (row: number) => void;
}

const rowHeight = 30;
const noRows: GridRow[] = [];
const lineWidth = 64;
const columnWidth = 150;

/**
 * Only the rows in view are in the DOM and in memory; sorting and filtering run in a worker
 * over the stored blocks. TanStack Table keeps the column model, sorting state and headers.
 */
export function RecordGrid({
  source,
  headers,
  valueNames,
  selectedRow,
  onSelectRow,
}: RecordGridProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const { getRow, version } = useBlockCache(source.id);
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filterInputs, setFilterInputs] = useState<Record<string, string>>({});
  const filters = useDebounced(
    useMemo(
      () =>
        Object.entries(filterInputs).map(([raw, text]) => ({
          column: headers.findIndex((header) => header.raw === raw),
          text,
        })),
      [filterInputs, headers],
    ),
    250,
  );
  const sortBy = useMemo(() => {
    const first = sorting[0];
    const column = first ? headers.findIndex((header) => header.raw === first.id) : -1;
    return first && column >= 0
      ? { column, isDescending: first.desc, isNumeric: headers[column]?.isNumeric ?? false }
      : null;
  }, [sorting, headers]);
  const { order, isWorking, error } = useRowOrder(source.id, sortBy, filters);
  const count = order ? order.length : source.rowCount;

  // TanStack Virtual and Table return functions that the React Compiler must not memoize.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const rows = useMemo<GridRow[]>(
    () =>
      items.map((item) => {
        const row = order ? (order[item.index] ?? 0) : item.index;
        return { row, cached: getRow(row) };
      }),
    // `version` changes when a block arrives, so rows that were loading are read again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [items, order, getRow, version],
  );

  const columns = useMemo<ColumnDef<GridRow>[]>(
    () => [
      {
        id: '__line',
        header: () => t('records.line'),
        enableSorting: false,
      },
      ...headers.map((header, index): ColumnDef<GridRow> => ({
        id: header.raw,
        // Sorting runs in the view worker; TanStack needs an accessor to offer it at all.
        accessorFn: (row) => row.cached?.values[index] ?? '',
        header: () => (
          <span
            title={header.isMapped ? t('records.rawName', { raw: header.raw }) : undefined}
            className={header.isMapped ? 'mapped' : undefined}
          >
            {header.label}
          </span>
        ),
      })),
    ],
    [headers, t],
  );
  // The table model only drives the headers and sorting; body rows render themselves below.
  const table = useReactTable({
    data: noRows,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    manualSorting: true,
    // Without rows in the model TanStack would guess descending first; people expect ascending.
    sortDescFirst: false,
    getRowId: (row) => String(row.row),
    getCoreRowModel: getCoreRowModel(),
  });
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <>
      <p className="hint grid-status" role="status" data-testid="grid-status">
        {error ??
          (isWorking
            ? t('records.working')
            : order
              ? t('records.shown', {
                  shown: count.toLocaleString(),
                  total: source.rowCount.toLocaleString(),
                })
              : '')}
      </p>
      <div className="table-scroller" ref={scroller}>
        <table
          className="record-table grid"
          aria-rowcount={count + 1}
          aria-label={t('records.tableLabel', { file: source.fileName })}
          style={{ width: lineWidth + headers.length * columnWidth }}
        >
          {/* Fixed widths: the browser lays out only the rows in view, not every column again. */}
          <colgroup>
            <col style={{ width: lineWidth }} />
            {headers.map((header) => (
              <col key={header.raw} style={{ width: columnWidth }} />
            ))}
          </colgroup>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const direction = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={
                        direction === 'asc'
                          ? 'ascending'
                          : direction === 'desc'
                            ? 'descending'
                            : 'none'
                      }
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          className="sort-button"
                          onClick={header.column.getToggleSortingHandler()}
                        >
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span aria-hidden="true">
                            {direction === 'asc' ? ' ▲' : direction === 'desc' ? ' ▼' : ''}
                          </span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
            <tr className="filter-row">
              <th />
              {headers.map((header) => (
                <th key={header.raw}>
                  <input
                    aria-label={t('records.filter', { field: header.label })}
                    value={filterInputs[header.raw] ?? ''}
                    onChange={(event) =>
                      setFilterInputs({ ...filterInputs, [header.raw]: event.target.value })
                    }
                  />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {paddingTop > 0 && (
              <tr aria-hidden="true">
                <td style={{ height: paddingTop }} />
              </tr>
            )}
            {rows.map(({ row, cached }, position) => (
              <GridBodyRow
                key={row}
                row={row}
                ariaIndex={(items[position]?.index ?? 0) + 2}
                values={cached?.values ?? null}
                line={cached?.line ?? 0}
                width={headers.length}
                isSelected={selectedRow === row}
                valueNames={valueNames}
                onSelect={onSelectRow}
              />
            ))}
            {paddingBottom > 0 && (
              <tr aria-hidden="true">
                <td style={{ height: paddingBottom }} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return current;
}

interface GridBodyRowProps {
  row: number;
  ariaIndex: number;
  values: string[] | null;
  line: number;
  width: number;
  isSelected: boolean;
  valueNames: (Map<string, string> | null)[] | null;
  onSelect: (row: number) => void;
}

/**
 * One body row. Memoized on its values array, which the block cache keeps stable, so a scroll
 * renders only the rows that came into view.
 */
const GridBodyRow = memo(function GridBodyRow({
  row,
  ariaIndex,
  values,
  line,
  width,
  isSelected,
  valueNames,
  onSelect,
}: GridBodyRowProps) {
  return (
    <tr
      aria-rowindex={ariaIndex}
      aria-selected={isSelected}
      onClick={() => onSelect(row)}
      style={{ height: rowHeight }}
    >
      {values ? (
        <>
          <td>{line}</td>
          {Array.from({ length: width }, (_, column) => {
            const raw = values[column] ?? '';
            const canonical = valueNames?.[column]?.get(raw);
            return canonical === undefined ? (
              <td key={column}>{raw}</td>
            ) : (
              <td key={column} className="mapped" title={raw}>
                {canonical}
              </td>
            );
          })}
        </>
      ) : (
        <td colSpan={width + 1} className="hint">
          …
        </td>
      )}
    </tr>
  );
});
