import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface Header {
  raw: string;
  label: string;
  isMapped: boolean;
}

interface RecordTableProps {
  headers: Header[];
  rows: string[][];
  lines: number[];
  selectedRow: number | null;
  onSelectRow: (row: number) => void;
}

const rowHeight = 30;

/** Only the rows in view are in the DOM, so the table stays smooth however long the file. */
export function RecordTable({ headers, rows, lines, selectedRow, onSelectRow }: RecordTableProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const columns = useMemo<ColumnDef<string[]>[]>(
    () => [
      {
        id: '__line',
        header: () => t('records.line'),
        cell: (context) => lines[context.row.index] ?? '',
      },
      ...headers.map((header, index): ColumnDef<string[]> => ({
        id: header.raw,
        accessorFn: (row) => row[index] ?? '',
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
    [headers, lines, t],
  );
  // TanStack Table returns functions that the React Compiler must not memoize.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel() });
  const tableRows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <div className="table-scroller" ref={scroller}>
      <table className="record-table" aria-rowcount={rows.length + 1}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col">
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {paddingTop > 0 && (
            <tr aria-hidden="true">
              <td style={{ height: paddingTop }} />
            </tr>
          )}
          {items.map((item) => {
            const row = tableRows[item.index];
            if (!row) return null;
            return (
              <tr
                key={row.id}
                aria-rowindex={item.index + 2}
                aria-selected={selectedRow === item.index}
                onClick={() => onSelectRow(item.index)}
                style={{ height: rowHeight }}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            );
          })}
          {paddingBottom > 0 && (
            <tr aria-hidden="true">
              <td style={{ height: paddingBottom }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
