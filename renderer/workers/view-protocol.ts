export interface RowFilter {
  column: number;
  text: string;
}

export interface ProfileRequest {
  id: number;
  kind: 'profile';
  sourceId: string;
}

export interface DistinctRequest {
  id: number;
  kind: 'distinct';
  sourceId: string;
  column: number;
}

export interface DistinctValue {
  value: string;
  count: number;
}

export interface ViewRequest {
  id: number;
  kind: 'order';
  sourceId: string;
  sort: { column: number; isDescending: boolean; isNumeric: boolean } | null;
  filters: RowFilter[];
}

/** `order` is null for a profile request, which answers only that it is done. */
export type ViewResponse =
  | { id: number; ok: true; order: Uint32Array | null; distinct?: DistinctValue[] }
  | { id: number; ok: false; message: string };
