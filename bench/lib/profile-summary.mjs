#!/usr/bin/env node
// Prints where a CPU profile's time went: the functions with the most self time, and the
// longest stretches between idle samples (the main-thread tasks a person would feel).
// Usage: node bench/lib/profile-summary.mjs bench/results/scale-4.cpuprofile [top]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.mjs <file.cpuprofile> [top]');
const profile = JSON.parse(readFileSync(file, 'utf8'));
const top = Number(topArg ?? 30);
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parent.set(child, node.id);

const where = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const short = url.replace(/^.*\/(node_modules\/\.vite\/deps|src|node_modules)\//, '$1/');
  return `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
};
const self = new Map();
const total = new Map();
let sampled = 0;
const idle = new Set(['(idle)', '(program)', '(garbage collector)']);
profile.samples.forEach((id, i) => {
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  sampled += dt;
  const node = nodes.get(id);
  const key = where(node);
  self.set(key, (self.get(key) ?? 0) + dt);
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const k = where(nodes.get(at));
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + dt);
  }
});
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [k, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${ms.toFixed(1).padStart(9)} ms  ${k}`);
};
console.log(`${file}: ${sampled.toFixed(0)} ms sampled`);
print('self time', self);
print('total time (with callees)', total);
// Busy stretches: consecutive samples that are not idle, and what the longest ones ran.
const stretches = [];
let current;
let t = profile.startTime / 1000;
profile.samples.forEach((id, i) => {
  t += (profile.timeDeltas[i] ?? 0) / 1000;
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  const node = nodes.get(id);
  if (idle.has(node.callFrame.functionName) && node.callFrame.functionName !== '(program)') {
    if (current) stretches.push(current);
    current = undefined;
    return;
  }
  current ??= { start: t, ms: 0, self: new Map() };
  current.ms = t + dt - current.start;
  const key = where(node);
  current.self.set(key, (current.self.get(key) ?? 0) + dt);
});
if (current) stretches.push(current);
stretches.sort((a, b) => b.ms - a.ms);
const at = (s) => `${(s.start - profile.startTime / 1000).toFixed(0)} ms in`;
console.log(
  `\nlongest busy stretches (ms): ${stretches
    .slice(0, 10)
    .map((s) => s.ms.toFixed(0))
    .join(', ')}`,
);
for (const stretch of stretches.slice(0, 3)) {
  console.log(`\n${stretch.ms.toFixed(0)} ms stretch, ${at(stretch)}:`);
  for (const [k, ms] of [...stretch.self].sort((a, b) => b[1] - a[1]).slice(0, 8))
    console.log(`${ms.toFixed(1).padStart(9)} ms  ${k}`);
}
