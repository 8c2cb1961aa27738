/** The whole-defense replica as a campaign model: the same summary whatever the number of workers. */
import { describe, expect, it } from 'vitest';
import { tmd } from '../cli/tmd.js';

describe('campaign with the sim model', () => {
  it('didactic saturation: 0 and 2 workers give the same summary (minus timing), and it is the default model', async () => {
    const [a, b] = await Promise.all([
      tmd('campaign', 'scenarios/didactic-saturation.yaml', '--runs', '6', '--workers', '0', '--json'),
      tmd('campaign', 'scenarios/didactic-saturation.yaml', '--runs', '6', '--workers', '2', '--json', '--model', 'sim'),
    ]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const ja = JSON.parse(a.stdout);
    const jb = JSON.parse(b.stdout);
    delete ja.timing;
    delete jb.timing;
    expect(ja).toEqual(jb);
    expect(JSON.stringify(ja)).toContain('sim');
  });
});
