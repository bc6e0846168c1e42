// Counts what a heap snapshot (bench/lib/devtools.ts, `MEDIALOFT_BENCH_PROFILE=heap`)
// holds: the heap by type and name; then each of the collector's roots, such as the global
// handles (the browser's handles to the page's objects; weak ones cost the collector to
// finalise) and the interned strings (every Map or Set key is interned), by what they point at.
// Usage (a snapshot over 100,000 assets is about 270 MB of JSON):
//   node --max-old-space-size=8000 bench/lib/heap-summary.mjs bench/results/scale-opened.heapsnapshot [rows]
import { readFileSync } from 'node:fs';

const [file, rowsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: heap-summary.mjs <file.heapsnapshot> [rows]');
const rows = Number(rowsArg ?? 25);
const snapshot = JSON.parse(readFileSync(file, 'utf8'));
const meta = snapshot.snapshot.meta;
const { nodes, edges, strings } = snapshot;
const nodeFields = meta.node_fields.length;
const edgeFields = meta.edge_fields.length;
const nodeTypes = meta.node_types[0];
const edgeTypes = meta.edge_types[0];
const nType = meta.node_fields.indexOf('type');
const nName = meta.node_fields.indexOf('name');
const nSize = meta.node_fields.indexOf('self_size');
const nEdges = meta.node_fields.indexOf('edge_count');
const eType = meta.edge_fields.indexOf('type');
const eName = meta.edge_fields.indexOf('name_or_index');
const eTo = meta.edge_fields.indexOf('to_node');

const firstEdge = new Uint32Array(nodes.length / nodeFields + 1);
for (let i = 0, e = 0; i < nodes.length / nodeFields; i++) {
  firstEdge[i] = e;
  e += nodes[i * nodeFields + nEdges] * edgeFields;
}
firstEdge[nodes.length / nodeFields] = edges.length;
const label = (node) =>
  `${nodeTypes[nodes[node + nType]]} ${strings[nodes[node + nName]].slice(0, 60)}`;

const tally = (map, key, size) => {
  const row = map.get(key) ?? { count: 0, size: 0 };
  row.count++;
  row.size += size;
  map.set(key, row);
};
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [key, { count, size }] of [...map]
    .sort((a, b) => b[1].count - a[1].count)
    .slice(0, rows))
    console.log(`${String(count).padStart(9)} ${(size / 1e6).toFixed(2).padStart(8)} MB  ${key}`);
};

const byConstructor = new Map();
for (let n = 0; n < nodes.length; n += nodeFields) tally(byConstructor, label(n), nodes[n + nSize]);
console.log(`${nodes.length / nodeFields} objects`);
print('objects by type and name', byConstructor);

// "(GC roots)" holds a node per kind of root: "(Global handles)", "(Internalized strings)"...
const children = (node) => {
  const out = [];
  const i = node / nodeFields;
  for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += edgeFields)
    out.push({ type: edgeTypes[edges[e + eType]], to: edges[e + eTo], name: edges[e + eName] });
  return out;
};
const roots = children(0).find(({ to }) => strings[nodes[to + nName]] === '(GC roots)');
for (const { to } of roots ? children(roots.to) : []) {
  const name = strings[nodes[to + nName]];
  const kids = children(to);
  const map = new Map();
  for (const { type, to: target } of kids)
    tally(map, `${type} → ${label(target)}`, nodes[target + nSize]);
  if (kids.length === 0) continue;
  console.log(`\n${name}: ${kids.length} edges`);
  if (/handles/i.test(name)) print(`${name} by edge type and target`, map);
}
