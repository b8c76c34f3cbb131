export interface RowFilter {
  column: number;
  text: string;
}

export interface ViewRequest {
  id: number;
  sourceId: string;
  sort: { column: number; isDescending: boolean; isNumeric: boolean } | null;
  filters: RowFilter[];
}

export type ViewResponse =
  { id: number; ok: true; order: Uint32Array } | { id: number; ok: false; message: string };
