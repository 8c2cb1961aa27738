// Bundles the `tmd` command and the benchmarks with esbuild into dist/.
// Runs on `npm ci` / `npm install` (the `prepare` script), so a fresh clone is ready to use.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Debug-only argument checks are compiled out of release builds (see STYLE.md, CesiumJS).
  define: { DEBUG: 'false' },
  // Keep npm packages external: they are installed beside dist/ and some ship native code.
  packages: 'external',
  banner: { js: "import { createRequire as __tmdCreateRequire } from 'node:module'; const require = __tmdCreateRequire(import.meta.url);" },
};

// The campaign worker threads load their own entry point (piscina), beside tmd.js.
await build({ ...common, entryPoints: { tmd: 'src/cli/main.ts', bench: 'bench/main.ts', 'campaign-worker': 'src/campaign/worker.ts' }, outdir: 'dist' });
