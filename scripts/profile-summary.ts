/**
 * A CPU profile (.cpuprofile, from node --cpu-prof or bench-render.ts's BENCH_PROFILE) summed up: the
 * functions with the most time of their own, and those with the most time under them (each counted once
 * per sample however deep it recurs), as shares of the profile. Run:
 * node --import tsx scripts/profile-summary.ts FILE.cpuprofile [how many, default 30] [only functions whose place contains this]
 */
import fs from 'node:fs';
import path from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, howMany = '30', only = ''] = process.argv.slice(2);
if (!file) throw new Error('which profile?');
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const place = (n: Node) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const where = url ? `${path.relative(process.cwd(), url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
};

const own = new Map<string, number>();
const under = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  const leaf = byId.get(id);
  if (!leaf) return;
  own.set(place(leaf), (own.get(place(leaf)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let n: Node | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) {
    const p = place(n);
    if (seen.has(p)) continue;
    seen.add(p);
    under.set(p, (under.get(p) ?? 0) + dt);
  }
});

const idle = own.get('(idle)') ?? 0;
console.log(`${(total / 1000).toFixed(0)} ms sampled, ${(((total - idle) / total) * 100).toFixed(1)} % busy\n`);
for (const [title, map] of [
  ['own time', own],
  ['time under', under],
] as const) {
  console.log(`${title}:`);
  const rows = [...map].filter(([p]) => p.includes(only)).sort((a, b) => b[1] - a[1]);
  for (const [p, us] of rows.slice(0, Number(howMany))) {
    console.log(`${((us / total) * 100).toFixed(1).padStart(5)} %  ${p}`);
  }
  console.log();
}
