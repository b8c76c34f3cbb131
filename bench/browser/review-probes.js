/*
 * Init script for the review benchmark's page (page.addInitScript): it times, inside the page,
 * each keypress until the frame that shows its outcome. Plain JS, run as written (Playwright
 * injects it through CDP, so the app's CSP does not apply). It only observes the app, except for
 * the baseline's own element, which lives outside the app's tree.
 */
/* global document, MutationObserver, requestAnimationFrame */
(() => {
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

  const longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        longTasks.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API: the bench reports none.
  }

  /** The pair on screen: its id and question, so two pairs with one question still differ. */
  function shownPair() {
    const article = document.querySelector('article[data-pair-id]');
    const question = document.querySelector('[data-testid="current-question"]');
    if (!article || !question) return null;
    return `${article.getAttribute('data-pair-id')}|${question.textContent}`;
  }

  /**
   * App keys: from the keydown's own timestamp (when the browser took the key) to the end of the
   * frame that first shows another pair. `domMs` is when the DOM changed, `paintMs` when painted.
   */
  const samples = [];
  let pending = null;
  let isArmed = false;
  document.addEventListener(
    'keydown',
    (event) => {
      if (!isArmed || event.key === 'x') return;
      pending = { key: event.key, at: event.timeStamp, before: shownPair() };
    },
    true,
  );
  /**
   * The newest of "Your recent decisions": it changes once a decision is stored and the queue's
   * data has been read again, which is when a decision has settled.
   */
  const recents = [];
  function recentTop() {
    const top = document.querySelector('.pair-list li .question');
    return top ? top.textContent : null;
  }
  new MutationObserver(() => {
    const top = recentTop();
    if (top !== null && top !== recents.at(-1)?.text)
      recents.push({ at: performance.now(), text: top });
  }).observe(document, { subtree: true, childList: true, characterData: true });

  new MutationObserver(() => {
    if (pending === null) return;
    const shown = shownPair();
    if (shown === null || shown === pending.before) return;
    const { key, at } = pending;
    pending = null;
    const domAt = performance.now();
    void afterNextPaint().then((paintedAt) => {
      samples.push({ key, at, domMs: domAt - at, paintMs: paintedAt - at, shown });
    });
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });

  /**
   * The baseline: the same measurement for a key whose whole handling is one text change in an
   * element of the bench's own, outside React — the least any keypress-to-paint can cost here.
   */
  const bareSamples = [];
  let bare = null;
  document.addEventListener(
    'keydown',
    (event) => {
      if (!isArmed || event.key !== 'x' || bare === null) return;
      const at = event.timeStamp;
      bare.textContent = String(bareSamples.length + 1);
      const domAt = performance.now();
      void afterNextPaint().then((paintedAt) => {
        bareSamples.push({ domMs: domAt - at, paintMs: paintedAt - at });
      });
    },
    true,
  );

  /** Frame-to-frame times over `ms` of an idle page. */
  function idleFrames(ms) {
    return new Promise((resolve) => {
      const times = [];
      const started = performance.now();
      const step = (now) => {
        times.push(now);
        if (now - started < ms) requestAnimationFrame(step);
        else resolve(times.slice(1).map((time, index) => time - times[index]));
      };
      requestAnimationFrame(step);
    });
  }

  globalThis.__tesseraReviewBench = {
    arm() {
      isArmed = true;
      if (bare === null) {
        bare = document.createElement('output');
        bare.id = 'tessera-bench-bare';
        bare.style.cssText = 'position:fixed;right:4px;bottom:4px;font:12px monospace';
        document.body.append(bare);
      }
      return true;
    },
    disarm() {
      isArmed = false;
      return true;
    },
    count() {
      return samples.length;
    },
    bareCount() {
      return bareSamples.length;
    },
    samples() {
      return samples;
    },
    bareSamples() {
      return bareSamples;
    },
    shown() {
      return shownPair();
    },
    recents() {
      return recents;
    },
    idleFrames,
    longTasksSince(start) {
      return longTasks.filter((task) => task.start + task.duration >= start);
    },
    now() {
      return performance.now();
    },
  };
})();
