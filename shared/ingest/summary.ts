import type { Skipped } from './blocks';
import type { IngestStream } from './types';

export interface StreamSummary {
  fields: string[];
  rows: number;
  skipped: Skipped[];
}

/** Counts what a stream holds without keeping its rows: for inspecting files of any size. */
export async function summarize(stream: IngestStream): Promise<StreamSummary> {
  const fields: string[] = [];
  const known = new Set<string>();
  const addField = (field: string) => {
    if (known.has(field)) return;
    known.add(field);
    fields.push(field);
  };
  let rows = 0;
  const skipped: Skipped[] = [];
  for await (const item of stream) {
    if (item.kind === 'fields') item.fields.forEach(addField);
    else if (item.kind === 'record') {
      Object.keys(item.record).forEach(addField);
      rows++;
    } else if (item.kind === 'row') rows++;
    else skipped.push({ origin: item.origin, reason: item.reason });
  }
  return { fields, rows, skipped };
}
