import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * Summarises a V8 .cpuprofile: self time by function and by file, and inclusive time of the
 * functions named, each in µs per record. `node --import tsx bench/profile-summary.ts FILE
 * RECORDS [TOP] [fn,fn,…]`.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export function summarise(file: string, records: number, top = 40, inclusive: string[] = []): string {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfById = new Map<number, number>();
  p.samples.forEach((id, i) => selfById.set(id, (selfById.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const shortUrl = (u: string) => u.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, 'nm:').replace(/^.*\/work\/main\//, '');
  const fnKey = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const selfFn = new Map<string, number>();
  const selfFile = new Map<string, number>();
  const incl = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfById) {
    const n = byId.get(id)!;
    total += us;
    selfFn.set(fnKey(n), (selfFn.get(fnKey(n)) ?? 0) + us);
    const f = shortUrl(n.callFrame.url) || n.callFrame.functionName;
    selfFile.set(f, (selfFile.get(f) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const name = byId.get(cur)!.callFrame.functionName;
      if (inclusive.includes(name) && !seen.has(name)) {
        seen.add(name);
        incl.set(name, (incl.get(name) ?? 0) + us);
      }
    }
  }
  const per = (us: number) => (us / records).toFixed(1).padStart(8);
  const idle = selfFn.get('(idle) :0') ?? 0;
  const lines = [`total ${(total / 1e6).toFixed(2)} s sampled, ${per(total)} µs/record (busy ${per(total - idle)})`, '', 'self time by file (µs/record):'];
  for (const [k, v] of [...selfFile].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`${per(v)}  ${k}`);
  lines.push('', 'self time by function (µs/record):');
  for (const [k, v] of [...selfFn].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`${per(v)}  ${k}`);
  if (inclusive.length) {
    lines.push('', 'inclusive (µs/record):');
    for (const name of inclusive) lines.push(`${per(incl.get(name) ?? 0)}  ${name}`);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, records, top, fns] = process.argv.slice(2);
  console.log(summarise(file, Number(records), Number(top ?? 40), fns ? fns.split(',') : []));
}
