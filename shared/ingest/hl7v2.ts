import { IngestError } from './errors';
import type { IngestItem, RowOrigin, TextParseOptions } from './types';

/** The delimiters of one message, read from MSH-1 and MSH-2. '' means "not used". */
export interface Hl7Delimiters {
  field: string;
  component: string;
  repetition: string;
  escape: string;
  subcomponent: string;
  /** v2.7+ truncation character (MSH-2's fifth character), if any. */
  truncation: string;
}

export const standardHl7Delimiters: Hl7Delimiters = {
  field: '|',
  component: '^',
  repetition: '~',
  escape: '\\',
  subcomponent: '&',
  truncation: '',
};

/**
 * The fields taken from each segment into a record, and for composite fields the least number
 * of component columns to write (see "Column names" below).
 */
const wanted: Record<'MSH' | 'PID' | 'PV1' | 'OBR' | 'OBX', [number, number][]> = {
  // sending application, sending facility, date/time, message type, control id, version
  MSH: [
    [3, 0],
    [4, 0],
    [7, 0],
    [9, 2],
    [10, 0],
    [12, 0],
  ],
  // patient identifier list, name, birth date, sex
  PID: [
    [3, 0],
    [5, 0],
    [7, 0],
    [8, 0],
  ],
  // patient class, assigned location
  PV1: [
    [2, 0],
    [3, 0],
  ],
  // placer and filler order numbers, universal service identifier, observation date/time
  OBR: [
    [2, 0],
    [3, 0],
    [4, 3],
    [7, 0],
  ],
  // set id, value type, identifier, sub-id, value, units, reference range, abnormal flags,
  // result status, observation date/time
  OBX: [
    [1, 0],
    [2, 0],
    [3, 3],
    [4, 0],
    [5, 0],
    [6, 3],
    [7, 0],
    [8, 0],
    [11, 0],
    [14, 0],
  ],
};

/**
 * Reads HL7 v2 text holding one or more messages (segments separated by \r, \n or \r\n; a
 * message starts at each MSH segment) and yields one 'record' per OBX segment, carrying its
 * message's context:
 *
 * - MSH: MSH-3 sending application, MSH-4 sending facility, MSH-7 date/time, MSH-9 message type
 *   (e.g. ORU^R01), MSH-10 control id, MSH-12 version;
 * - PID: PID-3 identifier list, PID-5 name, PID-7 birth date, PID-8 sex;
 * - PV1 (if the message has one): PV1-2 patient class, PV1-3 location;
 * - the nearest OBR before the OBX: OBR-2/OBR-3 placer/filler order numbers, OBR-4 universal
 *   service identifier, OBR-7 observation date/time;
 * - the OBX: OBX-1 set id, OBX-2 value type, OBX-3 identifier, OBX-4 sub-id, OBX-5 value,
 *   OBX-6 units, OBX-7 reference range, OBX-8 abnormal flags, OBX-11 result status,
 *   OBX-14 date/time.
 *
 * A message without any OBX (ADT, an ORM with no results) still yields one record, with its
 * MSH/PID/PV1/OBR context and no OBX columns, so its patient data is not lost.
 *
 * Which PID, PV1 and OBR: a message is split into patient groups at each PID. An OBX takes its
 * group's PID and first PV1 (wherever in the group they stand), and the nearest OBR before it in
 * the group (none if the OBX comes before any OBR, e.g. an ADT's OBX). A message without OBX
 * takes its first group's PID, PV1 and OBR.
 *
 * Column names: 'MSH-9', 'PID-5', 'OBR-4', 'OBX-3', … hold the whole field. A segment the message
 * does not have contributes no columns. Fields with components also get one column per
 * component of their first repetition ('PID-5.1' family name, 'PID-5.2' given name, …); the
 * coded fields OBR-4, OBX-3 and OBX-6 always get at least '.1' (code), '.2' (text) and '.3'
 * (coding system), and MSH-9 at least '.1' and '.2', so those columns exist on every row.
 * A repeating field keeps all repetitions in the whole-field column, joined with ' ~ '
 * ('60 ~ 120'); its component columns hold the first repetition only. In the whole-field column
 * components are joined with '^' and subcomponents with '&' (the standard characters, whatever
 * the message used); component columns keep subcomponents joined with '&'.
 *
 * Escape sequences are decoded in every value (see {@link decodeHl7Escapes}). After decoding,
 * an escaped '^' or '&' in data reads like a separator in the whole-field column; the component
 * columns stay exact about components.
 *
 * origin = { line: 1-based line of the OBX segment (of the MSH for a message without OBX),
 * message: 1-based message number in the file, segment: 1-based segment number in the message }.
 * Every segment separator (\r, \n or \r\n) ends a line; blank lines are not segments.
 *
 * Problems:
 * - a file that does not start with MSH (after byte order marks, blank lines, and FHS/BHS batch
 *   headers, which are passed over) → an error on line 1 in both modes: it is not HL7 v2;
 * - a segment whose id is not 3 capital letters or digits followed by the field separator →
 *   "broken segment …" on its line; lenient mode skips that segment;
 * - an MSH without usable encoding characters → "broken segment …" on its line; lenient mode
 *   skips that whole message (up to the next MSH).
 */
