/*
 * Init script for the import benchmark's pages (page.addInitScript): measurement probes that the
 * bench drives with string expressions, `globalThis.__tesseraBench.<name>(…)`. Plain JS, because
 * it runs in the page as written (Playwright injects it through CDP, so the app's CSP does not
 * apply to it). Nothing here changes what the app does; it only observes.
 */
/* global document, MutationObserver, requestAnimationFrame, Worker */
(() => {
  const longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        longTasks.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API: the bench reports that none were seen and says why.
  }

  /** Clicks in capture phase, with the event's own timestamp (same clock as performance.now). */
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

  /**
   * Named conditions, checked on every DOM mutation: `domAt` is the first time it held (the
   * mutation's microtask), `paintedAt` the end of the frame that first showed it.
   */
  const conditions = {
    importedStatus(fileName, prefix) {
      for (const item of document.querySelectorAll('li[aria-label]')) {
        if (item.getAttribute('aria-label') !== fileName) continue;
        for (const status of item.querySelectorAll('[role="status"]')) {
          if (status.textContent.startsWith(prefix)) return status.textContent;
        }
      }
      return null;
    },
    /** The first data row shows its values (not the '…' placeholder); its id cell is `id`. */
    firstRow(id) {
      const row = document.querySelector('.record-table tbody tr[aria-rowindex="2"]');
      if (!row) return null;
      const cells = row.querySelectorAll('td');
      return cells.length > 2 && cells[1].textContent === id ? cells[1].textContent : null;
    },
    /** An element matching the selector exists. */
    exists(selector) {
      return document.querySelector(selector) ? selector : null;
    },
    /** Any element with this exact text inside the selector. */
    text(selector, text) {
      for (const element of document.querySelectorAll(selector)) {
        if (element.textContent === text) return text;
      }
      return null;
    },
  };

  const marks = {};
  const observers = {};
  /** Stops watching for a condition that has not held (yet). */
  function unwatch(name) {
    if (observers[name]) observers[name].disconnect();
  }
  function watch(name, condition, ...args) {
    const check = conditions[condition];
    const state = { domAt: null, paintedAt: null, value: null };
    marks[name] = state;
    const test = () => {
      if (state.domAt !== null) return;
      const value = check(...args);
      if (value === null) return;
      state.domAt = performance.now();
      state.value = value;
      observer.disconnect();
      void afterNextPaint().then((at) => {
        state.paintedAt = at;
      });
    };
    const observer = new MutationObserver(test);
    observers[name] = observer;
    observer.observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
    test();
  }

  let heapTimer = null;
  let heapSamples = [];
  function startHeap() {
    heapSamples = [];
    const sample = () => {
      if (performance.memory) heapSamples.push(performance.memory.usedJSHeapSize);
    };
    sample();
    heapTimer = setInterval(sample, 100);
  }
  function stopHeap() {
    clearInterval(heapTimer);
    return { samples: heapSamples.length, peak: heapSamples.length ? Math.max(...heapSamples) : 0 };
  }

  /** A file input of the bench's own, outside the app's tree, for the baseline's File. */
  function fileInput() {
    let input = document.getElementById('tessera-bench-file');
    if (!input) {
      input = document.createElement('input');
      input.type = 'file';
      input.id = 'tessera-bench-file';
      input.hidden = true;
      document.body.append(input);
    }
    return true;
  }

  /**
   * Runs a worker script from a blob URL (module-free, as the CSP's worker-src blob: allows) and
   * hands it the chosen file the way the app's picker does: bytes read in the page, wrapped in a
   * new Blob, structured-cloned with postMessage. Timed from that postMessage to the answer;
   * worker start-up is excluded (a ping first).
   */
  async function runWorker(workerSource, message) {
    const input = document.getElementById('tessera-bench-file');
    const file = input.files[0];
    const blob = new Blob([new Uint8Array(await file.arrayBuffer())]);
    const url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
    const worker = new Worker(url);
    const ask = (request) =>
      new Promise((resolve, reject) => {
        worker.onmessage = (event) => resolve(event.data);
        worker.onerror = (event) => reject(new Error(event.message || 'bench worker failed'));
        worker.postMessage(request);
      });
    try {
      await ask({ type: 'ping' });
      const posted = performance.now();
      const answer = await ask({ ...message, file: blob, fileName: file.name });
      return { ...answer, elapsedMs: performance.now() - posted };
    } finally {
      worker.terminate();
      URL.revokeObjectURL(url);
    }
  }

  function percentile(sorted, fraction) {
    return sorted.length === 0
      ? 0
      : sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
  }

  /**
   * What the frame about to be painted shows in the grid's visible part (below the sticky header):
   * 'blank' when rendered rows do not cover it (the virtualizer has not caught up with the
   * scroll), 'placeholder' when a visible row is still '…', else 'values'. Reads layout, which
   * the frame computes anyway.
   */
  function visibleState(scroller) {
    const view = scroller.getBoundingClientRect();
    // The header cells are sticky (the thead's own box scrolls away): they bound the view.
    let top = view.top;
    for (const cell of scroller.querySelectorAll('thead th')) {
      top = Math.max(top, cell.getBoundingClientRect().bottom);
    }
    const bottom = view.bottom - (scroller.offsetHeight - scroller.clientHeight);
    let minTop = Infinity;
    let maxBottom = -Infinity;
    let hasPlaceholder = false;
    for (const row of scroller.querySelectorAll('tbody tr[aria-rowindex]')) {
      const box = row.getBoundingClientRect();
      if (box.bottom <= top || box.top >= bottom) continue;
      minTop = Math.min(minTop, box.top);
      maxBottom = Math.max(maxBottom, box.bottom);
      const hint = row.querySelector('td.hint');
      if (hint && hint.textContent === '…') hasPlaceholder = true;
    }
    if (minTop > top + 1 || maxBottom < bottom - 1) return 'blank';
    return hasPlaceholder ? 'placeholder' : 'values';
  }

  function summarize(durations, budgetMs, jitterMs) {
    const sorted = [...durations].sort((left, right) => left - right);
    return {
      frames: durations.length,
      meanMs: durations.reduce((sum, value) => sum + value, 0) / (durations.length || 1),
      p50Ms: percentile(sorted, 0.5),
      p95Ms: percentile(sorted, 0.95),
      maxMs: sorted.at(-1) ?? 0,
      /** Over budget beyond rAF timestamp rounding (idle frames read 16.6–16.8 ms). */
      overBudget: durations.filter((value) => value > budgetMs + jitterMs).length,
      overBudgetRaw: durations.filter((value) => value > budgetMs).length,
    };
  }

  /**
   * Idle control: rAF frame durations on the same page with nothing scrolling, so the harness's
   * own frame clock (and its jitter) is known.
   */
  function idleFrames(durationMs) {
    return new Promise((resolve) => {
      const durations = [];
      let first = null;
      let last = null;
      const tick = (now) => {
        if (first === null) first = now;
        if (last !== null) durations.push(now - last);
        last = now;
        if (now - first >= durationMs) resolve(summarize(durations, 16.7, 1));
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }

  /**
   * Scrolls `.table-scroller` by `step` px every frame for `durationMs`, and every `jumpEvery`
   * frames by `jump` px instead (into another block). Records each frame's duration from rAF
   * timestamps and what that frame showed (see visibleState), measured right after the scroll
   * position is set, i.e. the state that frame paints (`inspect: false` skips that, to see what
   * the inspection itself costs). Frames up to 4 after a jump are reported apart from steady ones.
   */
  function scrollTest({
    durationMs,
    step,
    jumpEvery,
    jump,
    budgetMs = 16.7,
    jitterMs = 1,
    inspect = true,
  }) {
    const scroller = document.querySelector('.table-scroller');
    if (!scroller) throw new Error('no .table-scroller');
    const longBefore = longTasks.length;
    return new Promise((resolve) => {
      const all = [];
      const steady = [];
      const afterJump = [];
      const states = { values: 0, placeholder: 0, blank: 0 };
      let frame = 0;
      let lastJump = -Infinity;
      let first = null;
      let last = null;
      const tick = (now) => {
        if (first === null) first = now;
        if (last !== null) {
          const duration = now - last;
          all.push(duration);
          (frame - lastJump <= 4 ? afterJump : steady).push(duration);
        }
        last = now;
        if (now - first >= durationMs) {
          resolve({
            ...summarize(all, budgetMs, jitterMs),
            steady: summarize(steady, budgetMs, jitterMs),
            afterJump: summarize(afterJump, budgetMs, jitterMs),
            jumps: Math.floor(frame / jumpEvery),
            shown: states,
            finalScrollTop: scroller.scrollTop,
            scrollHeight: scroller.scrollHeight,
            longTasks: longTasks.slice(longBefore),
          });
          return;
        }
        frame++;
        if (frame % jumpEvery === 0) {
          scroller.scrollTop += jump;
          lastJump = frame;
        } else scroller.scrollTop += step;
        if (inspect) states[visibleState(scroller)]++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }

  globalThis.__tesseraBench = {
    longTasks,
    clicks,
    marks,
    watch,
    unwatch,
    startHeap,
    stopHeap,
    fileInput,
    runWorker,
    scrollTest,
    idleFrames,
    snapshot: () => ({ marks, clicks, longTasks }),
    firstRowCells: () =>
      Array.from(
        document.querySelectorAll('.record-table tbody tr[aria-rowindex="2"] td'),
        (cell) => cell.textContent,
      ),
  };
})();
