/**
 * Loaded with `node --import` into the export benchmark's child processes (bundled with esbuild):
 * samples process.memoryUsage() every 10 ms while the event loop turns and, on exit, writes the
 * peaks, the kernel's peak resident set (VmHWM) and the process's own start and end times to the
 * file named by EXPORT_BENCH_MEMORY. Samples cannot be taken inside a long synchronous stretch;
 * the bench also reads V8's own heap sizes at every GC from --trace-gc for that.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const target = process.env['EXPORT_BENCH_MEMORY'];
if (target !== undefined && target !== '') {
  const peaks = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0, samples: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    peaks.samples++;
    peaks.rss = Math.max(peaks.rss, usage.rss);
    peaks.heapUsed = Math.max(peaks.heapUsed, usage.heapUsed);
    peaks.heapTotal = Math.max(peaks.heapTotal, usage.heapTotal);
    peaks.external = Math.max(peaks.external, usage.external);
    peaks.arrayBuffers = Math.max(peaks.arrayBuffers, usage.arrayBuffers);
  };
  setInterval(sample, 10).unref();
  process.on('exit', () => {
    sample();
    let vmHwm: number | null = null;
    try {
      const kilobytes = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
      vmHwm = kilobytes === undefined ? null : Number(kilobytes) * 1024;
    } catch {
      // Not Linux: no kernel figure.
    }
    writeFileSync(
      target,
      JSON.stringify({
        ...peaks,
        vmHwm,
        startedAt: performance.timeOrigin,
        exitedAt: performance.timeOrigin + performance.now(),
      }),
    );
  });
}