export function* parseHl7v2(text: string, options: TextParseOptions): Generator<IngestItem> {
  const { fileName, mode } = options;
  let message: MessageBuffer | null = null;
  let skippingMessage = false;
  let messageNumber = 0;
  let segmentNumber = 0;
  let started = false;

  const problem = function* (origin: RowOrigin, line: number, reason: string) {
    if (mode === 'strict') throw new IngestError(fileName, line, reason);
    yield { kind: 'skip', origin, reason } satisfies IngestItem;
  };

  for (const { content, line } of segmentLines(text)) {
    if (content.trim() === '') continue;
    if (!started) {
      if (/^(FHS|BHS)/.test(content)) continue;
      if (!content.startsWith('MSH')) {
        throw new IngestError(fileName, 1, 'does not start with an MSH segment: not HL7 v2');
      }
      started = true;
    }

    if (content.startsWith('MSH')) {
      if (message !== null) yield* recordsOf(message);
      message = null;
      messageNumber++;
      segmentNumber = 1;
      const delimiters = readDelimiters(content);
      skippingMessage = delimiters === null;
      if (delimiters === null) {
        yield* problem(
          { line, message: messageNumber, segment: 1 },
          line,
          `broken segment: the MSH segment has no usable encoding characters (it should begin ` +
            `like "MSH|^~\\&|")` +
            (mode === 'lenient' ? '; the whole message is skipped, up to the next MSH' : ''),
        );
        continue;
      }
      message = {
        number: messageNumber,
        line,
        delimiters,
        segments: [{ id: 'MSH', fields: mshFields(content, delimiters), line, number: 1 }],
      };
      continue;
    }

    segmentNumber++;
    if (skippingMessage || message === null) continue;
    const { field } = message.delimiters;
    const id = content.slice(0, 3);
    if (!/^[A-Z0-9]{3}$/.test(id) || (content.length > 3 && content[3] !== field)) {
      yield* problem(
        { line, message: messageNumber, segment: segmentNumber },
        line,
        `broken segment: ${JSON.stringify(preview(content))} does not begin with a segment id ` +
          `(3 capital letters or digits) followed by "${field}"`,
      );
      continue;
    }
    message.segments.push({ id, fields: content.split(field), line, number: segmentNumber });
  }

  if (!started) throw new IngestError(fileName, null, 'holds no HL7 v2 segments (it is blank)');
  if (message !== null) yield* recordsOf(message);
}

/**
 * Decodes HL7 v2 escape sequences in one value (after it has been split into components):
 * \F\ \S\ \T\ \R\ \E\ (and \P\ where MSH-2 names a truncation character) become the delimiter
 * they stand for, \.br\ a line break, \Xhh…\ the bytes hh… (read as UTF-8, or one character per
 * byte if they are not UTF-8). Other sequences (\H\, \N\, \.sp\, \Zxx\ …) and an escape
 * character with no closing partner are left as they are.
 */
