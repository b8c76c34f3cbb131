/// <reference lib="webworker" />
import { TesseraDatabase } from '../db/database';
import { rowsOf } from '../../shared/ingest/block-rows';
import { Profiler } from '../../shared/ingest/profile';
import type {
  DistinctRequest,
  DistinctValue,
  ProfileRequest,
  ViewRequest,
  ViewResponse,
} from './view-protocol';

declare const self: DedicatedWorkerGlobalScope;

const db = new TesseraDatabase();
/** Columns of the last source asked about, so re-sorting or refining a filter reads nothing. */
let cached: { sourceId: string; columns: Map<number, string[]>; rowCount: number } | null = null;

self.onmessage = (event: MessageEvent<ViewRequest | ProfileRequest | DistinctRequest>) => {
  const request = event.data;
  if (request.kind === 'distinct') {
    distinctValues(request.sourceId, request.column).then(
      (distinct) => {
        const done: ViewResponse = { id: request.id, ok: true, order: null, distinct };
        self.postMessage(done);
      },
      (error: unknown) => {
        const failed: ViewResponse = {
          id: request.id,
          ok: false,
          message: error instanceof Error ? error.message : String(error),
        };
        self.postMessage(failed);
      },
    );
    return;
  }
  if (request.kind === 'profile') {
    profileSource(request.sourceId).then(
      () => {
        const done: ViewResponse = { id: request.id, ok: true, order: null };
        self.postMessage(done);
      },
      (error: unknown) =>
        self.postMessage({
          id: request.id,
          ok: false,
          message: error instanceof Error ? error.message : String(error),
        } satisfies ViewResponse),
    );
    return;
  }
  computeOrder(request).then(
    (order) =>
      self.postMessage({ id: request.id, ok: true, order } satisfies ViewResponse, [order.buffer]),
    (error: unknown) =>
      self.postMessage({
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      } satisfies ViewResponse),
  );
};

async function columnsOf(
  sourceId: string,
  wanted: number[],
): Promise<{ columns: Map<number, string[]>; rowCount: number }> {
  if (cached?.sourceId !== sourceId) cached = { sourceId, columns: new Map(), rowCount: 0 };
  const missing = wanted.filter((column) => !cached?.columns.has(column));
  if (missing.length > 0) {
    const blocks = await db.recordBlocks.where('sourceId').equals(sourceId).sortBy('index');
    const fresh = new Map(missing.map((column) => [column, [] as string[]]));
    let rowCount = 0;
    for (const block of blocks) {
      for (const row of rowsOf(block)) {
        for (const [column, values] of fresh) values.push(row[column] ?? '');
        rowCount++;
      }
    }
    for (const [column, values] of fresh) cached.columns.set(column, values);
    cached.rowCount = rowCount;
  }
  return cached;
}

/** Row numbers that pass every filter, in the order asked for. */
async function computeOrder({ sourceId, sort, filters }: ViewRequest): Promise<Uint32Array> {
  const active = filters.filter((filter) => filter.text.trim() !== '');
  const wanted = [
    ...new Set([...active.map((filter) => filter.column), ...(sort ? [sort.column] : [])]),
  ];
  const { columns, rowCount } = await columnsOf(sourceId, wanted);
  let rows: number[] = [];
  const needles = active.map((filter) => ({
    values: columns.get(filter.column) ?? [],
    text: filter.text.trim().toLowerCase(),
  }));
  for (let row = 0; row < rowCount; row++) {
    if (needles.every(({ values, text }) => (values[row] ?? '').toLowerCase().includes(text)))
      rows.push(row);
  }
  if (sort) rows = sorted(rows, columns.get(sort.column) ?? [], sort.isNumeric, sort.isDescending);
  return Uint32Array.from(rows);
}

function sorted(
  rows: number[],
  values: string[],
  isNumeric: boolean,
  isDescending: boolean,
): number[] {
  const direction = isDescending ? -1 : 1;
  if (isNumeric) {
    // Empty and unparsable values sort last in both directions.
    const keys = Float64Array.from(rows, (row) => {
      const number = Number.parseFloat(values[row] ?? '');
      return Number.isNaN(number) ? Number.NaN : number;
    });
    const positions = rows.map((_, index) => index);
    positions.sort((left, right) => {
      const a = keys[left] ?? Number.NaN;
      const b = keys[right] ?? Number.NaN;
      if (Number.isNaN(a) || Number.isNaN(b))
        return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
      return (a - b) * direction;
    });
    return positions.map((position) => rows[position] ?? 0);
  }
  const keys = rows.map((row) => (values[row] ?? '').toLowerCase());
  const positions = rows.map((_, index) => index);
  positions.sort((left, right) => {
    const a = keys[left] ?? '';
    const b = keys[right] ?? '';
    if (a === '' || b === '') return a === '' ? (b === '' ? 0 : 1) : -1;
    return a < b ? -direction : a > b ? direction : 0;
  });
  return positions.map((position) => rows[position] ?? 0);
}

/**
 * Profiles every column of a stored source and keeps the result on the source. Derived data,
 * recomputable from the immutable blocks, so it is not an audited change.
 */
async function profileSource(sourceId: string): Promise<void> {
  const source = await db.sources.get(sourceId);
  if (
    !source ||
    source.status !== 'ready' ||
    (source.profile.length > 0 && source.fields.length > 0)
  )
    return;
  const profiler = new Profiler();
  await db.recordBlocks
    .where('sourceId')
    .equals(sourceId)
    .each((block) => {
      for (const row of rowsOf(block)) profiler.addRow(row);
    });
  await db.sources.update(sourceId, { profile: profiler.result(source.fields) });
}

const maxDistinctValues = 5000;

/** Each distinct non-empty value of a column with how often it occurs, most frequent first. */
async function distinctValues(sourceId: string, column: number): Promise<DistinctValue[]> {
  const { columns } = await columnsOf(sourceId, [column]);
  const counts = new Map<string, number>();
  for (const value of columns.get(column) ?? []) {
    if (value.trim() !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((left, right) => right[1] - left[1] || (left[0] < right[0] ? -1 : 1))
    .slice(0, maxDistinctValues)
    .map(([value, count]) => ({ value, count }));
}
