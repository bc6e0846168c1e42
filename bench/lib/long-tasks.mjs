#!/usr/bin/env node
// What each long main-thread task of a profiled bench phase did. Reads the phase's timeline
// trace (task boundaries, style and layout) and its CPU profile (the script running), both
// written by `MEDIALOFT_BENCH_PROFILE=1 pnpm bench scale` (or the trace alone with `=trace`), and prints for every task over the
// threshold: its start, its length, the time in style, layout and script, the script entry
// points, and the functions (outside React's own) that ran longest in it.
// Usage: node bench/lib/long-tasks.mjs bench/results/scale-2 [threshold ms, default 50]
// (profiles are numbered by phase: scale-1 is the host app's first render, scale-2 the opening)
import { existsSync, readFileSync } from 'node:fs';

const [base, thresholdArg] = process.argv.slice(2);
if (!base) throw new Error('usage: long-tasks.mjs <results/name> [threshold ms]');
const threshold = Number(thresholdArg ?? 50) * 1000;
const { traceEvents } = JSON.parse(readFileSync(`${base}.trace.json`, 'utf8'));
// Without a CPU profile (MEDIALOFT_BENCH_PROFILE=trace) there is no script breakdown.
const profile = existsSync(`${base}.cpuprofile`)
  ? JSON.parse(readFileSync(`${base}.cpuprofile`, 'utf8'))
  : { nodes: [], samples: [], timeDeltas: [], startTime: 0 };

// The page's main thread: the one that ran the most script.
const scriptTime = new Map();
for (const e of traceEvents)
  if (e.name === 'FunctionCall' && e.dur)
    scriptTime.set(e.tid, (scriptTime.get(e.tid) ?? 0) + e.dur);
const main = [...scriptTime].sort((a, b) => b[1] - a[1])[0]?.[0];
const onMain = traceEvents
  .filter((e) => e.tid === main && e.ph === 'X' && e.dur !== undefined)
  .sort((a, b) => a.ts - b.ts);
const tasks = onMain.filter((e) => e.name === 'RunTask' && e.dur >= threshold);
const origin = onMain[0]?.ts ?? 0;

// Profile samples on the trace's clock (both are the browser's monotonic microseconds).
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parent.set(child, node.id);
const samples = [];
let t = profile.startTime;
profile.samples.forEach((id, i) => {
  t += profile.timeDeltas[i] ?? 0;
  samples.push({ t, id, dt: profile.timeDeltas[i + 1] ?? 0 });
});
const frameName = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.split('/').pop().split('?')[0];
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
};
const reactInternal = /react-dom|react\.|scheduler|^\(/;

const ms = (us) => (us / 1000).toFixed(1);
for (const task of tasks) {
  const end = task.ts + task.dur;
  const inside = onMain.filter((e) => e.ts >= task.ts && e.ts + e.dur <= end && e !== task);
  const byName = new Map();
  for (const e of inside) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur);
  // performance.mark() calls made during the task (a debugging aid: mark what you suspect).
  const marks = traceEvents
    .filter((e) => e.cat?.includes('blink.user_timing') && e.ts >= task.ts && e.ts <= end)
    .map((e) => `${e.name} +${ms(e.ts - task.ts)}`);
  const entries = inside
    .filter(
      (e) => e.name === 'FunctionCall' || e.name === 'TimerFire' || e.name === 'EventDispatch',
    )
    .map((e) => {
      const data = e.args?.data ?? {};
      const what = data.functionName || data.type || e.name;
      const where = (data.url ?? '').split('/').pop().split('?')[0];
      return `${what}${where ? ` ${where}:${data.lineNumber ?? ''}` : ''} ${ms(e.dur)}`;
    });
  const functions = new Map();
  // How React spent it: rendering in slices or in one go, committing, running effects.
  const react = new Map();
  const phases =
    /^(renderRootSync|renderRootConcurrent|commitRoot|flushPassiveEffects|flushLayoutEffects|flushMutationEffects|performSyncWorkOnRoot|flushSpawnedWork) /;
  for (const sample of samples) {
    if (sample.t < task.ts || sample.t > end) continue;
    const seen = new Set();
    for (let id = sample.id; id !== undefined; id = parent.get(id)) {
      const name = frameName(nodes.get(id));
      if (phases.test(name) && !seen.has(name)) {
        const phase = name.split(' ')[0];
        react.set(phase, (react.get(phase) ?? 0) + sample.dt);
      }
      if (reactInternal.test(name) || seen.has(name)) continue;
      seen.add(name);
      functions.set(name, (functions.get(name) ?? 0) + sample.dt);
    }
  }
  // The thread's own CPU time in it: far less than the task's length means the thread waited
  // (for another thread, or for a core the machine's other processes held), not that it worked.
  const cpu = task.tdur === undefined ? '' : `, ${ms(task.tdur)} ms of it on the CPU`;
  console.log(`\n+${ms(task.ts - origin)} ms: task of ${ms(task.dur)} ms${cpu}`);
  // The kinds of work inside it, longest first (nested events count in each of theirs).
  const kinds = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 7);
  console.log(`  ${kinds.map(([k, us]) => `${k} ${ms(us)}`).join(', ')}`);
  console.log(`  React: ${[...react].map(([k, us]) => `${k} ${ms(us)}`).join(', ')}`);
  if (marks.length) console.log(`  marks: ${marks.join(', ')}`);
  console.log(`  entered by: ${entries.slice(0, 6).join('; ') || '(none)'}`);
  // Where the browser posted the task from (trace category 'toplevel'): names the tasks that
  // run no script, such as a garbage collector's sweep or an IPC message arriving.
  const posted = inside.find((e) => e.cat === 'toplevel' && e.args?.src_func);
  if (posted) {
    const file = posted.args.src_file.split('/').pop();
    console.log(`  posted from: ${file} ${posted.args.src_func.replace(/\(.*$/, '').slice(-80)}`);
  }
  // Layout and style that script forced (read before the browser would have done them), and
  // the script that forced them.
  for (const e of inside) {
    const stack = e.args?.beginData?.stackTrace;
    if ((e.name !== 'Layout' && e.name !== 'UpdateLayoutTree') || !stack?.length) continue;
    if (e.dur < 1000) continue;
    const where = stack
      .slice(0, 4)
      .map(
        (f) =>
          `${f.functionName || '(anonymous)'} ${f.url.split('/').pop().split('?')[0]}:${f.lineNumber + 1}`,
      )
      .join(' < ');
    console.log(`  forced ${e.name} ${ms(e.dur)} by ${where}`);
  }
  for (const [name, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 18))
    console.log(`  ${ms(us).padStart(7)} ms  ${name}`);
}
if (tasks.length === 0) console.log(`no task over ${ms(threshold)} ms on the main thread`);
