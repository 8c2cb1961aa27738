/**
 * Writes schema/scenario.schema.json from the zod scenario schema (src/scenario/schema.ts).
 * Run: `npm run schema` (tsx scripts/gen-schema.ts). test/scenario/json-schema.test.ts checks
 * that the committed file equals what the schema produces now.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from '../src/scenario/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'schema', 'scenario.schema.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
process.stdout.write(`wrote ${out}\n`);
