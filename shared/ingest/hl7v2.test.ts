import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHl7Escapes, parseHl7v2, standardHl7Delimiters } from './hl7v2';
import { failureOf, lenient, recordsOf, skipsOf, strict } from './test-support';
import type { IngestItem } from './types';

type RecordItem = Extract<IngestItem, { kind: 'record' }>;

const folder = 'test/fixtures/records/hl7v2/';

/** The file's text as Node reads it: a UTF-8 byte order mark stays, for the parser to drop. */
function fixture(name: string): string {
  return readFileSync(folder + name, 'utf8');
}

function parse(name: string): RecordItem[] {
  const items = [...parseHl7v2(fixture(name), strict(name))];
  expect(skipsOf(items)).toEqual([]);
  return recordsOf(items);
}

/**
 * Counted by reading the files: every fixture holds one message (one MSH, on line 1); the lines
 * listed are those that begin with "OBX". A message without OBX gives one record, on line 1.
 */
const obxLines: Record<string, number[]> = {
  'ADT-A01-01.hl7': [14],
  'ADT04-251.hl7': [],
  'LAB-ORM-1.hl7': [],
  'LAB-ORU-1.hl7': [4, 5, 6, 7, 8, 11, 12, 13, 14, 15],
  'LAB-ORU-2.hl7': [4, 5, 6, 7, 8, 11, 12, 13, 14, 15],
  'MDM-T02-03.hl7': Array.from({ length: 29 }, (_, index) => 8 + index),
  'OML-O21-01.hl7': [14, 15, 18, 20],
  'ORM-O01-01.hl7': [9],
  'ORU-R01-01.hl7': [5, 11, 20, 27, 28],
  'ORU-R01-RMGEAD.hl7': [4],
  'VXU-V04-01.hl7': [11, 19, 20, 21, 22],
};

