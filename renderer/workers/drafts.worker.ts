/// <reference lib="webworker" />
import { importDraftFile } from '../../shared/qa/import/file';
import type { DraftRequest, DraftResponse } from './drafts-protocol';

/** Draft files are parsed here: a large JSONL or MedQuAD file never stalls the window. */
self.onmessage = (event: MessageEvent<DraftRequest>) => {
  const { id, name, bytes, mode, mapping } = event.data;
  let response: DraftResponse;
  try {
    response = { id, ok: true, result: importDraftFile(name, bytes, mode, mapping) };
  } catch (error) {
    response = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  postMessage(response);
};
