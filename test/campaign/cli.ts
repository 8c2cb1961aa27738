/**
 * Builds the `tmd` CLI and the campaign worker with esbuild (same options as scripts/build.mjs)
 * into a private folder under node_modules/.cache (so npm packages resolve), and runs it.
 * The campaign tests need the bundle: worker threads load dist-style `campaign-worker.js`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

export const ROOT = path.resolve(import.meta.dirname, '../..');
let built: Promise<string> | undefined;

/** Builds once per test process; returns the path of tmd.js. */
export function buildCli(): Promise<string> {
  built ??= (async () => {
    const outdir = path.join(ROOT, 'node_modules', '.cache', 'tmdsim-campaign-test', String(process.pid));
    fs.mkdirSync(outdir, { recursive: true });
    await build({
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
      define: { DEBUG: 'false' },
      packages: 'external',
      banner: { js: "import { createRequire as __tmdCreateRequire } from 'node:module'; const require = __tmdCreateRequire(import.meta.url);" },
      entryPoints: { tmd: path.join(ROOT, 'src/cli/main.ts'), 'campaign-worker': path.join(ROOT, 'src/campaign/worker.ts') },
      outdir,
    });
    return path.join(outdir, 'tmd.js');
  })();
  return built;
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Spawns the built CLI; `onSpawn` gets the child (to kill it). */
export async function tmd(args: string[], onSpawn?: (c: ChildProcess) => void): Promise<Run> {
  const cli = await buildCli();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    onSpawn?.(child);
  });
}

/** The summary JSON without its `timing` member, re-serialised. */
export function withoutTiming(stdout: string): string {
  const j = JSON.parse(stdout) as Record<string, unknown>;
  delete j.timing;
  return JSON.stringify(j);
}

/** A fresh temporary directory (removed by the caller or left in the OS temp dir). */
export function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), `tmd-${name}-`));
}