describe('parseHl7v2 on the FHIR-Converter sample messages', () => {
  it.each(Object.entries(obxLines))('%s: one record per OBX, on its line', (name, lines) => {
    const records = parse(name);
    const expected = lines.length === 0 ? [1] : lines;
    expect(records).toHaveLength(expected.length);
    expect(records.map((item) => item.origin)).toEqual(
      expected.map((line) => ({ line, message: 1, segment: line })),
    );
  });

  it('ORU-R01-RMGEAD: MSH, PID, OBR and OBX values as written in the file', () => {
    const [record] = parse('ORU-R01-RMGEAD.hl7').map((item) => item.record);
    expect(record).toEqual({
      'MSH-3': 'GHH LAB',
      'MSH-4': 'ELAB-3',
      'MSH-7': '20020215093000+0600',
      'MSH-9': 'ORU^R01',
      'MSH-9.1': 'ORU',
      'MSH-9.2': 'R01',
      'MSH-10': 'CNTRL-3456',
      'MSH-12': '2.4',
      'PID-3': '555-44-4444',
      'PID-5': 'EVERYWOMAN^EVE^E^^^^L',
      'PID-5.1': 'EVERYWOMAN',
      'PID-5.2': 'EVE',
      'PID-5.3': 'E',
      'PID-5.4': '',
      'PID-5.5': '',
      'PID-5.6': '',
      'PID-5.7': 'L',
      'PID-7': '19620320',
      'PID-8': 'F',
      'OBR-2': '845439^GHH OE',
      'OBR-2.1': '845439',
      'OBR-2.2': 'GHH OE',
      'OBR-3': '1045813^GHH LAB',
      'OBR-3.1': '1045813',
      'OBR-3.2': 'GHH LAB',
      'OBR-4': '15545^GLUCOSE',
      'OBR-4.1': '15545',
      'OBR-4.2': 'GLUCOSE',
      'OBR-4.3': '',
      'OBR-7': '20020215073000+0600',
      'OBX-1': '1',
      'OBX-2': 'SN',
      'OBX-3': '1554-5^GLUCOSE^POST 12H CFST:MCNC:PT:SER/PLAS:QN',
      'OBX-3.1': '1554-5',
      'OBX-3.2': 'GLUCOSE',
      'OBX-3.3': 'POST 12H CFST:MCNC:PT:SER/PLAS:QN',
      'OBX-4': '',
      'OBX-5': '^182',
      'OBX-5.1': '',
      'OBX-5.2': '182',
      'OBX-6': 'mg/dl',
      'OBX-6.1': 'mg/dl',
      'OBX-6.2': '',
      'OBX-6.3': '',
      'OBX-7': '70_105',
      'OBX-8': 'H',
      'OBX-11': 'F',
      'OBX-14': '',
    });
  });

  it('LAB-ORU-2: each OBX carries the nearest OBR before it', () => {
    const records = parse('LAB-ORU-2.hl7').map((item) => item.record);
    expect(records[0]).toMatchObject({
      'PID-5': 'DUCK^DONALD^D',
      'PID-3.1': '10006579',
      'PID-7': '19241010',
      'PID-8': 'M',
      'OBR-4.1': '26464-8',
      'OBX-3.1': '30180-4',
      'OBX-3.2': 'BASOPHILS/100 LEUKOCYTES',
      'OBX-3.3': 'LN',
      'OBX-5': '0',
      'OBX-6': '%',
    });
    // Line 11: OBX|1|NM|20509-6^HEMOGLOBIN^LN||13.4|g/l-1||N|||F|||20141006083000+0700
    expect(records[5]).toMatchObject({
      'OBR-2': '88502218',
      'OBR-4.1': '24317-0',
      'OBR-4.2': 'Hemogram and platelet count, automated',
      'OBX-2': 'NM',
      'OBX-3.1': '20509-6',
      'OBX-3.2': 'HEMOGLOBIN',
      'OBX-5': '13.4',
      'OBX-6': 'g/l-1',
      'OBX-8': 'N',
      'OBX-11': 'F',
      'OBX-14': '20141006083000+0700',
    });
  });

  it('messages without OBX keep their patient (ADT^A04) and order (ORM^O01)', () => {
    const [adt] = parse('ADT04-251.hl7').map((item) => item.record);
    expect(adt).toMatchObject({
      'MSH-9': 'ADT^A04',
      'MSH-10': '1270326314',
      'PID-3.1': 'MRN12345',
      'PID-5': 'Doe^Jane',
      'PID-7': '19780101',
      'PID-8': 'F',
      'PV1-2': 'E',
    });
    expect(Object.keys(adt ?? {}).filter((key) => /^(OBX|OBR)-/.test(key))).toEqual([]);

    const [orm] = parse('LAB-ORM-1.hl7').map((item) => item.record);
    expect(orm).toMatchObject({
      'MSH-9': 'ORM^O01',
      'PID-5.1': 'DUCK',
      'PV1-2': 'I',
      'PV1-3': 'PREOP^101^1^1^^^S',
      'PV1-3.1': 'PREOP',
      'OBR-2': '88502218',
      'OBR-4': '24317-0^Hemogram and platelet count, automated^LN',
    });
  });

  it('repetitions are joined with " ~ "; component columns hold the first repetition', () => {
    const [record] = parse('ADT-A01-01.hl7').map((item) => item.record);
    expect(record).toMatchObject({
      'MSH-4': 'GHHSFacility^2.16.840.1.122848.1.30^ISO',
      'MSH-9': 'ADT^A01^ADT_A01',
      'MSH-9.3': 'ADT_A01',
      'PID-3': 'PATID1234^5^M11^test1&2.16.1&HCD^MR^GOOD HEALTH HOSPITAL ~ 123456789^^^USSSA^SS',
      'PID-3.1': 'PATID1234',
      'PID-3.4': 'test1&2.16.1&HCD',
      'PID-3.6': 'GOOD HEALTH HOSPITAL',
      'PID-5.1': 'EVERYMAN&&&&Aniston',
      'PID-5.2': 'ADAM',
      'OBX-3': '8867-4^heartrate^LN',
      'OBX-5': '60 ~ 120',
      'OBX-6': 'beats/min^^ISO',
      'OBX-6.1': 'beats/min',
      'OBX-6.3': 'ISO',
      'OBX-7': '70-80',
      'OBX-8': 'A^A^HL7nnnn ~ B^B',
      'OBX-8.1': 'A',
      'OBX-8.3': 'HL7nnnn',
      'OBX-11': 'S',
    });
    expect(record?.['OBR-4']).toBeUndefined();
  });

  it('decodes \\T\\ escapes in values (OML-O21-01 line 20)', () => {
    const records = parse('OML-O21-01.hl7').map((item) => item.record);
    expect(records[3]?.['OBX-5.1']).toBe(
      'http://172.16.237.4/CaseCenter/index.php?ContainerType=CaseView&ContainerID=0&SlideID=40bcbe96bcbf8cda8b07403263b92cb4',
    );
    expect(records[3]?.['OBX-5.4']).toBe('MRXS');
    expect(records[2]).toMatchObject({ 'OBX-3.1': '8867-4', 'OBX-5': '27 ~ 25' });
  });

  it('ORU-R01-01: an OBX before any OBR has no OBR columns; PV1 is found after it', () => {
    const records = parse('ORU-R01-01.hl7').map((item) => item.record);
    expect(records[0]?.['OBR-4']).toBeUndefined();
    expect(records[0]).toMatchObject({ 'PID-5': 'Finn^Huckleberry^^^^^L', 'PV1-2': 'P' });
    expect(records[2]).toMatchObject({
      'OBR-4.1': '625-4',
      'OBR-4.2': 'Bacteria identified in Stool by Culture',
      'OBR-4.3': 'XYZ',
      'OBX-2': 'CWE',
      'OBX-5.1': '27268008',
      'OBX-5.2': 'Salmonella',
      'OBX-5.3': 'SCT',
    });
  });

  it('MDM-T02-03: 29 text OBX of one patient', () => {
    const records = parse('MDM-T02-03.hl7').map((item) => item.record);
    expect(new Set(records.map((record) => record['PID-5']))).toEqual(
      new Set(['Clark^Frederick^^^Mr^^A']),
    );
    expect(records[7]).toMatchObject({ 'OBX-1': '8', 'OBX-2': 'TX', 'OBX-5': 'Stopsign' });
  });

  it('reads a file of many messages, numbering messages and lines across the file', () => {
    const names = Object.keys(obxLines);
    const parts = names.map((name) => fixture(name).replace(/\n+$/, ''));
    const text = parts.join('\n');
    const expected: object[] = [];
    let offset = 0;
    names.forEach((name, index) => {
      for (const item of parse(name)) {
        expected.push({
          record: item.record,
          origin: { ...item.origin, line: (item.origin.line ?? 0) + offset, message: index + 1 },
        });
      }
      offset += (parts[index] ?? '').split('\n').length;
    });
    const records = recordsOf([...parseHl7v2(text, strict('all.hl7'))]);
    expect(records).toHaveLength(68);
    expect(records.map(({ record, origin }) => ({ record, origin }))).toEqual(expected);

    // The classic \r separator and \r\n give the same records and lines.
    for (const separator of ['\r', '\r\n']) {
      const other = recordsOf([...parseHl7v2(text.replace(/\n/g, separator), strict('all.hl7'))]);
      expect(other).toEqual(records);
    }
  });

  it('ignores a byte order mark, blank lines, MLLP framing and FHS/BHS batch headers', () => {
    const message = fixture('ORU-R01-RMGEAD.hl7');
    const plain = recordsOf([...parseHl7v2(message, strict('m.hl7'))]);
    const framed = `\uFEFF\n\nFHS|^~\\&|X\nBHS|^~\\&|X\n\v${message}\x1c\n\nBTS|1\nFTS|1\n`;
    const records = recordsOf([...parseHl7v2(framed, strict('m.hl7'))]);
    expect(records.map((item) => item.record)).toEqual(plain.map((item) => item.record));
    expect(records[0]?.origin).toEqual({ line: 8, message: 1, segment: 4 });
  });
});

