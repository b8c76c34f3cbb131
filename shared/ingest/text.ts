import { IngestError } from './errors';

const utf8Bom = [0xef, 0xbb, 0xbf];

/**
 * Decodes UTF-8 bytes, refusing binary files and invalid sequences with the line they are on,
 * so a user learns which file and where rather than seeing mojibake rows.
 */
export function decodeUtf8(fileName: string, bytes: Uint8Array): string {
  if (bytes.length === 0) throw new IngestError(fileName, null, 'the file is empty');
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new IngestError(
      fileName,
      lineAtByte(bytes, nul),
      'contains binary data (a NUL byte): this is not a text file',
    );
  }
  const hasBom = utf8Bom.every((byte, index) => bytes[index] === byte);
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    const lenient = new TextDecoder('utf-8').decode(body);
    const bad = lenient.indexOf('\uFFFD');
    throw new IngestError(
      fileName,
      bad === -1 ? null : countLines(lenient, bad),
      'is not valid UTF-8 text',
    );
  }
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
