#!/usr/bin/env node
// The `tmd` command. The code lives in dist/tmd.js, built by `npm ci` (prepare) or `npm run build`.
import '../dist/tmd.js';
