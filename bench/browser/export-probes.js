/*
 * Init script for the export benchmark's page (page.addInitScript), driven from bench/export.ts
 * with string expressions, `globalThis.__tesseraExportBench.<name>(…)`. Plain JS: it runs in the
 * page as written (Playwright injects it through CDP, so the app's CSP does not apply to it).
 *
 * - The folder picker hands back the origin-private file system, as e2e/web/folder-export.spec.ts
 *   does: Playwright cannot click a native picker, and the handle is of the same type.
 * - Clicks (capture phase, event timestamps) and named DOM conditions with the time they first
 *   held, so the export is timed inside the page from the click to the "Exported …" status.
 * - Long main-thread tasks and performance.memory samples of the page.
 * - The baseline: a module-free blob worker (bench/browser/export-baseline.worker.js) started,
 *   asked and stopped in separate steps, so that the bench can attach to it over CDP meanwhile.
 * - Reading back what the export wrote into the origin-private file system, for the checks.
 */
/* global document, MutationObserver, requestAnimationFrame, Worker, window */
(() => {
  window.showDirectoryPicker = () => navigator.storage.getDirectory();

  const longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API: none are reported.
  }

  const clicks = [];
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target;
      const button = target && target.closest ? target.closest('button') : null;
      clicks.push({ at: event.timeStamp, text: button ? button.textContent.trim() : '' });
    },
    true,
  );

  /** Resolves after the next frame has been produced: a rAF, then a task queued from it. */
  function afterNextPaint() {
    return new Promise((resolve) => {
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      });
    });
  }

  /** name → { domAt, paintedAt, value }: when an element matching `selector` first had text starting with `prefix`. */
  const marks = {};
  function watch(name, selector, prefix) {
    const state = { domAt: null, paintedAt: null, value: null };
    marks[name] = state;
    const test = () => {
      if (state.domAt !== null) return;
      for (const element of document.querySelectorAll(selector)) {
        const text = element.textContent || '';
        if (!text.startsWith(prefix)) continue;
        state.domAt = performance.now();
        state.value = text;
        observer.disconnect();
        void afterNextPaint().then((at) => {
          state.paintedAt = at;
        });
        return;
      }
    };
    const observer = new MutationObserver(test);
    observer.observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
    test();
    return true;
  }

  let heapTimer = null;
  let heapPeak = 0;
  let heapSamples = 0;
  function startHeap() {
    heapPeak = 0;
    heapSamples = 0;
    const sample = () => {
      if (!performance.memory) return;
      heapSamples++;
      heapPeak = Math.max(heapPeak, performance.memory.usedJSHeapSize);
    };
    sample();
    heapTimer = setInterval(sample, 100);
    return true;
  }
  function stopHeap() {
    clearInterval(heapTimer);
    return { samples: heapSamples, peak: heapPeak };
  }

  let baseline = null;
  function ask(request) {
    return new Promise((resolve, reject) => {
      baseline.onmessage = (event) => resolve(event.data);
      baseline.onerror = (event) =>
        reject(new Error(event.message || 'the baseline worker failed'));
      baseline.postMessage(request);
    });
  }
  /** Starts the baseline worker and waits until it answers, so start-up is not timed. */
  async function startBaseline(source) {
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    baseline = new Worker(url);
    URL.revokeObjectURL(url);
    await ask({ type: 'ping' });
    return true;
  }
  /** One request to the baseline worker, timed from postMessage to its answer. */
  async function runBaseline(request) {
    const posted = performance.now();
    const answer = await ask(request);
    if (answer.type === 'failed') throw new Error(answer.message);
    return { ...answer, elapsedMs: performance.now() - posted };
  }
  function stopBaseline() {
    if (baseline) baseline.terminate();
    baseline = null;
    return true;
  }

  async function entries(directory) {
    const found = [];
    for await (const [name, handle] of directory.entries()) found.push([name, handle]);
    return found;
  }

  /** Folders and files at the root of the origin-private file system. */
  async function opfsRoot() {
    const root = await navigator.storage.getDirectory();
    return (await entries(root)).map(([name, handle]) => ({ name, kind: handle.kind }));
  }

  async function removeFromOpfs(name) {
    const root = await navigator.storage.getDirectory();
    await root.removeEntry(name, { recursive: true });
    return true;
  }

  async function fileAt(folder, path) {
    let directory = folder;
    const parts = path.split('/');
    const name = parts.pop();
    for (const part of parts) directory = await directory.getDirectoryHandle(part);
    return (await directory.getFileHandle(name)).getFile();
  }

  /** Lines (newline bytes), size and SHA-256 of a file, read a stream chunk at a time for the count. */
  async function describeFile(file) {
    let lines = 0;
    const reader = file.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let index = value.indexOf(10); index !== -1; index = value.indexOf(10, index + 1))
        lines++;
    }
    const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
    const sha256 = Array.from(new Uint8Array(digest), (byte) =>
      byte.toString(16).padStart(2, '0'),
    ).join('');
    return { bytes: file.size, lines, sha256 };
  }

  /** The export folder's manifest and, for each of `paths`, its lines, size and hash. */
  async function readExport(folderName, paths) {
    const root = await navigator.storage.getDirectory();
    const folder = await root.getDirectoryHandle(folderName);
    const manifest = JSON.parse(await (await fileAt(folder, 'manifest.json')).text());
    const files = {};
    for (const path of paths) files[path] = await describeFile(await fileAt(folder, path));
    const listing = [];
    const walk = async (directory, prefix) => {
      for (const [name, handle] of await entries(directory)) {
        if (handle.kind === 'directory') await walk(handle, `${prefix}${name}/`);
        else listing.push(`${prefix}${name}`);
      }
    };
    await walk(folder, '');
    return { manifest, files, listing: listing.sort() };
  }

  globalThis.__tesseraExportBench = {
    watch,
    startHeap,
    stopHeap,
    startBaseline,
    runBaseline,
    stopBaseline,
    opfsRoot,
    removeFromOpfs,
    readExport,
    now: () => performance.now(),
    snapshot: () => ({ marks, clicks, longTasks }),
  };
})();
