/** `tmd analytic`: Wilkening-style defense effectiveness (src/analysis/wilkening.ts). */
import type { Command } from 'commander';
import { wilkening, type FiringDoctrine } from '../../analysis/wilkening.js';
import { parseChoice, parseNumber } from '../parse.js';
import { userError } from '../../errors.js';

interface Opts {
  sspk?: string;
  threats?: string;
  shots?: string;
  doctrine?: string;
  engagements?: string;
  killAssessment?: string;
  falseAlarm?: string;
  reliability?: string;
  detection?: string;
  json?: boolean;
}

function required(flag: string, v: string | undefined): string {
  if (v === undefined) throw userError(flag, 'missing; expected a value');
  return v;
}

export function register(program: Command): void {
  program
    .command('analytic')
    .description('analytic defense effectiveness (Wilkening 2000): P(zero leakers), expected leakers, interceptors')
    .option('--sspk <P>', 'single-shot kill probability in [0, 1]')
    .option('--threats <N>', 'number of attacking RVs (whole number ≥ 1)')
    .option('--shots <K>', 'interceptors per RV in each salvo (whole number ≥ 1)')
    .option('--doctrine <D>', 'shoot-shoot | sls')
    .option('--engagements <E>', 'sls: engagement opportunities (default 2)')
    .option('--kill-assessment <K>', 'sls: P(surviving RV judged alive), default 1')
    .option('--false-alarm <F>', 'sls: P(killed RV judged alive), default 0')
    .option('--reliability <R>', 'common-mode reliability of the defense, default 1')
    .option('--detection <D>', 'per-RV probability of detection, tracking and discrimination, default 1')
    .option('--json', 'print one JSON object')
    .action((opts: Opts) => {
      const sspk = parseNumber('--sspk', required('--sspk', opts.sspk), { min: 0, max: 1 });
      const threats = parseNumber('--threats', required('--threats', opts.threats), { min: 1, integer: true });
      const shots = parseNumber('--shots', required('--shots', opts.shots), { min: 1, integer: true });
      const doctrine = parseChoice<FiringDoctrine>('--doctrine', required('--doctrine', opts.doctrine), ['shoot-shoot', 'sls']);
      const prob = (flag: string, s: string | undefined): number | undefined => (s === undefined ? undefined : parseNumber(flag, s, { min: 0, max: 1 }));
      const engagements = opts.engagements === undefined ? undefined : parseNumber('--engagements', opts.engagements, { min: 1, max: 1000, integer: true });
      const r = wilkening({
        sspk,
        threats,
        shotsPerThreat: shots,
        doctrine,
        engagements,
        killAssessment: prob('--kill-assessment', opts.killAssessment),
        falseAlarm: prob('--false-alarm', opts.falseAlarm),
        reliability: prob('--reliability', opts.reliability),
        detection: prob('--detection', opts.detection),
      });
      if (opts.json) {
        process.stdout.write(JSON.stringify({ p_zero_leakers: r.p_zero_leakers, expected_leakers: r.expected_leakers, interceptors_needed: r.interceptors_needed }) + '\n');
        return;
      }
      process.stdout.write(
        `P(zero leakers)      ${r.p_zero_leakers.toFixed(6)}\n` +
          `expected leakers     ${r.expected_leakers.toFixed(6)}\n` +
          `interceptors needed  ${r.interceptors_needed.toFixed(3)} (expected, defense working)\n` +
          `P(kill) per RV       ${r.p_kill_per_threat.toFixed(6)}\n`,
      );
    });
}