export function decodeHl7Escapes(value: string, delimiters: Hl7Delimiters): string {
  const escape = delimiters.escape;
  if (escape === '' || !value.includes(escape)) return value;
  let out = '';
  let position = 0;
  for (;;) {
    const open = value.indexOf(escape, position);
    if (open === -1) return out + value.slice(position);
    const close = value.indexOf(escape, open + 1);
    if (close === -1) return out + value.slice(position);
    out += value.slice(position, open);
    const sequence = value.slice(open + 1, close);
    const decoded = decodeSequence(sequence, delimiters);
    out += decoded ?? escape + sequence + escape;
    position = close + 1;
  }
}

function decodeSequence(sequence: string, delimiters: Hl7Delimiters): string | null {
  switch (sequence) {
    case 'F':
      return delimiters.field;
    case 'S':
      return delimiters.component || null;
    case 'T':
      return delimiters.subcomponent || null;
    case 'R':
      return delimiters.repetition || null;
    case 'E':
      return delimiters.escape;
    case 'P':
      return delimiters.truncation || null;
    case '.br':
      return '\n';
  }
  if (/^X(?:[0-9A-Fa-f]{2})+$/.test(sequence)) return decodeHex(sequence.slice(1));
  return null;
}

function decodeHex(hex: string): string {
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index++) {
    bytes[index] = parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return String.fromCharCode(...bytes);
  }
}

interface Segment {
  id: string;
  /** Raw fields, indexed by field number (fields[0] is the segment id). */
  fields: string[];
  line: number;
  /** 1-based position in its message. */
  number: number;
}

interface MessageBuffer {
  number: number;
  line: number;
  delimiters: Hl7Delimiters;
  segments: Segment[];
}

interface PatientGroup {
  pid: Segment | null;
  pv1: Segment | null;
}

function* recordsOf(message: MessageBuffer): Generator<IngestItem> {
  const { delimiters } = message;
  const msh = message.segments[0] ?? null;

  // Split into patient groups at each PID; segments before the first PID belong to the first.
  const groups: PatientGroup[] = [{ pid: null, pv1: null }];
  const groupOf: PatientGroup[] = [];
  let group = groups[0] as PatientGroup;
  for (const segment of message.segments) {
    if (segment.id === 'PID') {
      if (group.pid !== null) {
        group = { pid: null, pv1: null };
        groups.push(group);
      }
      group.pid = segment;
    } else if (segment.id === 'PV1' && group.pv1 === null) {
      group.pv1 = segment;
    }
    groupOf.push(group);
  }

  const context = (pid: Segment | null, pv1: Segment | null, obr: Segment | null) => {
    const record: Record<string, string> = {};
    for (const segment of [msh, pid, pv1, obr]) {
      if (segment !== null) addFields(record, segment, delimiters);
    }
    return record;
  };

  // The nearest OBR before an OBX, forgotten when a new patient group begins. The context
  // columns are worked out once per OBR (or group) and copied into each OBX's record.
  let obr: Segment | null = null;
  let shared: Record<string, string> | null = null;
  let obxCount = 0;
  let currentGroup: PatientGroup | undefined;
  for (const [index, segment] of message.segments.entries()) {
    const segmentGroup = groupOf[index];
    if (segmentGroup !== currentGroup) {
      currentGroup = segmentGroup;
      obr = null;
      shared = null;
    }
    if (segment.id === 'OBR') {
      obr = segment;
      shared = null;
    }
    if (segment.id !== 'OBX' || segmentGroup === undefined) continue;
    obxCount++;
    shared ??= context(segmentGroup.pid, segmentGroup.pv1, obr);
    const record = { ...shared };
    addFields(record, segment, delimiters);
    yield {
      kind: 'record',
      record,
      origin: { line: segment.line, message: message.number, segment: segment.number },
    };
  }

  if (obxCount === 0) {
    const first = groups[0] as PatientGroup;
    const firstObr = message.segments.find((segment) => segment.id === 'OBR') ?? null;
    yield {
      kind: 'record',
      record: context(first.pid, first.pv1, firstObr),
      origin: { line: message.line, message: message.number, segment: 1 },
    };
  }
}

