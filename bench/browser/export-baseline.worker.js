/*
 * The export benchmark's baseline, in a module-free blob worker on the app's page: the plainest
 * export of the same pairs there is. It opens the app's IndexedDB database ("tessera", at
 * whatever version the app left it) with the raw API, walks every qaPairs row of the project
 * with a cursor on the projectId index, and writes `JSON.stringify(row) + '\n'` per row into a
 * file of the origin-private file system through a FileSystemWritableFileStream, gathering the
 * strings into ~64 KB chunks as the app's writer does (shared/export/stream.ts). No filtering,
 * curation, de-identification, hashing or formatting.
 *
 * 'bare-write' then writes the same bytes again, read back from that file beforehand, to a second
 * file in 64 KB chunks: what the file system alone costs.
 */
/* global self, indexedDB, IDBKeyRange */
const chunkChars = 64 * 1024;

function request(result) {
  return new Promise((resolve, reject) => {
    result.onsuccess = () => resolve(result.result);
    result.onerror = () => reject(result.error);
  });
}

async function exportRows(projectId, fileName) {
  const started = performance.now();
  const root = await navigator.storage.getDirectory();
  const handle = await root.getFileHandle(fileName, { create: true });
  const writable = await handle.createWritable();
  const db = await request(indexedDB.open('tessera'));
  const opened = performance.now();
  const encoder = new TextEncoder();
  let rows = 0;
  let bytes = 0;
  let chunks = 0;
  let pending = [];
  let pendingChars = 0;
  // Writes are queued, not awaited, inside the cursor: awaiting anything but the database would
  // let the transaction commit under the cursor. The stream keeps them in order.
  let writing = Promise.resolve();
  const flush = () => {
    if (pending.length === 0) return;
    const data = encoder.encode(pending.join(''));
    pending = [];
    pendingChars = 0;
    bytes += data.byteLength;
    chunks++;
    writing = writing.then(() => writable.write(data));
  };
  await new Promise((resolve, reject) => {
    const transaction = db.transaction('qaPairs', 'readonly');
    const cursor = transaction
      .objectStore('qaPairs')
      .index('projectId')
      .openCursor(IDBKeyRange.only(projectId));
    cursor.onsuccess = () => {
      const current = cursor.result;
      if (!current) return;
      const line = JSON.stringify(current.value) + '\n';
      pending.push(line);
      pendingChars += line.length;
      rows++;
      if (pendingChars >= chunkChars) flush();
      current.continue();
    };
    cursor.onerror = () => reject(cursor.error);
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
  });
  const read = performance.now();
  flush();
  await writing;
  await writable.close();
  db.close();
  const closed = performance.now();
  return {
    type: 'exported',
    rows,
    bytes,
    chunks,
    openMs: opened - started,
    readMs: read - opened,
    drainMs: closed - read,
    workerMs: closed - started,
  };
}

async function bareWrite(fromName, toName) {
  const root = await navigator.storage.getDirectory();
  const source = await (await root.getFileHandle(fromName)).getFile();
  const data = new Uint8Array(await source.arrayBuffer());
  const started = performance.now();
  const writable = await (await root.getFileHandle(toName, { create: true })).createWritable();
  let chunks = 0;
  for (let offset = 0; offset < data.byteLength; offset += chunkChars) {
    // A copy, as each encoded chunk of the baseline is its own buffer.
    await writable.write(data.slice(offset, offset + chunkChars));
    chunks++;
  }
  await writable.close();
  return {
    type: 'written',
    bytes: data.byteLength,
    chunks,
    workerMs: performance.now() - started,
  };
}

self.onmessage = (event) => {
  const message = event.data;
  const answer =
    message.type === 'ping'
      ? Promise.resolve({ type: 'pong' })
      : message.type === 'export'
        ? exportRows(message.projectId, message.fileName)
        : message.type === 'bare-write'
          ? bareWrite(message.fromName, message.toName)
          : Promise.reject(new Error(`unknown request ${message.type}`));
  answer.then(
    (result) => self.postMessage(result),
    (error) => self.postMessage({ type: 'failed', message: String(error && error.message) }),
  );
};
