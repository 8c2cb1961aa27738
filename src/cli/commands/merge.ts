/**
 * `tmd merge DIR... --out DIR [--json]`: combines the shard stores of one campaign (run with
 * `tmd campaign --shard K/N --out DIR_K`) into one store and prints the summary, identical to
 * that of a single run of the whole campaign (apart from `timing`).
 */
import type { Command } from 'commander';
import { mergeStores } from '../../campaign/index.js';
import { formatSummary } from './campaign.js';

export function register(program: Command): void {
  program
    .command('merge')
    .description('merge the shard stores of a campaign (tmd campaign --shard K/N) into one store and print its summary')
    .argument('<dirs...>', 'shard store directories (each from tmd campaign --shard K/N --out DIR)')
    .requiredOption('--out <dir>', 'new store directory for the merged campaign (must not exist or be empty)')
    .option('--json', 'print the summary as one JSON object')
    .action((dirs: string[], opts: { out: string; json?: boolean }) => {
      const r = mergeStores(dirs, opts.out);
      if (opts.json) process.stdout.write(JSON.stringify(r.summary) + '\n');
      else {
        process.stdout.write(formatSummary(r.summary));
        process.stdout.write(`merged ${r.shards} shard${r.shards === 1 ? '' : 's'}\nstore: ${r.store.file}\nrows: ${r.store.csv}\nsummary: ${r.store.summary}\n`);
      }
    });
}
