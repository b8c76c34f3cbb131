import { IngestError } from './errors';

export const encodings = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030'] as const;
export type TextEncodingName = (typeof encodings)[number];

export interface DetectedEncoding {
  encoding: TextEncodingName;
  /** How the guess was made, for the preview: "byte order mark", "valid UTF-8", … */
  evidence: 'bom' | 'valid-utf8' | 'utf16-zero-bytes' | 'gb18030-fallback';
  bomLength: number;
}

/**
 * Guesses a text file's encoding. A byte order mark decides; otherwise zero bytes in alternate
 * positions mean UTF-16; otherwise valid UTF-8 is UTF-8; otherwise GB18030, the superset of GBK
 * that Chinese hospital systems export. Only the first bytes are examined for speed.
 */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf-8', evidence: 'bom', bomLength: 3 };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { encoding: 'utf-16le', evidence: 'bom', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { encoding: 'utf-16be', evidence: 'bom', bomLength: 2 };
  const sample = bytes.subarray(0, 64 * 1024);
  const utf16 = utf16ByZeroBytes(sample);
  if (utf16) return { encoding: utf16, evidence: 'utf16-zero-bytes', bomLength: 0 };
  if (isValidUtf8(trimPartialTail(sample, bytes.length))) {
    return { encoding: 'utf-8', evidence: 'valid-utf8', bomLength: 0 };
  }
  return { encoding: 'gb18030', evidence: 'gb18030-fallback', bomLength: 0 };
}

function utf16ByZeroBytes(sample: Uint8Array): TextEncodingName | null {
  if (sample.length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index + 1 < sample.length; index += 2) {
    if (sample[index] === 0) evenZeros++;
    if (sample[index + 1] === 0) oddZeros++;
  }
  const pairs = Math.floor(sample.length / 2);
  // ASCII-heavy UTF-16 has a zero in most pairs; binary junk has zeros on both sides.
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/** A sample cut in the middle of a multi-byte character is still UTF-8. */
function trimPartialTail(sample: Uint8Array, fullLength: number): Uint8Array {
  if (sample.length === fullLength) return sample;
  const end = sample.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = sample[end - back] ?? 0;
    if ((byte & 0xc0) === 0xc0) return sample.subarray(0, end - back);
    if ((byte & 0x80) === 0) break;
  }
  return sample;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes bytes as the given encoding, refusing binary data and undecodable bytes with the line
 * they are on, so a user learns which file and where rather than seeing mojibake rows.
 */
export function decodeText(
  fileName: string,
  bytes: Uint8Array,
  encoding: TextEncodingName,
  /** A sample may end inside a character: decode it leniently, for a preview only. */
  isSample = false,
): string {
  if (bytes.length === 0) throw new IngestError(fileName, null, 'the file is empty');
  const isUtf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  if (!isUtf16) {
    const nul = bytes.indexOf(0);
    if (nul !== -1) {
      throw new IngestError(
        fileName,
        lineAtByte(bytes, nul),
        'contains binary data (a NUL byte): this is not a text file',
      );
    }
  }
  let text: string;
  if (isSample) return new TextDecoder(encoding).decode(bytes);
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const lenient = new TextDecoder(encoding).decode(bytes);
    const bad = lenient.indexOf('\uFFFD');
    throw new IngestError(
      fileName,
      bad === -1 ? null : countLines(lenient, bad),
      `is not valid ${encodingLabel(encoding)} text`,
    );
  }
  if (isUtf16 && text.includes('\0')) {
    throw new IngestError(
      fileName,
      countLines(text, text.indexOf('\0')),
      'contains binary data (a NUL character): this is not a text file',
    );
  }
  return text;
}

export function encodingLabel(encoding: TextEncodingName): string {
  return { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', gb18030: 'GB18030' }[
    encoding
  ];
}

function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index++) if (bytes[index] === 0x0a) line++;
  return line;
}

/** 1-based line of a character offset. */
export function countLines(text: string, offset: number): number {
  let line = 1;
  let position = text.indexOf('\n');
  while (position !== -1 && position < offset) {
    line++;
    position = text.indexOf('\n', position + 1);
  }
  return line;
}
