/** Replaced at build time: `true` in tests, `false` in release bundles (esbuild/vitest `define`). */
declare const DEBUG: boolean;
