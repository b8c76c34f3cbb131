export interface RowFilter {
  column: number;
  text: string;
}

export interface ProfileRequest {
  id: number;
  kind: 'profile';
  sourceId: string;
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
  { id: number; ok: true; order: Uint32Array | null } | { id: number; ok: false; message: string };
