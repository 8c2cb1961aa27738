/** `npm run bench`: runs every benchmark, prints figures, writes bench/results.json and BENCHMARKS.md rows. */
import fs from 'node:fs';
import { machine, type Figure } from './harness.js';
import { benches } from './list.js';

const only = process.argv[2];
const m = machine();
const figures: Figure[] = [];
process.stdout.write(`machine: ${m.cores} cores, Node ${m.node}, ${m.cpu}\n`);
for (const [name, run] of benches) {
  if (only && !name.includes(only)) continue;
  process.stdout.write(`\n== ${name}\n`);
  const figs = await run();
  for (const f of figs) {
    process.stdout.write(`${f.pass ? 'ok  ' : 'MISS'} ${f.name}: ${fmt(f.value)} ${f.unit} (goal ${f.goal})${f.note ? ` — ${f.note}` : ''}\n`);
    figures.push(f);
  }
}
fs.mkdirSync('bench', { recursive: true });
fs.writeFileSync('bench/results.json', JSON.stringify({ machine: m, date: new Date().toISOString(), figures }, null, 2) + '\n');

const header = '| date | figure | value | unit | goal | met | machine |\n| --- | --- | --- | --- | --- | --- | --- |\n';
let md = fs.existsSync('BENCHMARKS.md') ? fs.readFileSync('BENCHMARKS.md', 'utf8') : '';
if (!md.includes('| date | figure |')) {
  md = '# Benchmarks\n\nRows are added by `npm run bench` (newest last). Goals come from the issues; `machine` is cores / Node / CPU.\n\n' + header;
}
const day = new Date().toISOString().slice(0, 10);
const mach = `${m.cores} cores / ${m.node} / ${m.cpu}`;
for (const f of figures) md += `| ${day} | ${f.name} | ${fmt(f.value)} | ${f.unit} | ${f.goal} | ${f.pass ? 'yes' : 'no'} | ${mach} |\n`;
fs.writeFileSync('BENCHMARKS.md', md);
process.stdout.write(`\nwrote bench/results.json and ${figures.length} rows to BENCHMARKS.md\n`);

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3);
}
