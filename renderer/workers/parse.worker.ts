/// <reference lib="webworker" />
import { toBlocks } from '../../shared/ingest/blocks';
import { parseCsv } from '../../shared/ingest/csv';
import { IngestError } from '../../shared/ingest/errors';
import { decodeUtf8 } from '../../shared/ingest/text';
import type { ParseRequest, ParseResponse } from './parse-protocol';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  void parse(event.data).then((response) => self.postMessage(response));
};

async function parse({ fileName, data }: ParseRequest): Promise<ParseResponse> {
  try {
    const digest = await crypto.subtle.digest('SHA-256', data as BufferSource);
    const sha256 = Array.from(new Uint8Array(digest), (byte) =>
      byte.toString(16).padStart(2, '0'),
    ).join('');
    const table = parseCsv(fileName, decodeUtf8(fileName, data));
    const blocks = toBlocks('', table.rows).map(({ sourceId: _unassigned, ...block }) => block);
    return {
      ok: true,
      file: {
        fileName,
        encoding: 'utf-8',
        size: data.byteLength,
        sha256,
        fields: table.fields,
        rowCount: table.rows.length,
        blocks,
      },
    };
  } catch (error) {
    if (error instanceof IngestError) {
      return { ok: false, error: { fileName, line: error.line, message: error.message } };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { fileName, line: null, message: `${fileName}: ${message}` } };
  }
}
