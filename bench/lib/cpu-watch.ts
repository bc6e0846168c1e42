// What the CPU did during each long task of a Chromium bench, read from Linux's /proc by the
// Node process that drives the page while it runs: how long the page's main thread was on a core,
// how long it waited for one and how long it was blocked, and which other processes had the
// cores. A long
// task whose thread mostly waited or was blocked was not long work of the page's; one whose
// thread was on the CPU was. Without /proc (not Linux) the watch records nothing and says so.
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';

/** A window of wall-clock time (ms since the epoch), as the page measured a long task. */
export interface CpuWindow {
  start: number;
  end: number;
}

/**
 * Main-thread samples every 10 ms (one small file per renderer). With the process samples
 * below, the watch costs the bench's Node process about 80 ms of CPU per second while Chromium
 * runs (`process.cpuUsage`, user and system, over 5 s of watching a blank page; 98 ms when each
 * sample opened its file anew): a cost on the cores the page shares, which each window's
 * figures show as `node`.
 */
const MAIN_EVERY_MS = 10;
/** Per-process CPU every 50 ms (one file per process; its clock ticks are 10 ms). */
const PROCESS_EVERY_MS = 50;

interface MainSample {
  at: number;
  /** Per renderer pid: [ns on a CPU, ns waiting on a run queue]. */
  threads: Map<number, [number, number]>;
}

interface ProcessSample {
  at: number;
  /** Per process label: clock ticks of CPU (user + system) so far. */
  ticks: Map<string, number>;
  /** Every CPU's busy and total ticks, machine-wide. */
  busy: number;
  total: number;
}

interface Watch {
  mains: MainSample[];
  processes: ProcessSample[];
  timers: NodeJS.Timeout[];
}

let watch: Watch | undefined;

const now = () => performance.timeOrigin + performance.now();

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** The /proc files read at every sample, kept open: a read at offset 0 gives fresh figures. */
const sampled = new Map<string, number>();
const sampleBuffer = Buffer.alloc(4096);

/**
 * Reads a /proc file sampled many times a second (its first 4 kB, which hold every figure read
 * here), on a descriptor kept open: opening each file anew for every sample cost the watch
 * about a fifth more CPU, most of it the kernel's.
 */
function sample(path: string): string | undefined {
  let fd = sampled.get(path);
  try {
    if (fd === undefined) {
      fd = openSync(path, 'r');
      sampled.set(path, fd);
    }
    const length = readSync(fd, sampleBuffer, 0, sampleBuffer.length, 0);
    return sampleBuffer.toString('utf8', 0, length);
  } catch {
    // The process has exited.
    if (fd !== undefined) closeQuietly(fd);
    sampled.delete(path);
    return undefined;
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
}

function closeSampled(): void {
  for (const fd of sampled.values()) closeQuietly(fd);
  sampled.clear();
}

/** What a process is, for a reader: Chromium's process type, or the program's name. */
function label(pid: number): string | undefined {
  const cmdline = read(`/proc/${pid}/cmdline`);
  if (!cmdline) return undefined;
  // Chromium rewrites its children's command lines into one string with spaces.
  const args = cmdline.split(/[\0 ]/);
  const program = args[0]?.split('/').pop() ?? '';
  if (program.startsWith('chrom')) {
    const type = args.find((a) => a.startsWith('--type='))?.slice(7);
    const sub = args.find((a) => a.startsWith('--utility-sub-type='))?.slice(19);
    if (!type) return 'chromium browser';
    if (sub) return `chromium ${sub.split('.').at(-1)}`;
    return `chromium ${type}`;
  }
  return program || undefined;
}

function pids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/**
 * The processes a bench runs in (Chromium's, Node's for its driver and server, esbuild's), by
 * label; whatever else used the cores is the machine's busy share less theirs.
 */
function benchProcesses(): Map<number, string> {
  const labels = new Map<number, string>();
  for (const pid of pids()) {
    const name = label(pid);
    if (name && /^(chromium|node|esbuild)/.test(name)) labels.set(pid, name);
  }
  return labels;
}

function sampleMains(pidsToRead: number[]): MainSample {
  const threads = new Map<number, [number, number]>();
  for (const pid of pidsToRead) {
    const fields = sample(`/proc/${pid}/task/${pid}/schedstat`)?.trim().split(' ');
    if (fields && fields.length >= 2) threads.set(pid, [Number(fields[0]), Number(fields[1])]);
  }
  return { at: now(), threads };
}

function sampleProcesses(labels: Map<number, string>): ProcessSample {
  const ticks = new Map<string, number>();
  for (const [pid, name] of labels) {
    const stat = sample(`/proc/${pid}/stat`);
    if (!stat) continue;
    // Fields after the command's closing parenthesis; utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const used = Number(fields[11]) + Number(fields[12]);
    ticks.set(name, (ticks.get(name) ?? 0) + used);
  }
  const cpu = (sample('/proc/stat') ?? '').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number);
  const total = cpu?.reduce((sum, n) => sum + n, 0) ?? 0;
  // idle and iowait are the 4th and 5th.
  const busy = total - (cpu?.[3] ?? 0) - (cpu?.[4] ?? 0);
  return { at: now(), ticks, busy, total };
}

