/**
 * Test-only catalog: three minimal missile entries built in memory (independent of catalog/),
 * checked with permissive kind schemas: scenario tests only need the ids.
 */
import { z } from 'zod';
import { catalogBase, loadCatalog, type Catalog } from '../../src/scenario/index.js';

/** A minimal entry with only the fields every catalog entry shares (use with `looseKinds`). */
export function missileFile(id: string, range_km = 300): { path: string; text: string } {
  return {
    path: `catalog/missiles/${id}.yaml`,
    text: [
      `id: ${id}`,
      'kind: missile',
      `name: ${id} (test)`,
      'description: a test entry',
      `range_km: ${range_km}`,
      'sources:',
      "  - { id: test, citation: 'Test source, Some Book, 2000, p. 1', url: 'https://example.org/x' }",
      '',
    ].join('\n'),
  };
}

/** Kinds with a permissive missile schema, for tests about the fields every entry shares. */
export const looseKinds: Record<string, z.ZodType> = {
  missile: z
    .object({
      ...catalogBase,
      kind: z.literal('missile'),
      range_km: z.number({ error: 'the published maximum range in km' }).gt(0, { error: 'a maximum range > 0 km' }),
    })
    .loose(),
  radar: z.object({ ...catalogBase, kind: z.literal('radar') }).loose(),
  interceptor: z.object({ ...catalogBase, kind: z.literal('interceptor') }).loose(),
};

export function testCatalog(): Catalog {
  return loadCatalog([missileFile('nodong', 1300), missileFile('scud-b', 300), missileFile('scud-c', 550)], looseKinds);
}