describe('parseHl7v2 with other delimiters', () => {
  it('reads the encoding characters from MSH-1 and MSH-2 of each message', () => {
    const text = [
      'MSH#$*/%#LAB#FAC###20240101##ORU$R01#42#P#2.5',
      'PID###ID1##WANG$FANG',
      'OBX#1#ST#GLU$Glucose$LN##a/S/b/T/c/F/d*e#mg/dL',
      'MSH|^~\\&|LAB|FAC|||20240102||ORU^R01|43|P|2.5',
      'OBX|1|ST|K^Potassium^LN||a\\S\\b',
    ].join('\r');
    const records = recordsOf([...parseHl7v2(text, strict('d.hl7'))]);
    expect(records.map((item) => item.record)).toEqual([
      expect.objectContaining({
        'MSH-9': 'ORU^R01',
        'PID-5': 'WANG^FANG',
        'OBX-3': 'GLU^Glucose^LN',
        'OBX-3.2': 'Glucose',
        'OBX-5': 'a$b%c#d ~ e',
        'OBX-6': 'mg/dL',
      }) as unknown,
      expect.objectContaining({ 'MSH-10': '43', 'OBX-3.1': 'K', 'OBX-5': 'a^b' }) as unknown,
    ]);
    expect(records.map((item) => item.origin)).toEqual([
      { line: 3, message: 1, segment: 3 },
      { line: 5, message: 2, segment: 2 },
    ]);
  });
});

