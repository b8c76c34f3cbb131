/**
 * CSV as RFC 4180 writes it: CRLF after every record, a field quoted when it holds a comma, a
 * double quote, CR or LF, and quotes inside doubled. Optionally a UTF-8 byte order mark first, the
 * only way Excel on Windows recognises UTF-8 (without it Chinese text opens garbled).
 */
export interface CsvSettings {
  bom: boolean;
}

const needsQuotes = /[",\r\n]/;

export function csvField(value: string): string {
  return needsQuotes.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRecord(values: readonly string[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/** The header, then one record per row, one string per record. */
export function* csvLines(
  header: readonly string[],
  rows: Iterable<readonly string[]>,
  settings: CsvSettings,
): Generator<string> {
  yield (settings.bom ? '\ufeff' : '') + csvRecord(header);
  for (const row of rows) {
    if (row.length !== header.length)
      throw new RangeError(`A CSV row has ${row.length} fields; the header has ${header.length}.`);
    yield csvRecord(row);
  }
}
