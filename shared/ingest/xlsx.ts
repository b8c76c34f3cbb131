/**
 * Excel (.xlsx) import: a small reader over the zip (fflate) and the few SpreadsheetML parts a
 * table needs — the workbook and its relationships, shared strings, cell styles (to tell dates
 * from numbers) and one worksheet (cells and merged ranges). It runs unchanged in a browser Web
 * Worker and in Node: no DOM, no Node built-ins, input is the file's bytes.
 *
 * Cell values become strings:
 * - numbers: their plain text at Excel's 15 significant digits, so 7.1000000000000005 → "7.1";
 * - dates (a number in a cell whose number format is a date format: built-in ids 14–22, 27–36,
 *   45–47, 50–58, or a custom format with d/m/y/h/s outside quotes and brackets): "YYYY-MM-DD", or
 *   "YYYY-MM-DDTHH:MM:SS" when the format shows a time or the value has a time of day;
 *   time-only values "HH:MM:SS"; elapsed-time formats ([h]:mm) as "H:MM:SS". Both the 1900 and
 *   the 1904 date systems are read;
 * - booleans "TRUE"/"FALSE"; error cells their code ("#DIV/0!"); formulas their cached value;
 *   rich text its plain text (phonetic guides dropped).
 *
 * Header rule (merged cells). The header starts at the first non-empty row R.
 * - If a merged range starts in row R and spans several columns or reaches down into row R + 1,
 *   the header is two rows, R and R + 1: a column is named "top / bottom", e.g. "Blood count"
 *   merged over three columns above "Hb | WBC | PLT" gives "Blood count / Hb", "Blood count /
 *   WBC", "Blood count / PLT". Every cell inside a merged range reads its range's value (fill
 *   right and fill down), so a cell merged down over both rows ("Patient" on A1:A2) has the same
 *   top and bottom and is named once: "Patient". When only one of top and bottom has text, that
 *   text is the name. Data starts at row R + 2.
 * - Otherwise the header is row R alone and data starts at row R + 1.
 * - Names are trimmed; an empty name becomes "Column N" (N = 1-based position among the fields);
 *   a repeated name gets " (2)", " (3)", …
 * - Columns run from the leftmost to the rightmost column holding a value (or a header merge)
 *   anywhere in the table, so a stray value right of the header still gets a column.
 * Merged ranges in data rows are left as stored: only their first cell has the value.
 *
 * Empty rows (every cell empty or blank) are skipped; each row's origin is its sheet and 1-based
 * sheet row. A cell that cannot be read (a bad shared-string index, a number that is not one)
 * stops a strict import, and skips its row with the reason in a lenient one. Any other problem —
 * not a zip, a truncated or corrupt archive, malformed XML, a missing part — is an IngestError
 * naming the file, without a line.
 */
import { unzipSync } from 'fflate';
import { IngestError } from './errors';
import type { ImportMode, IngestItem } from './types';

export interface XlsxParseOptions {
  fileName: string;
  mode: ImportMode;
  /** The sheet's name, as listed by listSheets. */
  sheet: string;
}

/** The names of the workbook's worksheets, in workbook order (hidden sheets included). */
export function listSheets(fileName: string, bytes: Uint8Array): Promise<string[]> {
  try {
    return Promise.resolve(openWorkbook(fileName, bytes).sheets.map((sheet) => sheet.name));
  } catch (error) {
    return Promise.reject(asIngestError(fileName, error));
  }
}

/** Reads one sheet: its header as 'fields', then one 'row' per non-empty data row. */
export async function* parseXlsx(
  bytes: Uint8Array,
  options: XlsxParseOptions,
): AsyncGenerator<IngestItem> {
  let items: IngestItem[];
  try {
    items = readSheet(bytes, options);
  } catch (error) {
    throw asIngestError(options.fileName, error);
  }
  // Outside the try: anything thrown into the generator by its consumer passes through as is.
  // (The sheet is read in one go; the awaits only keep the stream an async one.)
  for (const item of items) yield await Promise.resolve(item);
}

