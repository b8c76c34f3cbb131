/**
 * How much CPU other processes took while a measurement ran (Linux /proc): the machine's busy
 * time minus this bench's own process tree (Node, Chromium and its renderers, the web server).
 * On a 2-core machine shared with other work, that is what makes timings noisy; the bench
 * reports it next to each figure rather than pretending the machine was idle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

const ticksPerSecond = 100; // USER_HZ on Linux

interface ProcStat {
  ppid: number;
  /** utime + stime + cutime + cstime: its own CPU and that of its reaped children. */
  ticks: number;
}

function readStat(pid: string): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const number = (index: number) => Number(fields[index] ?? 0);
    // After the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
    return { ppid: number(1), ticks: number(11) + number(12) + number(13) + number(14) };
  } catch {
    return null;
  }
}

/** CPU ticks of `root` and every live descendant (reaped ones are in their parents' cutime). */
function treeTicks(root: number): number {
  const stats = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat) stats.set(Number(entry), stat);
  }
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of stats) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let total = 0;
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    total += stats.get(pid)?.ticks ?? 0;
    pending.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Busy ticks of the whole machine (all cores), from the first line of /proc/stat. */
function machineBusyTicks(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
}

export interface Contention {
  wallSeconds: number;
  /** CPU seconds other processes used in the window. */
  othersCpuSeconds: number;
  /** That as a share of the machine's capacity (cores × wall time), 0–1. */
  othersShare: number;
}

/** Starts a window; the returned function ends it. Null figures where /proc is not readable. */
export function watchContention(): () => Contention | null {
  try {
    const started = Date.now();
    const machine = machineBusyTicks();
    const own = treeTicks(process.pid);
    return () => {
      const wallSeconds = (Date.now() - started) / 1000;
      const others = Math.max(0, machineBusyTicks() - machine - (treeTicks(process.pid) - own));
      const othersCpuSeconds = others / ticksPerSecond;
      return {
        wallSeconds: Math.round(wallSeconds * 10) / 10,
        othersCpuSeconds: Math.round(othersCpuSeconds * 10) / 10,
        othersShare:
          Math.round((othersCpuSeconds / Math.max(0.001, wallSeconds * cpus().length)) * 1000) /
          1000,
      };
    };
  } catch {
    return () => null;
  }
}

/**
 * Waits (up to `maxWaitMs`) for a `windowMs` window in which other processes took less than
 * `threshold` of the machine, so that a measurement does not start in the middle of someone
 * else's burst. Resolves with how long it waited and the last window's share.
 */
export async function waitForQuiet(
  maxWaitMs = 10_000,
  threshold = 0.1,
  windowMs = 1000,
): Promise<{ waitedMs: number; lastShare: number | null }> {
  const started = Date.now();
  for (;;) {
    const stop = watchContention();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const lastShare = stop()?.othersShare ?? null;
    const waitedMs = Date.now() - started;
    if (lastShare === null || lastShare < threshold || waitedMs >= maxWaitMs) {
      return { waitedMs, lastShare };
    }
  }
}
