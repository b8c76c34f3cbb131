import { detectDelimiter, parseDelimited } from './delimited';
import { decodeText, detectEncoding, type TextEncodingName } from './encoding';
import { IngestError } from './errors';
import { parseFhirBundle } from './fhir';
import { parseHl7v2 } from './hl7v2';
import { parseJsonRecords, parseNdjson } from './json';
import type { ImportMode, IngestFormat, IngestStream } from './types';
import { listSheets, parseXlsx } from './xlsx';

/** How a file is to be read: detected first, then possibly overridden by the user. */
export interface ImportSettings {
  format: IngestFormat;
  encoding: TextEncodingName;
  delimiter: string;
  sheet: string | null;
  mode: ImportMode;
}

export interface Detection {
  settings: ImportSettings;
  /** Excel: every sheet, for the user to choose from. */
  sheets: string[];
}

export const formatsByExtension: Record<string, IngestFormat> = {
  csv: 'csv',
  txt: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  xlsx: 'xlsx',
  json: 'json',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  hl7: 'hl7v2',
};

export const acceptedExtensions = Object.keys(formatsByExtension);

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase();
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Guesses format, encoding and delimiter from the name and the first bytes. The content wins
 * over the extension where they disagree in a way the content proves (HL7 text named .txt, a
 * FHIR Bundle named .json).
 */
export async function detect(
  fileName: string,
  bytes: Uint8Array,
  mode: ImportMode = 'strict',
): Promise<Detection> {
  if (bytes.length === 0) throw new IngestError(fileName, null, 'the file is empty');
  const byExtension = formatsByExtension[extensionOf(fileName)];
  if (byExtension === 'xlsx' || isZip(bytes)) {
    const sheets = await listSheets(fileName, bytes);
    return {
      settings: {
        format: 'xlsx',
        encoding: 'utf-8',
        delimiter: ',',
        sheet: sheets[0] ?? null,
        mode,
      },
      sheets,
    };
  }
  const { encoding } = detectEncoding(bytes);
  const head = decodeText(fileName, bytes.subarray(0, 64 * 1024), encoding, true);
  const start = head.replace(/^\uFEFF/, '').trimStart();
  let format: IngestFormat = byExtension ?? 'csv';
  if (start.startsWith('MSH')) format = 'hl7v2';
  else if (
    (format === 'json' || start.startsWith('{')) &&
    /"resourceType"\s*:/.test(start.slice(0, 2000))
  )
    format = 'fhir';
  else if (format === 'json' && start.startsWith('{')) format = 'ndjson';
  const delimiter = format === 'tsv' ? '\t' : detectDelimiter(head, fileName);
  return { settings: { format, encoding, delimiter, sheet: null, mode }, sheets: [] };
}

/** The stream of items for a file read with the given settings. */
export function openStream(
  fileName: string,
  bytes: Uint8Array,
  settings: ImportSettings,
  /** Only the start of the file, for a preview: a character cut at the end is not an error. */
  isSample = false,
): IngestStream {
  const options = { fileName, mode: settings.mode };
  if (settings.format === 'xlsx') {
    if (!settings.sheet) throw new IngestError(fileName, null, 'no sheet was chosen');
    return parseXlsx(bytes, { ...options, sheet: settings.sheet });
  }
  const text = decodeText(fileName, bytes, settings.encoding, isSample);
  switch (settings.format) {
    case 'csv':
    case 'tsv':
      return parseDelimited(text, { ...options, delimiter: settings.delimiter });
    case 'json':
      return parseJsonRecords(text, options);
    case 'ndjson':
      return parseNdjson(text, options);
    case 'hl7v2':
      return parseHl7v2(text, options);
    case 'fhir':
      return parseFhirBundle(text, options);
  }
}

/** Bytes enough for a preview of a text file; Excel needs the whole package. */
export const previewBytes = 256 * 1024;

export function previewSlice(bytes: Uint8Array, format: IngestFormat): Uint8Array {
  if (format === 'xlsx' || format === 'json' || format === 'fhir' || bytes.length <= previewBytes)
    return bytes;
  const end = bytes.lastIndexOf(0x0a, previewBytes);
  return bytes.subarray(0, end > 0 ? end + 1 : previewBytes);
}