describe('decodeHl7Escapes', () => {
  const decode = (value: string) => decodeHl7Escapes(value, standardHl7Delimiters);

  it('decodes delimiters, line breaks and hex', () => {
    expect(decode('A\\T\\E')).toBe('A&E');
    expect(decode('\\F\\\\S\\\\T\\\\R\\\\E\\')).toBe('|^&~\\');
    expect(decode('line 1\\.br\\line 2')).toBe('line 1\nline 2');
    expect(decode('\\X41\\\\X0D0A\\')).toBe('A\r\n');
    expect(decode('\\XE8A180E7B396\\')).toBe('血糖');
    expect(decode('\\XE9\\')).toBe('é');
  });

  it('leaves unknown and unterminated sequences as they are', () => {
    expect(decode('\\H\\bold\\N\\ \\.sp\\ \\Zabc\\ \\X4\\ \\\\')).toBe(
      '\\H\\bold\\N\\ \\.sp\\ \\Zabc\\ \\X4\\ \\\\',
    );
    expect(decode('C:\\path')).toBe('C:\\path');
    expect(decode('no escapes')).toBe('no escapes');
  });

  /**
   * A simple encoder: delimiters and the escape character by name, \n as \.br\; \r, any other
   * character holding a delimiter (a grapheme like '^' + a combining accent) and the pieces marked
   * for it as \X…\ hex of their UTF-8 bytes; everything else as it is.
   */
  function encode(pieces: [string, boolean][]): string {
    const named: Record<string, string> = {
      '|': '\\F\\',
      '^': '\\S\\',
      '&': '\\T\\',
      '~': '\\R\\',
      '\\': '\\E\\',
      '\n': '\\.br\\',
    };
    return pieces
      .map(([char, asHex]) => {
        if (asHex || (named[char] === undefined && /[|^&~\\\r\n]/.test(char))) {
          const bytes = [...new TextEncoder().encode(char)];
          return `\\X${bytes.map((byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join('')}\\`;
        }
        return named[char] ?? char;
      })
      .join('');
  }

  const piece = fc.tuple(
    fc.oneof(
      fc.constantFrom('|', '^', '&', '~', '\\', '\n', '\r', 'X', '.', 'b', 'r', 'F', 'E', ' '),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    ),
    fc.boolean(),
  );

  it('inverts the encoder for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const original = pieces.map(([char]) => char).join('');
        expect(decode(encode(pieces))).toBe(original);
      }),
      { numRuns: 500 },
    );
  });

  it('an encoded OBX-5 comes back whole from a parsed message', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const original = pieces.map(([char]) => char).join('');
        const text = `MSH|^~\\&|A|B|||20240101||ORU^R01|1|P|2.5\rOBX|1|TX|X^Y^L||${encode(pieces)}|`;
        const [item] = recordsOf([...parseHl7v2(text, strict('p.hl7'))]);
        expect(item?.record['OBX-5']).toBe(original);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseHl7v2 problems', () => {
  it('refuses a file that does not start with MSH, on line 1, in both modes', () => {
    for (const mode of ['strict', 'lenient'] as const) {
      const error = failureOf(() => [
        ...parseHl7v2('\n\nPID|1||123\nOBX|1|NM|X||1', { fileName: 'nomsh.hl7', mode }),
      ]);
      expect(error.message).toBe(
        'nomsh.hl7, line 1: does not start with an MSH segment: not HL7 v2',
      );
    }
    expect(failureOf(() => [...parseHl7v2('a,b\n1,2\n', strict('t.csv'))]).line).toBe(1);
    expect(failureOf(() => [...parseHl7v2('\n \n', strict('blank.hl7'))]).line).toBeNull();
  });

  // LAB-ORU-1 with a broken segment after line 8 (its first five OBX): it becomes line 9.
  const lines = fixture('LAB-ORU-1.hl7').split('\n');
  const broken = [...lines.slice(0, 8), 'obx|6|NM|bad', ...lines.slice(8)].join('\n');

  it('strict: a broken segment stops the parse with its line', () => {
    const error = failureOf(() => [...parseHl7v2(broken, strict('LAB-ORU-1.hl7'))]);
    expect(error.line).toBe(9);
    expect(error.message).toBe(
      'LAB-ORU-1.hl7, line 9: broken segment: "obx|6|NM|bad" does not begin with a segment id ' +
        '(3 capital letters or digits) followed by "|"',
    );
    expect(failureOf(() => [...parseHl7v2('MSH|^~\\&|A\nPID1||x', strict('x.hl7'))]).line).toBe(2);
  });

  it('lenient: a broken segment is skipped and the rest of the message kept', () => {
    const items = [...parseHl7v2(broken, lenient('LAB-ORU-1.hl7'))];
    expect(skipsOf(items)).toEqual([
      {
        kind: 'skip',
        origin: { line: 9, message: 1, segment: 9 },
        reason: expect.stringContaining('broken segment') as unknown,
      },
    ]);
    const records = recordsOf(items);
    expect(records).toHaveLength(10);
    expect(records.map((item) => item.origin.line)).toEqual([4, 5, 6, 7, 8, 12, 13, 14, 15, 16]);
    expect(records[5]?.record['OBX-3.1']).toBe('23761-0');
  });

  it('an MSH without encoding characters: strict throws, lenient skips that message', () => {
    const text = [
      'MSH|^~\\&|A|B|||20240101||ORU^R01|1|P|2.5',
      'OBX|1|NM|K^Potassium^LN||4.1',
      'MSH||A|B',
      'PID|||lost',
      'OBX|1|NM|K^Potassium^LN||9.9',
      'MSH|^~\\&|A|B|||20240101||ORU^R01|3|P|2.5',
      'OBX|1|NM|NA^Sodium^LN||140',
    ].join('\r\n');
    const error = failureOf(() => [...parseHl7v2(text, strict('m.hl7'))]);
    expect(error.line).toBe(3);
    expect(error.message).toContain('broken segment: the MSH segment has no usable encoding');

    const items = [...parseHl7v2(text, lenient('m.hl7'))];
    expect(items.map((item) => (item.kind === 'record' ? item.record['OBX-5'] : item))).toEqual([
      '4.1',
      {
        kind: 'skip',
        origin: { line: 3, message: 2, segment: 1 },
        reason: expect.stringContaining('the whole message is skipped') as unknown,
      },
      '140',
    ]);
    expect(recordsOf(items)[1]?.origin).toEqual({ line: 7, message: 3, segment: 2 });
    expect(failureOf(() => [...parseHl7v2('MSH', strict('m.hl7'))]).line).toBe(1);
  });
});
