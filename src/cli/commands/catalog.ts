/** `tmd catalog [ID]`: lists the catalog of notional types, or shows one with its sources. */
import type { Command } from 'commander';
import { Document, isScalar, isSeq, visit } from 'yaml';
import { suggestion, userError } from '../../errors.js';
import { CATALOG_KINDS, type CatalogEntry } from '../../scenario/index.js';
import { parseChoice } from '../parse.js';
import { readCatalog } from '../catalog-files.js';

const COMMON = new Set(['id', 'kind', 'name', 'description', 'sources', 'file']);

function summary(e: CatalogEntry): Record<string, unknown> {
  const o: Record<string, unknown> = { id: e.id, kind: e.kind, name: e.name };
  if (e.kind === 'missile' && typeof e.range_km === 'number') o.range_km = e.range_km;
  return o;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows.map((r) => r.map((c, j) => (j === r.length - 1 ? c : c.padEnd(widths[j]))).join('  ').trimEnd()).join('\n') + '\n';
}

function details(e: CatalogEntry): string {
  const lines = [`${e.id} (${e.kind}): ${e.name}`, `file: ${e.file}`];
  if (e.description) lines.push('', e.description.trim());
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) if (!COMMON.has(k)) rest[k] = v;
  if (Object.keys(rest).length) {
    // Lists of plain values (tables such as cd_mach rows) print on one line each.
    const doc = new Document(rest);
    visit(doc, {
      Seq(_, node) {
        if (node.items.every((it) => isScalar(it) || (isSeq(it) && it.items.every(isScalar)))) node.flow = node.items.every(isScalar);
      },
    });
    lines.push('', doc.toString({ lineWidth: 0 }).trimEnd());
  }
  lines.push('', 'sources:');
  for (const s of e.sources) lines.push(`  [${s.id}] ${s.citation}${s.url ? ` <${s.url}>` : ''}`);
  return lines.join('\n') + '\n';
}

export function register(program: Command): void {
  program
    .command('catalog')
    .description('list the catalog of notional missile, radar and interceptor types, or show one with its sources')
    .argument('[id]', 'a type id to show in full')
    .option('--kind <kind>', `only this kind (${CATALOG_KINDS.join(', ')})`)
    .option('--json', 'print JSON: an array of {id, kind, name, range_km?}, or the full entry for ID')
    .action(async (id: string | undefined, opts: { kind?: string; json?: boolean }) => {
      const kind = opts.kind === undefined ? undefined : parseChoice('--kind', opts.kind, CATALOG_KINDS);
      const catalog = readCatalog();
      const entries = catalog.all().filter((e) => kind === undefined || e.kind === kind);
      if (id !== undefined) {
        const e = entries.find((x) => x.id === id);
        if (!e) {
          const ids = entries.map((x) => x.id);
          const hint = suggestion(id, ids);
          throw userError('ID', `found '${id}', expected a catalog id${hint || (ids.length ? ` (one of ${ids.join(', ')})` : ' (the catalog is empty)')}`);
        }
        process.stdout.write(opts.json ? JSON.stringify(e, null, 2) + '\n' : details(e));
        return;
      }
      if (opts.json) {
        process.stdout.write(JSON.stringify(entries.map(summary), null, 2) + '\n');
        return;
      }
      if (entries.length === 0) {
        process.stdout.write('the catalog is empty\n');
        return;
      }
      const rows = [['ID', 'KIND', 'NAME', 'RANGE_KM']];
      for (const e of entries) rows.push([e.id, e.kind, e.name, e.kind === 'missile' && typeof e.range_km === 'number' ? String(e.range_km) : '']);
      process.stdout.write(table(rows));
    });
}
