/** Helpers the parser tests share: options, item filters, and catching the expected error. */
import { IngestError } from './errors';
import type { IngestItem, TextParseOptions } from './types';

export const strict = (fileName: string): TextParseOptions => ({ fileName, mode: 'strict' });
export const lenient = (fileName: string): TextParseOptions => ({ fileName, mode: 'lenient' });

type RecordItem = Extract<IngestItem, { kind: 'record' }>;
type SkipItem = Extract<IngestItem, { kind: 'skip' }>;

export const recordsOf = (items: IngestItem[]) =>
  items.filter((item): item is RecordItem => item.kind === 'record');
export const skipsOf = (items: IngestItem[]) =>
  items.filter((item): item is SkipItem => item.kind === 'skip');

/** The IngestError a call throws; fails the test when it throws nothing or something else. */
export function failureOf(run: () => unknown): IngestError {
  try {
    run();
  } catch (error) {
    if (error instanceof IngestError) return error;
    throw error;
  }
  throw new Error('expected an IngestError');
}

export async function asyncFailureOf(run: () => Promise<unknown>): Promise<IngestError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof IngestError) return error;
    throw error;
  }
  throw new Error('expected an IngestError');
}
