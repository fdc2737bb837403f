// What a V8 heap snapshot (the JSON of HeapProfiler.takeHeapSnapshot) holds, by category:
// self sizes by node type and by name, the code of each script (its functions' shared
// infos, bytecode and metadata, found through their `script` edge), and the largest
// objects by retained size (a dominator tree over the strong edges) with a retainer path.
// Used by bench/heap-snapshot.ts, a tool for looking, not a metric.

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export interface Row {
  label: string;
  count: number;
  bytes: number;
}

export interface SnapshotSummary {
  totalBytes: number;
  byType: Row[];
  byName: Row[];
  byScript: Row[];
  retained: { label: string; retained: number; path: string }[];
}

export function summarizeSnapshot(raw: RawSnapshot, top = 25): SnapshotSummary {
  const { meta } = raw.snapshot;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const nTypeAt = meta.node_fields.indexOf('type');
  const nNameAt = meta.node_fields.indexOf('name');
  const nSizeAt = meta.node_fields.indexOf('self_size');
  const nEdgesAt = meta.node_fields.indexOf('edge_count');
  const eTypeAt = meta.edge_fields.indexOf('type');
  const eNameAt = meta.edge_fields.indexOf('name_or_index');
  const eToAt = meta.edge_fields.indexOf('to_node');
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const count = raw.nodes.length / nf;
  const type = (n: number) => nodeTypes[raw.nodes[n * nf + nTypeAt]!]!;
  const name = (n: number) => raw.strings[raw.nodes[n * nf + nNameAt]!]!;
  const size = (n: number) => raw.nodes[n * nf + nSizeAt]!;
  const firstEdge = new Uint32Array(count + 1);
  for (let n = 0; n < count; n += 1) firstEdge[n + 1] = firstEdge[n]! + raw.nodes[n * nf + nEdgesAt]!;
  const edgeType = (e: number) => edgeTypes[raw.edges[e * ef + eTypeAt]!]!;
  const edgeName = (e: number) => {
    const t = edgeType(e);
    const v = raw.edges[e * ef + eNameAt]!;
    return t === 'element' || t === 'hidden' ? `[${v}]` : raw.strings[v]!;
  };
  const edgeTo = (e: number) => raw.edges[e * ef + eToAt]! / nf;

  let totalBytes = 0;
  const byType = new Map<string, Row>();
  const byName = new Map<string, Row>();
  const add = (map: Map<string, Row>, label: string, bytes: number) => {
    const row = map.get(label) ?? { label, count: 0, bytes: 0 };
    row.count += 1;
    row.bytes += bytes;
    map.set(label, row);
  };
  for (let n = 0; n < count; n += 1) {
    const bytes = size(n);
    totalBytes += bytes;
    add(byType, type(n), bytes);
    const t = type(n);
    const label = t === 'string' || t === 'concatenated string' || t === 'sliced string' ? `${t}` : `${t}: ${name(n).slice(0, 60)}`;
    add(byName, label, bytes);
  }

  // Code per script: each SharedFunctionInfo has a `script` edge; it and what it alone
  // points to (bytecode, scope info, feedback metadata…) count for that script.
  const scriptName = (script: number) => {
    for (let e = firstEdge[script]!; e < firstEdge[script + 1]!; e += 1) {
      if (edgeName(e) === 'name' && type(edgeTo(e)).includes('string')) return name(edgeTo(e)) || '(anonymous)';
    }
    return `(script @${script})`;
  };
  const byScript = new Map<string, Row>();
  const counted = new Uint8Array(count);
  for (let n = 0; n < count; n += 1) {
    if (!name(n).includes('SharedFunctionInfo') && !(type(n) === 'code' && hasEdge(n, 'script'))) continue;
    let script = -1;
    for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e += 1) if (edgeName(e) === 'script') script = edgeTo(e);
    if (script < 0) continue;
    const label = scriptName(script);
    let bytes = 0;
    const own = [n];
    for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e += 1) {
      const to = edgeTo(e);
      const t = type(to);
      if ((t === 'code' || t === 'array' || t === 'hidden') && edgeName(e) !== 'script') own.push(to);
    }
    for (const o of own) if (!counted[o]) ((counted[o] = 1), (bytes += size(o)));
    add(byScript, label, bytes);
  }
  function hasEdge(n: number, label: string) {
    for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e += 1) if (edgeName(e) === label) return true;
    return false;
  }

  // Dominators (Cooper, Harvey, Kennedy) over strong edges from node 0, the root.
  const order: number[] = [];
  const postIndex = new Int32Array(count).fill(-1);
  const parent = new Int32Array(count).fill(-1);
  const parentEdge = new Int32Array(count).fill(-1);
  {
    const visited = new Uint8Array(count);
    const stack: number[] = [0];
    const cursor = new Uint32Array(count);
    visited[0] = 1;
    for (let n = 0; n < count; n += 1) cursor[n] = firstEdge[n]!;
    while (stack.length) {
      const n = stack[stack.length - 1]!;
      if (cursor[n]! < firstEdge[n + 1]!) {
        const e = cursor[n]!;
        cursor[n] = e + 1;
        if (edgeType(e) === 'weak' || edgeType(e) === 'shortcut') continue;
        const to = edgeTo(e);
        if (!visited[to]) ((visited[to] = 1), (parent[to] = n), (parentEdge[to] = e), stack.push(to));
      } else {
        stack.pop();
        postIndex[n] = order.length;
        order.push(n);
      }
    }
  }
  const preds: number[][] = Array.from({ length: count }, () => []);
  for (let n = 0; n < count; n += 1) {
    if (postIndex[n]! < 0) continue;
    for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e += 1) {
      if (edgeType(e) === 'weak' || edgeType(e) === 'shortcut') continue;
      const to = edgeTo(e);
      if (postIndex[to]! >= 0) preds[to]!.push(n);
    }
  }
  const idom = new Int32Array(count).fill(-1);
  idom[0] = 0;
  const intersect = (a: number, b: number) => {
    while (a !== b) {
      while (postIndex[a]! < postIndex[b]!) a = idom[a]!;
      while (postIndex[b]! < postIndex[a]!) b = idom[b]!;
    }
    return a;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = order.length - 1; i >= 0; i -= 1) {
      const n = order[i]!;
      if (n === 0) continue;
      let dom = -1;
      for (const p of preds[n]!) if (idom[p]! >= 0) dom = dom < 0 ? p : intersect(p, dom);
      if (dom >= 0 && idom[n] !== dom) ((idom[n] = dom), (changed = true));
    }
  }
  const retainedSize = new Float64Array(count);
  for (const n of order) retainedSize[n]! += size(n);
  for (const n of order) if (n !== 0 && idom[n]! >= 0 && idom[n] !== n) retainedSize[idom[n]!]! += retainedSize[n]!;
  // Largest retainers that are not roots or GC internals: objects, closures, arrays, strings.
  const interesting = order.filter((n) => ['object', 'closure', 'array', 'string', 'native', 'hidden', 'code'].includes(type(n)) && retainedSize[n]! > 10_000);
  interesting.sort((a, b) => retainedSize[b]! - retainedSize[a]!);
  const pathTo = (n: number) => {
    const steps: string[] = [];
    for (let at = n; parent[at]! > 0 && steps.length < 8; at = parent[at]!) steps.unshift(`${edgeName(parentEdge[at]!)}`.slice(0, 40));
    return steps.join(' → ');
  };
  const retained = interesting.slice(0, top).map((n) => ({ label: `${type(n)} ${name(n).slice(0, 60)}`, retained: retainedSize[n]!, path: pathTo(n) }));

  const sorted = (map: Map<string, Row>) => [...map.values()].sort((a, b) => b.bytes - a.bytes);
  return { totalBytes, byType: sorted(byType), byName: sorted(byName).slice(0, top), byScript: sorted(byScript).slice(0, top), retained };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function formatSummary(summary: SnapshotSummary): string {
  const table = (title: string, rows: Row[]) => [`### ${title}`, ...rows.map((r) => `  ${kb(r.bytes).padStart(10)}  ${String(r.count).padStart(6)}  ${r.label}`)].join('\n');
  return [
    `snapshot self sizes: ${kb(summary.totalBytes)}`,
    table('by node type', summary.byType),
    table('by name', summary.byName),
    table('code by script (shared function infos + their bytecode/metadata)', summary.byScript),
    ['### largest retained', ...summary.retained.map((r) => `  ${kb(r.retained).padStart(10)}  ${r.label}   ← ${r.path}`)].join('\n'),
  ].join('\n\n');
}
