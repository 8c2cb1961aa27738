/**
 * Self-contained HTML reports of a campaign, sweep, saturation or footprint output: one file with
 * inline CSS and inline SVG plots, no scripts and no external references (it reads offline and
 * archives as one file). Web addresses of sources are printed as plain text without their scheme,
 * so the document holds no link a browser would follow.
 *
 * The renderer is pure (data in, text out); src/cli/commands/report.ts gathers the data from the
 * output directory.
 */
import { xmlEscape } from './plot.js';

/** A table of the report. */
export interface ReportTable {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

/** A catalog type the scenario uses, with its sources. */
export interface ReportType {
  id: string;
  kind: string;
  name: string;
  file: string;
  sources: { id: string; citation: string; url?: string }[];
}

/** Everything a report shows. */
export interface ReportInput {
  title: string;
  /** campaign, sweep, saturation or footprint */
  kind: string;
  /** key facts (model, seed, replicas, …) */
  facts: [string, string][];
  tables: ReportTable[];
  plots: { caption: string; svg: string }[];
  /** modelling assumptions, one sentence each */
  assumptions: string[];
  types: ReportType[];
  scenario: { file: string; text: string } | null;
  /** files of the output directory, listed for the reader */
  files: string[];
}

const CSS = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:980px;color:#222;line-height:1.45;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.85rem}th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:right}
th{background:#f2f2f2}td:first-child,th:first-child{text-align:left}caption{text-align:left;font-weight:600;padding:.3rem 0}
pre{background:#f7f7f7;border:1px solid #e2e2e2;padding:.8rem;overflow:auto;font-size:.8rem;max-height:32rem}
figure{margin:1rem 0}figcaption{font-size:.85rem;color:#555}.facts td{text-align:left}.note{color:#666;font-size:.85rem}
ul.sources li{margin-bottom:.25rem}`;

/** Formats a table cell: numbers to 4 significant digits; non-finite and null as a dash. */
export function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '—'; // JSON writes NaN as null
  if (typeof v === 'number') return Number.isFinite(v) ? (Number.isInteger(v) ? String(v) : Number(v.toPrecision(4)).toString()) : '—';
  return v;
}

/** Removes the scheme of a web address (`https://a.b/c` → `a.b/c`): printed, never linked. */
export function plainAddress(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
}

/** Prepares an SVG for inlining in HTML5: no XML prolog, no namespace attributes (optional there). */
export function inlineSvg(svg: string): string {
  return svg
    .replace(/<\?xml[^>]*\?>\s*/g, '')
    .replace(/<!DOCTYPE[^>]*>\s*/gi, '')
    .replace(/\s+xmlns(:\w+)?="[^"]*"/g, '');
}

function table(t: ReportTable, cls = ''): string {
  const head = `<tr>${t.columns.map((c) => `<th>${xmlEscape(c)}</th>`).join('')}</tr>`;
  const body = t.rows.map((r) => `<tr>${r.map((v) => `<td>${xmlEscape(cell(v))}</td>`).join('')}</tr>`).join('\n');
  return `<table${cls ? ` class="${cls}"` : ''}><caption>${xmlEscape(t.caption)}</caption>\n${head}\n${body}\n</table>`;
}

/** The report as one HTML document (see the module comment). */
export function renderReport(r: ReportInput): string {
  const out: string[] = [];
  out.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">');
  out.push(`<title>${xmlEscape(r.title)}</title>`, `<style>${CSS}</style>`, '</head>', '<body>');
  out.push(`<h1>${xmlEscape(r.title)}</h1>`);
  out.push(`<p class="note">tmdsim ${xmlEscape(r.kind)} report. Intervals are 95 % (Wilson for probabilities, Student t for means, delta-method ratio intervals).</p>`);
  out.push(table({ caption: 'Run', columns: ['', ''], rows: r.facts }, 'facts'));
  if (r.tables.length) out.push('<h2>Results</h2>', ...r.tables.map((t) => table(t)));
  if (r.plots.length) {
    out.push('<h2>Plots</h2>');
    for (const p of r.plots) out.push(`<figure>${inlineSvg(p.svg)}<figcaption>${xmlEscape(p.caption)}</figcaption></figure>`);
  }
  out.push('<h2>Assumptions</h2>', '<ul>', ...r.assumptions.map((a) => `<li>${xmlEscape(a)}</li>`), '</ul>');
  out.push('<h2>Catalog types used and their sources</h2>');
  if (r.types.length === 0) out.push('<p>The scenario references no catalog types.</p>');
  for (const t of r.types) {
    out.push(`<h3>${xmlEscape(t.id)} (${xmlEscape(t.kind)}): ${xmlEscape(t.name)}</h3>`, `<p class="note">${xmlEscape(t.file)}</p>`, '<ul class="sources">');
    for (const s of t.sources) out.push(`<li>[${xmlEscape(s.id)}] ${xmlEscape(s.citation)}${s.url ? ` — ${xmlEscape(plainAddress(s.url))}` : ''}</li>`);
    out.push('</ul>');
  }
  if (r.scenario) {
    out.push('<h2>Scenario</h2>', `<p class="note">${xmlEscape(r.scenario.file)} (web addresses in comments are shown without their scheme)</p>`);
    out.push(`<pre>${xmlEscape(r.scenario.text.replace(/\b([a-z][a-z0-9+.-]*):\/\//gi, ''))}</pre>`);
  }
  if (r.files.length) out.push('<h2>Files</h2>', '<ul>', ...r.files.map((f) => `<li>${xmlEscape(f)}</li>`), '</ul>');
  out.push('</body>', '</html>');
  return out.join('\n') + '\n';
}