/** Starts sampling the renderers' main threads and every process's CPU. */
export function startCpuWatch(): void {
  if (watch) for (const timer of watch.timers) clearInterval(timer);
  if (read('/proc/stat') === undefined) {
    watch = undefined;
    return;
  }
  let labels = benchProcesses();
  const relabel = () => {
    labels = benchProcesses();
  };
  // The renderers' main threads: each has its process's own id.
  const mains = [...labels].filter(([, name]) => name === 'chromium renderer').map(([pid]) => pid);
  const current: Watch = {
    mains: [sampleMains(mains)],
    processes: [sampleProcesses(labels)],
    timers: [],
  };
  current.timers.push(
    setInterval(() => current.mains.push(sampleMains(mains)), MAIN_EVERY_MS),
    setInterval(() => current.processes.push(sampleProcesses(labels)), PROCESS_EVERY_MS),
    setInterval(relabel, 2_000),
  );
  // A run that fails before stopping the watch must not keep the bench's process alive.
  for (const timer of current.timers) timer.unref();
  watch = current;
}

/** A sampled counter's value at `at`, read linearly between the samples around it. */
function valueAt<S extends { at: number }>(
  samples: S[],
  at: number,
  value: (sample: S) => number | undefined,
): number | undefined {
  let after = samples.findIndex((s) => s.at >= at);
  if (after === -1) after = samples.length - 1;
  const next = samples[after];
  const previous = samples[Math.max(0, after - 1)];
  if (!next || !previous) return undefined;
  const a = value(previous);
  const b = value(next);
  if (a === undefined || b === undefined) return undefined;
  if (next.at === previous.at) return b;
  const share = Math.min(1, Math.max(0, (at - previous.at) / (next.at - previous.at)));
  return a + (b - a) * share;
}

/** One sentence per window: the busiest renderer main thread's CPU and wait, and the others. */
function describe(current: Watch, window: CpuWindow): string {
  const { start, end } = window;
  const delta = <S extends { at: number }>(samples: S[], value: (s: S) => number | undefined) => {
    const a = valueAt(samples, start, value);
    const b = valueAt(samples, end, value);
    return a === undefined || b === undefined ? 0 : b - a;
  };
  const pidsSeen = current.mains[0]?.threads.keys() ?? [];
  let main: { cpu: number; wait: number } | undefined;
  for (const pid of pidsSeen) {
    const cpu = delta(current.mains, (s) => s.threads.get(pid)?.[0]) / 1e6;
    const wait = delta(current.mains, (s) => s.threads.get(pid)?.[1]) / 1e6;
    if (!main || cpu + wait > main.cpu + main.wait) main = { cpu, wait };
  }
  const names = new Set(current.processes.flatMap((s) => [...s.ticks.keys()]));
  const tickMs = 10;
  const others = [...names]
    .map((name) => ({ name, ms: delta(current.processes, (s) => s.ticks.get(name)) * tickMs }))
    .filter((o) => o.ms >= 5)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 4);
  const total = delta(current.processes, (s) => s.total);
  const busy = total > 0 ? (delta(current.processes, (s) => s.busy) / total) * 100 : 0;
  // The rest of the window the thread slept: blocked on another thread (a garbage collection's
  // helper threads it waits to join, a synchronous call), not on the CPU or its queue.
  const blocked = main ? Math.max(0, end - start - main.cpu - main.wait) : 0;
  const mainText = main
    ? `main thread on a CPU ${main.cpu.toFixed(0)} ms, waiting for one ${main.wait.toFixed(0)} ms, ` +
      `blocked ${blocked.toFixed(0)} ms`
    : 'main thread not found';
  const othersText = others.map((o) => `${o.name} ${o.ms.toFixed(0)} ms`).join(', ');
  return `${mainText}; cores ${busy.toFixed(0)} % busy (${othersText || 'nothing else over 5 ms'})`;
}

/** Stops the watch and describes each window; empty where the machine has no /proc. */
export function stopCpuWatch(windows: CpuWindow[]): string[] {
  const current = watch;
  watch = undefined;
  if (!current) return windows.map(() => 'no /proc on this machine: CPU not watched');
  for (const timer of current.timers) clearInterval(timer);
  current.mains.push(sampleMains([...(current.mains[0]?.threads.keys() ?? [])]));
  closeSampled();
  return windows.map((window) => describe(current, window));
}