function asIngestError(fileName: string, error: unknown): IngestError {
  if (error instanceof IngestError) return error;
  if (error instanceof CorruptPart) {
    return new IngestError(fileName, null, `is corrupt: ${error.message}`);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new IngestError(fileName, null, `could not be read as an .xlsx workbook (${detail})`);
}

/** A part of the package that is missing or unreadable; becomes an IngestError. */
class CorruptPart extends Error {}

/** A cell that cannot be read; stops a strict import, skips its row in a lenient one. */
class CellProblem extends Error {}

// ---------------------------------------------------------------------------------------------
// The package: zip entries and the workbook's parts

interface SheetRef {
  name: string;
  path: string;
}

interface Workbook {
  fileName: string;
  sheets: SheetRef[];
  date1904: boolean;
  sharedStringsPath: string | null;
  stylesPath: string | null;
  zip: ZipReader;
}

const ZIP_MAGIC = [0x50, 0x4b];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

/** Larger parts could not become a JavaScript string anyway; also stops zip bombs early. */
const MAX_PART_BYTES = 512 * 1024 * 1024;

class ZipReader {
  /** Lower-cased entry name → the entry's name and unpacked size. */
  private readonly entries = new Map<string, { name: string; size: number }>();

  constructor(
    fileName: string,
    private readonly bytes: Uint8Array,
  ) {
    if (bytes.length === 0) throw new IngestError(fileName, null, 'the file is empty');
    if (startsWith(bytes, OLE_MAGIC)) {
      throw new IngestError(
        fileName,
        null,
        'is a legacy .xls workbook or a password-protected Excel file, not an .xlsx file; ' +
          'save it from Excel as an unprotected .xlsx workbook',
      );
    }
    if (!startsWith(bytes, ZIP_MAGIC)) {
      throw new IngestError(fileName, null, 'is not an .xlsx workbook (it is not a zip archive)');
    }
    try {
      // Lists the entries without inflating any of them.
      unzipSync(bytes, {
        filter: (file) => {
          this.entries.set(file.name.toLowerCase(), { name: file.name, size: file.originalSize });
          return false;
        },
      });
    } catch {
      throw new IngestError(
        fileName,
        null,
        'is not a readable .xlsx workbook: the zip archive is truncated or corrupt',
      );
    }
  }

  has(path: string): boolean {
    return this.entries.has(path.toLowerCase());
  }

  /** The part's text, or null when the archive has no such part. */
  text(path: string): string | null {
    const entry = this.entries.get(path.toLowerCase());
    if (entry === undefined) return null;
    const { name, size } = entry;
    if (size > MAX_PART_BYTES) {
      throw new CorruptPart(
        `${path} unpacks to ${Math.round(size / 2 ** 20)} MB, too large to read`,
      );
    }
    let data: Uint8Array | undefined;
    try {
      data = unzipSync(this.bytes, { filter: (file) => file.name === name })[name];
    } catch {
      throw new CorruptPart(`${path} cannot be unpacked (the zip archive is damaged)`);
    }
    if (data === undefined) throw new CorruptPart(`${path} cannot be unpacked`);
    return decodeXmlBytes(path, data);
  }
}

function decodeXmlBytes(path: string, data: Uint8Array): string {
  const utf16 = data[0] === 0xff && data[1] === 0xfe;
  try {
    const text = new TextDecoder(utf16 ? 'utf-16le' : 'utf-8', { fatal: true }).decode(data);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new CorruptPart(`${path} is not valid ${utf16 ? 'UTF-16' : 'UTF-8'} text`);
  }
}

function openWorkbook(fileName: string, bytes: Uint8Array): Workbook {
  const zip = new ZipReader(fileName, bytes);
  const workbookPath = officeDocumentPath(zip);
  const workbookXml = workbookPath === null ? null : zip.text(workbookPath);
  if (workbookPath === null || workbookXml === null) {
    throw new IngestError(
      fileName,
      null,
      'is a zip archive but not an Excel workbook (it has no xl/workbook.xml)',
    );
  }
  const rels = readRelationships(zip, workbookPath);
  const listed = readWorkbookSheets(workbookPath, workbookXml);

  const sheets: SheetRef[] = [];
  for (const { name, relId } of listed.sheets) {
    const rel = rels.get(relId);
    if (rel === undefined) {
      throw new CorruptPart(`sheet "${name}" has no relationship "${relId}" in the workbook`);
    }
    // Chart sheets and dialog sheets hold no cells.
    if (rel.type.endsWith('/worksheet')) sheets.push({ name, path: rel.target });
  }
  if (sheets.length === 0) throw new IngestError(fileName, null, 'has no worksheets');

  const targetOf = (suffix: string): string | null => {
    for (const rel of rels.values()) if (rel.type.endsWith(suffix)) return rel.target;
    return null;
  };
  return {
    fileName,
    sheets,
    date1904: listed.date1904,
    sharedStringsPath: targetOf('/sharedStrings'),
    stylesPath: targetOf('/styles'),
    zip,
  };
}

/** The workbook part named by the package's root relationships (usually xl/workbook.xml). */
function officeDocumentPath(zip: ZipReader): string | null {
  const rootRels = zip.text('_rels/.rels');
  if (rootRels !== null) {
    for (const rel of parseRelationships('_rels/.rels', rootRels, '')) {
      if (rel.type.endsWith('/officeDocument') && zip.has(rel.target)) return rel.target;
    }
  }
  return zip.has('xl/workbook.xml') ? 'xl/workbook.xml' : null;
}

interface Relationship {
  id: string;
  type: string;
  /** The target as a path inside the archive. */
  target: string;
}

function readRelationships(zip: ZipReader, partPath: string): Map<string, Relationship> {
  const slash = partPath.lastIndexOf('/');
  const dir = partPath.slice(0, slash + 1);
  const relsPath = `${dir}_rels/${partPath.slice(slash + 1)}.rels`;
  const xml = zip.text(relsPath);
  if (xml === null) throw new CorruptPart(`${relsPath} is missing`);
  return new Map(parseRelationships(relsPath, xml, dir).map((rel) => [rel.id, rel]));
}

function parseRelationships(path: string, xml: string, baseDir: string): Relationship[] {
  const rels: Relationship[] = [];
  scanXml(path, xml, {
    wantText: false,
    open(name, attrs) {
      if (name !== 'Relationship' || attr(attrs, 'TargetMode') === 'External') return;
      const id = attr(attrs, 'Id');
      const type = attr(attrs, 'Type');
      const target = attr(attrs, 'Target');
      if (id !== null && type !== null && target !== null) {
        rels.push({ id, type, target: resolvePath(baseDir, target) });
      }
    },
  });
  return rels;
}

function resolvePath(baseDir: string, target: string): string {
  const cleaned = target.replace(/\\/g, '/');
  const joined = cleaned.startsWith('/') ? cleaned.slice(1) : baseDir + cleaned;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

function readWorkbookSheets(
  path: string,
  xml: string,
): { sheets: { name: string; relId: string }[]; date1904: boolean } {
  const sheets: { name: string; relId: string }[] = [];
  let date1904 = false;
  scanXml(path, xml, {
    wantText: false,
    open(name, attrs) {
      if (name === 'workbookPr') {
        const flag = attr(attrs, 'date1904');
        date1904 = flag === '1' || flag === 'true';
      } else if (name === 'sheet') {
        const sheetName = attr(attrs, 'name');
        // The relationship id is the namespaced r:id attribute (any prefix).
        const relId = attr(attrs, 'id');
        if (sheetName === null || relId === null) {
          throw new CorruptPart(`${path} lists a sheet without a name or relationship`);
        }
        sheets.push({ name: decodeEscapes(sheetName), relId });
      }
    },
  });
  return { sheets, date1904 };
}

function readSharedStrings(workbook: Workbook): string[] {
  const path = workbook.sharedStringsPath;
  if (path === null) return [];
  const xml = workbook.zip.text(path);
  if (xml === null) throw new CorruptPart(`${path} is missing`);
  const strings: string[] = [];
  let current = '';
  let phonetic = 0;
  const handler: XmlHandler = {
    wantText: false,
    open(name, _attrs, selfClosing) {
      // Self-closing elements are closed right after they open, so counters need no care.
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && !selfClosing) handler.wantText = phonetic === 0;
    },
    close(name) {
      if (name === 'si') strings.push(decodeEscapes(current));
      else if (name === 'rPh') phonetic--;
      else if (name === 't') handler.wantText = false;
    },
    text(value) {
      current += value;
    },
  };
  scanXml(path, xml, handler);
  return strings;
}

// ---------------------------------------------------------------------------------------------
// Number formats: which cell styles show dates

type DateKind = 'date' | 'datetime' | 'time' | 'elapsed';

const BUILTIN_DATE_FORMATS = new Map<number, DateKind>();
for (const id of [14, 15, 16, 17, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]) {
  BUILTIN_DATE_FORMATS.set(id, 'date');
}
for (const id of [18, 19, 20, 21, 32, 33, 34, 35, 45, 47, 55, 56]) {
  BUILTIN_DATE_FORMATS.set(id, 'time');
}
BUILTIN_DATE_FORMATS.set(22, 'datetime');
BUILTIN_DATE_FORMATS.set(46, 'elapsed');

/** The kind of date a custom number format shows, or null when it shows a plain number. */
export function dateKindOfFormat(formatCode: string): DateKind | null {
  const section = (formatCode.split(';')[0] ?? '').trim();
  if (section === '' || /^general$/i.test(section)) return null;
  const elapsed = /\[(h+|m+|s+)\]/i.test(section);
  const tokens = section
    .replace(/"[^"]*"/g, '') // quoted literals
    .replace(/\\./g, '') // escaped characters
    .replace(/[_*]./g, '') // padding and fill
    .replace(/\[[^\]]*\]/g, '') // colours, conditions, locales, elapsed brackets
    .replace(/AM\/PM|A\/P/gi, '')
    .toLowerCase();
  if (elapsed) return 'elapsed';
  const hasDate = /[dy]/.test(tokens) || (/m/.test(tokens) && !/[hs]/.test(tokens));
  const hasTime = /[hs]/.test(tokens);
  if (hasDate && hasTime) return 'datetime';
  if (hasDate) return 'date';
  if (hasTime) return 'time';
  return null;
}

