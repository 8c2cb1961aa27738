/** `tmd validate FILE...`: checks scenario files against the schema and the catalog. */
import type { Command } from 'commander';
import { UserError, type Problem } from '../../errors.js';
import { missileCount } from '../../scenario/index.js';
import { loadScenarioFile, readCatalog } from '../catalog-files.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function register(program: Command): void {
  program
    .command('validate')
    .description('check scenario files (YAML or JSON): prints "FILE: ok (…)" or every problem with file:line:col and path; exit 2 on problems')
    .argument('<files...>', 'scenario files')
    .option('--json', 'print one JSON array: per file {file, ok, threats, missiles, assets, problems[]}')
    .action(async (files: string[], opts: { json?: boolean }) => {
      const catalog = readCatalog();
      const problems: Problem[] = [];
      const report: unknown[] = [];
      for (const file of files) {
        try {
          const s = loadScenarioFile(file, catalog);
          const summary = { file, ok: true, threats: s.threats.length, missiles: missileCount(s), assets: s.assets.length, problems: [] };
          report.push(summary);
          if (!opts.json) {
            const salvo = summary.missiles !== summary.threats ? `, ${plural(summary.missiles, 'missile')}` : '';
            process.stdout.write(`${file}: ok (${plural(summary.threats, 'threat')}${salvo}, ${plural(summary.assets, 'asset')})\n`);
          }
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
          problems.push(...e.problems);
          report.push({ file, ok: false, problems: e.problems });
        }
      }
      if (opts.json) {
        // One JSON value on stdout; the problems also go to stderr (one line each) with exit 2.
        process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      }
      if (problems.length) throw new UserError(problems);
    });
}
