/**
 * Node side of the catalog and of scenario files: finds the package root, reads
 * catalog/**\/*.yaml, and reads scenario files from disk. Everything else (parsing,
 * validation, located errors) is in the isomorphic src/scenario/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { userError } from '../errors.js';
import { catalogKinds, loadCatalog, parseScenario, type Catalog, type Scenario } from '../scenario/index.js';

/**
 * The tmdsim package root: the nearest ancestor of this module (src/cli/ under tsx/vitest,
 * dist/ when bundled) holding a package.json whose name is "tmdsim".
 */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (pkg.name === 'tmdsim') return dir;
    } catch {
      // no (readable) package.json here: keep walking up
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`tmdsim package root not found above ${from}`);
    dir = up;
  }
}

/** Every .yaml/.yml/.json file under `dir`, recursively, sorted, as paths relative to `base`. */
function listFiles(dir: string, base: string): { abs: string; rel: string }[] {
  const out: { abs: string; rel: string }[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const n of names) {
    const abs = join(dir, n);
    if (statSync(abs).isDirectory()) out.push(...listFiles(abs, base));
    else if (/\.(ya?ml|json)$/i.test(n)) out.push({ abs, rel: relative(base, abs).split(sep).join('/') });
  }
  return out;
}

/**
 * Reads and validates the catalog under `<root>/catalog` (default: the package's own).
 * Problems name files relative to the root (`catalog/missiles/nodong.yaml:3:1 range_km`).
 */
export function readCatalog(root: string = packageRoot()): Catalog {
  const files = listFiles(join(root, 'catalog'), root).map((f) => ({ path: f.rel, text: readFileSync(f.abs, 'utf8') }));
  return loadCatalog(files, catalogKinds);
}

/**
 * Reads a scenario file (YAML or JSON) and validates it against `catalog`. A missing or
 * unreadable file is a UserError naming the path.
 */
export function loadScenarioFile(path: string, catalog: Catalog): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw userError(path, 'no such file; expected a scenario file (.yaml or .json)');
    if (code === 'EISDIR') throw userError(path, 'found a directory, expected a scenario file (.yaml or .json)');
    throw userError(path, `cannot read the file (${code ?? (e as Error).message})`);
  }
  return parseScenario(text, path, catalog);
}