function readDateStyles(workbook: Workbook): (DateKind | null)[] {
  const path = workbook.stylesPath;
  if (path === null) return [];
  const xml = workbook.zip.text(path);
  if (xml === null) throw new CorruptPart(`${path} is missing`);
  const customFormats = new Map<number, string>();
  const styleFormats: number[] = [];
  let inCellXfs = false;
  scanXml(path, xml, {
    wantText: false,
    open(name, attrs, selfClosing) {
      if (name === 'numFmt') {
        const id = Number(attr(attrs, 'numFmtId'));
        const code = attr(attrs, 'formatCode');
        if (Number.isInteger(id) && code !== null) customFormats.set(id, code);
      } else if (name === 'cellXfs') {
        inCellXfs = !selfClosing;
      } else if (name === 'xf' && inCellXfs) {
        styleFormats.push(Number(attr(attrs, 'numFmtId') ?? '0'));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return styleFormats.map((id) => {
    const custom = customFormats.get(id);
    if (custom !== undefined) return dateKindOfFormat(custom);
    return BUILTIN_DATE_FORMATS.get(id) ?? null;
  });
}

// ---------------------------------------------------------------------------------------------
// Cell values as text

const SECONDS_PER_DAY = 86_400;
const MS_PER_DAY = SECONDS_PER_DAY * 1000;

/** Excel keeps 15 significant digits: drop the binary noise beyond them. */
export function formatNumber(value: number): string {
  const text = String(Number(value.toPrecision(15)));
  return text === '-0' ? '0' : text;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function clock(seconds: number): string {
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

/** An Excel date serial in the given date system, as ISO 8601 text. */
export function formatSerial(serial: number, kind: DateKind, date1904: boolean): string {
  if (kind === 'elapsed') {
    const seconds = Math.round(Math.abs(serial) * SECONDS_PER_DAY);
    const minutesAndSeconds = clock(seconds % 3600).slice(3);
    return `${serial < 0 ? '-' : ''}${Math.floor(seconds / 3600)}:${minutesAndSeconds}`;
  }
  if (!(serial >= 0)) return formatNumber(serial);
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * SECONDS_PER_DAY);
  if (seconds === SECONDS_PER_DAY) {
    days++;
    seconds = 0;
  }
  const time = clock(seconds);
  // A time of day with no date; day 0 of the 1900 system would be "1900-01-00".
  if (days === 0 && (kind === 'time' || !date1904)) return time;
  const day = date1904 ? isoDay(EPOCH_1904, days) : isoDay1900(days);
  if (day === null) return formatNumber(serial);
  return kind === 'date' && seconds === 0 ? day : `${day}T${time}`;
}

const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** Excel's 1900 system counts a 29 February 1900 that never was: serial 60. */
function isoDay1900(days: number): string | null {
  if (days === 60) return '1900-02-29';
  return isoDay(days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30), days);
}

function isoDay(epoch: number, days: number): string | null {
  const date = new Date(epoch + days * MS_PER_DAY);
  const year = date.getUTCFullYear();
  if (!(year <= 9999)) return null;
  return `${pad(year, 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** A number stored as text in a `<v>` element. */
function parseNumber(raw: string): number {
  const trimmed = raw.trim();
  const value = trimmed === '' ? NaN : Number(trimmed);
  if (!Number.isFinite(value)) throw new CellProblem(`"${raw}" is not a number`);
  return value;
}

/** A `t="d"` cell: an ISO 8601 date and time as text. */
function formatIsoCell(raw: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?))?/.exec(raw.trim());
  if (match === null) throw new CellProblem(`"${raw}" is not an ISO 8601 date`);
  const [, day, time] = match;
  if (time === undefined || /^00:00(:00)?$/.test(time)) return day ?? '';
  return `${day}T${time.length === 5 ? `${time}:00` : time}`;
}

/** Decodes the _xHHHH_ escapes SpreadsheetML uses for characters XML cannot carry. */
function decodeEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

// ---------------------------------------------------------------------------------------------
// The sheet

interface SheetRow {
  row: number;
  /** Sparse: index = column - 1. */
  cells: string[];
  problem: string | null;
}

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const MAX_COLUMNS = 16_384;

function columnNumber(letters: string): number {
  let column = 0;
  for (let index = 0; index < letters.length; index++) {
    column = column * 26 + (letters.charCodeAt(index) - 64);
  }
  return column;
}

function columnLetters(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

const CELL_REF = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

function parseRef(ref: string): { column: number; row: number } | null {
  const match = CELL_REF.exec(ref);
  if (match === null) return null;
  const column = columnNumber((match[1] ?? '').toUpperCase());
  const row = Number(match[2]);
  return column >= 1 && column <= MAX_COLUMNS && row >= 1 ? { column, row } : null;
}

function parseRange(ref: string): Merge | null {
  const [from, to] = ref.split(':');
  const start = from === undefined ? null : parseRef(from);
  const end = to === undefined ? null : parseRef(to);
  if (start === null || end === null) return null;
  return {
    top: Math.min(start.row, end.row),
    bottom: Math.max(start.row, end.row),
    left: Math.min(start.column, end.column),
    right: Math.max(start.column, end.column),
  };
}

interface CellContext {
  strings: string[];
  dateStyles: (DateKind | null)[];
  date1904: boolean;
}

function cellValue(
  context: CellContext,
  type: string,
  style: number,
  raw: string | null,
  inline: string | null,
): string {
  switch (type) {
    case 's': {
      if (raw === null) return '';
      const index = Number(raw.trim());
      const text = Number.isInteger(index) ? context.strings[index] : undefined;
      if (text === undefined) {
        throw new CellProblem(
          `refers to shared string ${raw.trim()}, but the file has ${context.strings.length}`,
        );
      }
      return text;
    }
    case 'inlineStr':
      return decodeEscapes(inline ?? raw ?? '');
    case 'str':
      return decodeEscapes(raw ?? '');
    case 'b':
      if (raw === null) return '';
      return raw.trim() === '1' || raw.trim() === 'true' ? 'TRUE' : 'FALSE';
    case 'e':
      return raw ?? '';
    case 'd':
      return raw === null ? '' : formatIsoCell(raw);
    default: {
      if (raw === null) return inline === null ? '' : decodeEscapes(inline);
      const value = parseNumber(raw);
      const kind = context.dateStyles[style] ?? null;
      return kind === null ? formatNumber(value) : formatSerial(value, kind, context.date1904);
    }
  }
}

function readSheetXml(
  path: string,
  xml: string,
  context: CellContext,
): { rows: SheetRow[]; merges: Merge[] } {
  const rows: SheetRow[] = [];
  const merges: Merge[] = [];
  let current: SheetRow | null = null;
  let lastRow = 0;
  let column = 0;
  let cellType = 'n';
  let cellStyle = 0;
  let raw: string | null = null;
  let inline: string | null = null;
  let phonetic = 0;
  let capture: 'v' | 't' | null = null;
  let inInline = false;

  const handler: XmlHandler = {
    wantText: false,
    // Self-closing elements are closed right after they open: <c .../> is finished in close().
    open(name, attrs, selfClosing) {
      switch (name) {
        case 'row': {
          const r = Number(attr(attrs, 'r'));
          lastRow = Number.isInteger(r) && r >= 1 ? r : lastRow + 1;
          current = { row: lastRow, cells: [], problem: null };
          column = 0;
          break;
        }
        case 'c': {
          const ref = attr(attrs, 'r');
          const at = ref === null ? null : parseRef(ref);
          column = at === null ? column + 1 : at.column;
          if (column > MAX_COLUMNS) {
            throw new CorruptPart(`${path} has a cell beyond the last Excel column`);
          }
          cellType = attr(attrs, 't') ?? 'n';
          cellStyle = Number(attr(attrs, 's') ?? '0');
          raw = null;
          inline = null;
          break;
        }
        case 'v':
          if (!selfClosing) {
            raw = '';
            capture = 'v';
            handler.wantText = true;
          }
          break;
        case 'is':
          inInline = !selfClosing;
          inline = '';
          break;
        case 'rPh':
          phonetic++;
          break;
        case 't':
          if (inInline && !selfClosing && phonetic === 0) {
            capture = 't';
            handler.wantText = true;
          }
          break;
        case 'mergeCell': {
          const range = parseRange(attr(attrs, 'ref') ?? '');
          if (range !== null) merges.push(range);
          break;
        }
      }
    },
    close(name) {
      switch (name) {
        case 'v':
        case 't':
          capture = null;
          handler.wantText = false;
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c':
          finishCell();
          break;
        case 'row':
          if (current !== null) rows.push(current);
          current = null;
          break;
      }
    },
    text(value) {
      if (capture === 'v') raw = (raw ?? '') + value;
      else if (capture === 't') inline = (inline ?? '') + value;
    },
  };

  function finishCell(): void {
    const row: SheetRow | null = current;
    if (row === null || row.problem !== null) return;
    try {
      const value = cellValue(context, cellType, cellStyle, raw, inline);
      if (value !== '') row.cells[column - 1] = value;
    } catch (error) {
      if (!(error instanceof CellProblem)) throw error;
      row.problem = `cell ${columnLetters(column)}${row.row} ${error.message}`;
    }
  }

  scanXml(path, xml, handler);
  rows.sort((a, b) => a.row - b.row);
  return { rows, merges };
}

function isBlank(row: SheetRow): boolean {
  return row.problem === null && !row.cells.some((value) => value.trim() !== '');
}

function readSheet(bytes: Uint8Array, options: XlsxParseOptions): IngestItem[] {
  const { fileName, mode, sheet: sheetName } = options;
  const workbook = openWorkbook(fileName, bytes);
  const sheet = workbook.sheets.find((candidate) => candidate.name === sheetName);
  if (sheet === undefined) {
    const names = workbook.sheets.map((candidate) => `"${candidate.name}"`).join(', ');
    throw new IngestError(
      fileName,
      null,
      `has no sheet named "${sheetName}"; its sheets are ${names}`,
    );
  }
  const xml = workbook.zip.text(sheet.path);
  if (xml === null) throw new CorruptPart(`sheet "${sheet.name}" (${sheet.path}) is missing`);
  const context: CellContext = {
    strings: readSharedStrings(workbook),
    dateStyles: readDateStyles(workbook),
    date1904: workbook.date1904,
  };
  const { rows, merges } = readSheetXml(sheet.path, xml, context);

  const problemAt = (row: SheetRow): IngestError =>
    new IngestError(fileName, null, `sheet "${sheet.name}", ${row.problem ?? ''}`);

  const headerRow = rows.find((row) => !isBlank(row));
  if (headerRow === undefined) {
    throw new IngestError(fileName, null, `sheet "${sheet.name}" is empty: it has no header row`);
  }
  if (headerRow.problem !== null) throw problemAt(headerRow);
  const top = headerRow.row;
  const twoRows = merges.some(
    (merge) => merge.top === top && (merge.right > merge.left || merge.bottom > top),
  );
  const lastHeaderRow = twoRows ? top + 1 : top;
  const byNumber = new Map(rows.map((row) => [row.row, row]));
  const secondRow = twoRows ? byNumber.get(top + 1) : undefined;
  if (secondRow !== undefined && secondRow.problem !== null) throw problemAt(secondRow);

  const dataRows = rows.filter((row) => row.row > lastHeaderRow && !isBlank(row));
  if (mode === 'strict') {
    const bad = dataRows.find((row) => row.problem !== null);
    if (bad !== undefined) throw problemAt(bad);
  }

  // The table's columns: every column with a value, and the header's merged ranges.
  let first = Infinity;
  let last = 0;
  const widen = (row: SheetRow | undefined): void => {
    row?.cells.forEach((value, index) => {
      if (value === '') return;
      first = Math.min(first, index + 1);
      last = Math.max(last, index + 1);
    });
  };
  [headerRow, secondRow, ...dataRows].forEach(widen);
  for (const merge of merges) {
    if (merge.top <= lastHeaderRow && merge.bottom >= top) {
      first = Math.min(first, merge.left);
      last = Math.max(last, merge.right);
    }
  }

  const headerText = (rowNumber: number, column: number): string => {
    const merge = merges.find(
      (range) =>
        range.top <= rowNumber &&
        rowNumber <= range.bottom &&
        range.left <= column &&
        column <= range.right,
    );
    const at =
      merge === undefined ? { row: rowNumber, column } : { row: merge.top, column: merge.left };
    return (byNumber.get(at.row)?.cells[at.column - 1] ?? '').trim();
  };
  const names: string[] = [];
  for (let column = first; column <= last; column++) {
    const upper = headerText(top, column);
    const lower = twoRows ? headerText(top + 1, column) : '';
    const name =
      upper !== '' && lower !== '' && upper !== lower ? `${upper} / ${lower}` : upper || lower;
    names.push(name === '' ? `Column ${names.length + 1}` : name);
  }

  const items: IngestItem[] = [{ kind: 'fields', fields: uniqueNames(names) }];
  for (const row of dataRows) {
    const origin = { sheet: sheet.name, row: row.row };
    if (row.problem !== null) {
      items.push({ kind: 'skip', origin, reason: row.problem });
      continue;
    }
    const values: string[] = [];
    for (let column = first; column <= last; column++) values.push(row.cells[column - 1] ?? '');
    items.push({ kind: 'row', values, origin });
  }
  return items;
}

function uniqueNames(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let unique = name;
    for (let count = 2; taken.has(unique); count++) unique = `${name} (${count})`;
    taken.add(unique);
    return unique;
  });
}

// ---------------------------------------------------------------------------------------------
// A small non-validating XML scanner: elements, attributes, text, CDATA, comments and
// processing instructions; the predefined and numeric entities; well-formed nesting. No DTDs.

interface XmlHandler {
  /** Whether the handler wants the text that follows; read before each text run. */
  wantText: boolean;
  /** `name` is the local name (any namespace prefix dropped); `attrs` is the raw attribute text. */
  open(name: string, attrs: string, selfClosing: boolean): void;
  close?(name: string): void;
  text?(value: string): void;
}

const TAG =
  /<(\/?)([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;

class MalformedXml extends Error {}

function scanXml(path: string, xml: string, handler: XmlHandler): void {
  try {
    scan(xml, handler);
  } catch (error) {
    if (error instanceof MalformedXml) {
      throw new CorruptPart(`${path} is not well-formed XML (${error.message})`);
    }
    throw error;
  }
}

function scan(xml: string, handler: XmlHandler): void {
  const open: string[] = [];
  let sawRoot = false;
  let position = 0;
  while (position < xml.length) {
    const lt = xml.indexOf('<', position);
    const end = lt === -1 ? xml.length : lt;
    if (end > position && handler.wantText && open.length > 0) {
      handler.text?.(decodeText(xml.slice(position, end)));
    }
    if (lt === -1) break;
    if (xml.startsWith('<!--', lt)) {
      position = skipPast(xml, '-->', lt + 4, 'an unclosed comment');
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const close = xml.indexOf(']]>', lt + 9);
      if (close === -1) throw new MalformedXml('an unclosed CDATA section');
      if (handler.wantText && open.length > 0) handler.text?.(xml.slice(lt + 9, close));
      position = close + 3;
    } else if (xml.startsWith('<?', lt)) {
      position = skipPast(xml, '?>', lt + 2, 'an unclosed processing instruction');
    } else if (xml.startsWith('<!', lt)) {
      throw new MalformedXml('document type declarations are not allowed');
    } else {
      TAG.lastIndex = lt;
      const match = TAG.exec(xml);
      if (match === null) {
        throw new MalformedXml(
          `a broken tag at offset ${lt}: ${JSON.stringify(xml.slice(lt, lt + 40))}`,
        );
      }
      const [, slash, qualified = '', attrs = '', selfClose] = match;
      const colon = qualified.indexOf(':');
      const name = colon === -1 ? qualified : qualified.slice(colon + 1);
      if (slash === '/') {
        const expected = open.pop();
        if (expected !== qualified) {
          throw new MalformedXml(`</${qualified}> closes <${expected ?? 'nothing'}>`);
        }
        handler.close?.(name);
      } else {
        if (open.length === 0 && sawRoot) throw new MalformedXml('a second root element');
        sawRoot = true;
        const selfClosing = selfClose === '/';
        if (!selfClosing) open.push(qualified);
        handler.open(name, attrs, selfClosing);
        if (selfClosing) handler.close?.(name);
      }
      position = TAG.lastIndex;
    }
  }
  if (!sawRoot) throw new MalformedXml('no root element');
  if (open.length > 0) throw new MalformedXml(`<${open.at(-1) ?? ''}> is never closed`);
}

function skipPast(xml: string, terminator: string, from: number, problem: string): number {
  const index = xml.indexOf(terminator, from);
  if (index === -1) throw new MalformedXml(problem);
  return index + terminator.length;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text content: line ends normalised to \n (XML 1.0 §2.11), entities decoded. */
function decodeText(raw: string): string {
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  return text.includes('&') ? decodeEntities(text) : text;
}

function decodeEntities(text: string): string {
  return text.replace(/&([^;&\s]*);?/g, (whole, entity: string) => {
    if (!whole.endsWith(';')) throw new MalformedXml(`a bare "&" in ${JSON.stringify(whole)}`);
    const named = ENTITIES[entity];
    if (named !== undefined) return named;
    const code = /^#x[0-9a-f]+$/i.test(entity)
      ? parseInt(entity.slice(2), 16)
      : /^#\d+$/.test(entity)
        ? parseInt(entity.slice(1), 10)
        : NaN;
    if (!(code >= 0 && code <= 0x10ffff)) throw new MalformedXml(`an unknown entity &${entity};`);
    return String.fromCodePoint(code);
  });
}

const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The value of the attribute with this local name (any namespace prefix), decoded. */
function attr(attrs: string, name: string): string | null {
  if (!attrs.includes(name)) return null;
  ATTRIBUTE.lastIndex = 0;
  for (let match = ATTRIBUTE.exec(attrs); match !== null; match = ATTRIBUTE.exec(attrs)) {
    const qualified = match[1] ?? '';
    if (qualified.slice(qualified.indexOf(':') + 1) !== name) continue;
    const value = match[2] ?? match[3] ?? '';
    return value.includes('&') ? decodeEntities(value) : value;
  }
  return null;
}