function addFields(record: Record<string, string>, segment: Segment, delimiters: Hl7Delimiters) {
  const fields = wanted[segment.id as keyof typeof wanted];
  for (const [number, leastComponents] of fields) {
    const name = `${segment.id}-${number}`;
    const field = readField(segment.fields[number] ?? '', delimiters);
    record[name] = field.whole;
    const components = field.firstComponents;
    if (components.length > 1 || leastComponents > 0) {
      const count = Math.max(components.length > 1 ? components.length : 0, leastComponents);
      for (let component = 0; component < count; component++) {
        record[`${name}.${component + 1}`] = components[component] ?? '';
      }
    }
  }
}

/** One field: all repetitions as text, and the components of the first repetition. */
function readField(raw: string, delimiters: Hl7Delimiters) {
  if (!hasStructure(raw, delimiters)) return { whole: raw, firstComponents: [raw] };
  const decodeComponent = (component: string) =>
    split(component, delimiters.subcomponent)
      .map((part) => decodeHl7Escapes(part, delimiters))
      .join('&');
  const repetitions = split(raw, delimiters.repetition).map((repetition) =>
    split(repetition, delimiters.component).map(decodeComponent),
  );
  return {
    whole: repetitions.map((components) => components.join('^')).join(' ~ '),
    firstComponents: repetitions[0] ?? [],
  };
}

/** Whether a field holds any delimiter or escape character (most fields hold none). */
function hasStructure(raw: string, delimiters: Hl7Delimiters): boolean {
  const { component, repetition, escape, subcomponent } = delimiters;
  for (const char of [component, repetition, escape, subcomponent]) {
    if (char !== '' && raw.includes(char)) return true;
  }
  return false;
}

function split(text: string, separator: string): string[] {
  return separator === '' ? [text] : text.split(separator);
}

/**
 * MSH fields indexed by field number: MSH-1 is the field separator itself and MSH-2 the encoding
 * characters, so MSH-n is the (n-1)th piece after splitting on the separator.
 */
function mshFields(content: string, delimiters: Hl7Delimiters): string[] {
  const pieces = content.split(delimiters.field);
  return ['MSH', delimiters.field, ...pieces.slice(1)];
}

/** Reads MSH-1 and MSH-2; null when they are missing or unusable. */
function readDelimiters(content: string): Hl7Delimiters | null {
  const field = content[3];
  if (field === undefined || !isDelimiterChar(field)) return null;
  const end = content.indexOf(field, 4);
  const encoding = [...content.slice(4, end === -1 ? content.length : end)];
  if (encoding.length < 1 || encoding.length > 5) return null;
  if (!encoding.every(isDelimiterChar)) return null;
  if (new Set([field, ...encoding]).size !== encoding.length + 1) return null;
  const [component = '', repetition = '', escape = '', subcomponent = '', truncation = ''] =
    encoding;
  return { field, component, repetition, escape, subcomponent, truncation };
}

function isDelimiterChar(char: string): boolean {
  return !/[\p{L}\p{N}\s]/u.test(char);
}

function preview(content: string): string {
  return content.length > 24 ? `${content.slice(0, 24)}…` : content;
}

const mllpStart = String.fromCharCode(0x0b);
const mllpEnd = String.fromCharCode(0x1c);

/**
 * The lines of the text, numbered from 1. \r\n, \r and \n each end one line. A byte order mark
 * at the start of a line (files joined with `cat` keep theirs) and the MLLP framing characters
 * (vertical tab before a message, file separator after it) are removed.
 */
function* segmentLines(text: string): Generator<{ content: string; line: number }> {
  const breaks = /\r\n?|\n/g;
  let start = 0;
  for (let line = 1; ; line++) {
    const found = breaks.exec(text);
    const end = found === null ? text.length : found.index;
    let content = text.slice(start, end);
    while (content.startsWith(mllpStart) || content.startsWith('\uFEFF')) {
      content = content.slice(1);
    }
    while (content.endsWith(mllpEnd)) content = content.slice(0, -1);
    yield { content, line };
    if (found === null) return;
    start = breaks.lastIndex;
  }
}
