import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/scenario/index.js';

const committed = join(import.meta.dirname, '..', '..', 'schema', 'scenario.schema.json');

describe('schema/scenario.schema.json', () => {
  it('equals what the zod schema produces now (run `npm run schema` after changing schema.ts)', () => {
    expect(readFileSync(committed, 'utf8')).toBe(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
  });

  it('describes the file: required keys, closed objects, ranges, and the shape alternatives', () => {
    const js = scenarioJsonSchema() as any;
    expect(js.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(js.required).toEqual(['epoch', 'threats']);
    expect(js.additionalProperties).toBe(false);
    const threat = js.properties.threats.items;
    expect(threat.required).toEqual(['id', 'missile', 'launch', 'target']);
    expect(threat.properties.launch.properties.lat_deg).toMatchObject({ minimum: -90, maximum: 90 });
    expect(threat.properties.launch.properties.lon_deg).toMatchObject({ minimum: -180, exclusiveMaximum: 360 });
    expect(threat.properties.shape.oneOf.map((o: any) => o.properties.type.const)).toEqual(['min-energy', 'lofted', 'depressed', 'burnout-angle']);
    expect(threat.properties.shape.oneOf[1].required).toEqual(['type', 'apogee_km']);
    expect(js.properties.assets.items.properties.radius_km).toMatchObject({ exclusiveMinimum: 0 });
  });
});
