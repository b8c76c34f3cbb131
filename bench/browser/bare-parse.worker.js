/*
 * The import benchmark's baseline worker, appended to papaparse.min.js in a module-free blob
 * worker: read the Blob, decode UTF-8, Papa.parse with the app's step configuration (',' as
 * delimiter, greedy empty-line skipping, optionally pausing every N rows and resuming at once as
 * shared/ingest/delimited.ts does), and count rows. Nothing is kept, profiled or stored.
 */
/* global self, Papa */
self.onmessage = async (event) => {
  const { type, file, pauseEvery } = event.data;
  if (type === 'ping') {
    self.postMessage({ type: 'pong' });
    return;
  }
  const started = performance.now();
  const buffer = await file.arrayBuffer();
  const read = performance.now();
  const text = new TextDecoder('utf-8').decode(buffer);
  const decoded = performance.now();
  let rows = 0;
  let pending = 0;
  let handle = null;
  let isDone = false;
  let errors = 0;
  Papa.parse(text, {
    delimiter: ',',
    skipEmptyLines: 'greedy',
    step(result, parser) {
      handle = parser;
      rows++;
      if (result.errors.length > 0) errors++;
      if (pauseEvery > 0 && ++pending >= pauseEvery) {
        pending = 0;
        parser.pause();
      }
    },
    complete() {
      isDone = true;
    },
  });
  let resumes = 0;
  while (!isDone && handle !== null) {
    const before = rows;
    handle.resume();
    resumes++;
    if (rows === before && !isDone) throw new Error('Papa did not resume synchronously');
  }
  const parsed = performance.now();
  self.postMessage({
    type: 'parsed',
    rows,
    errors,
    resumes,
    bytes: buffer.byteLength,
    chars: text.length,
    readMs: read - started,
    decodeMs: decoded - read,
    parseMs: parsed - decoded,
  });
};
