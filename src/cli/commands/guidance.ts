/**
 * `tmd guidance`: the linearised planar homing loop (guidance lab; Zarchan, "Tactical and
 * Strategic Missile Guidance", ch. 2–3): miss distance and peak commanded acceleration for PN or
 * APN with a single time constant or zero lag, a heading error and a target step manoeuvre.
 */
import type { Command } from 'commander';
import { userError } from '../../errors.js';
import { G0_MPS2, defaultLabStep, runGuidanceLab, type LabInput } from '../../interceptor/guidance-lab.js';
import { parseChoice, parseNumber } from '../parse.js';

interface Opts {
  law: string;
  navRatio: string;
  timeConstantS?: string;
  flightTimeS: string;
  closingSpeedMps: string;
  missileSpeedMps: string;
  headingErrorDeg: string;
  targetAccelG: string;
  lag: string;
  stepS?: string;
  json?: boolean;
}

/** Most grid steps a CLI run may take. */
const MAX_STEPS = 2e7;

/** A number > 0 (strictly). */
function positive(flag: string, s: string): number {
  const v = parseNumber(flag, s);
  if (!(v > 0)) throw userError(flag, `expected a value > 0, found ${s}`);
  return v;
}

export function register(program: Command): void {
  program
    .command('guidance')
    .description('linearised planar homing loop (Zarchan): signed miss and peak commanded acceleration for PN/APN')
    .requiredOption('--law <law>', 'guidance law: pn or apn')
    .requiredOption('--nav-ratio <N>', "effective navigation ratio N' (> 0)")
    .option('--time-constant-s <T>', 'flight-control time constant in s (> 0; required unless --lag zero)')
    .requiredOption('--flight-time-s <TF>', 'flight time in s (> 0)')
    .requiredOption('--closing-speed-mps <VC>', 'closing speed in m/s (> 0)')
    .requiredOption('--missile-speed-mps <VM>', 'missile speed in m/s (> 0)')
    .option('--heading-error-deg <HE>', 'heading error in degrees', '0')
    .option('--target-accel-g <G>', 'target step acceleration normal to the line of sight, in g (9.80665 m/s²)', '0')
    .option('--lag <lag>', 'flight-control model: single (one time constant) or zero', 'single')
    .option('--step-s <h>', 'integration grid step in s, ≤ min(T, TF)/10 (default min(T, TF)/1000)')
    .option('--json', 'print one JSON object {miss_m, peak_accel_g, ...}')
    .action(async (opts: Opts) => {
      const law = parseChoice('--law', opts.law, ['pn', 'apn'] as const);
      const lag = parseChoice('--lag', opts.lag, ['single', 'zero'] as const);
      const navRatio = positive('--nav-ratio', opts.navRatio);
      let timeConstant = 0;
      if (lag === 'single') {
        if (opts.timeConstantS === undefined) throw userError('--time-constant-s', 'missing; expected a time constant in s (> 0) when --lag is single');
        timeConstant = positive('--time-constant-s', opts.timeConstantS);
      } else if (opts.timeConstantS !== undefined) {
        timeConstant = parseNumber('--time-constant-s', opts.timeConstantS, { min: 0 });
      }
      const inp: LabInput = {
        law,
        lag,
        navRatio,
        timeConstant_s: timeConstant,
        flightTime_s: positive('--flight-time-s', opts.flightTimeS),
        closingSpeed_mps: positive('--closing-speed-mps', opts.closingSpeedMps),
        missileSpeed_mps: positive('--missile-speed-mps', opts.missileSpeedMps),
        headingError_rad: (parseNumber('--heading-error-deg', opts.headingErrorDeg, { min: -90, max: 90 }) * Math.PI) / 180,
        targetAccel_mps2: parseNumber('--target-accel-g', opts.targetAccelG) * G0_MPS2,
      };
      // The grid step: at most a tenth of the shortest time scale (RK4 accuracy on the lag), and at
      // most MAX_STEPS steps (a run stays under a few seconds).
      const scale = lag === 'single' ? Math.min(timeConstant, inp.flightTime_s) : inp.flightTime_s;
      let step: number;
      if (opts.stepS === undefined) {
        step = defaultLabStep(inp);
        if (inp.flightTime_s / step > MAX_STEPS) {
          throw userError('--flight-time-s', `found TF = ${inp.flightTime_s} s with T = ${timeConstant} s (TF/T = ${inp.flightTime_s / timeConstant}), expected TF/T ≤ ${MAX_STEPS / 1000} (the loop has settled long before; or pass --step-s up to T/10)`);
        }
      } else {
        step = positive('--step-s', opts.stepS);
        if (step > scale / 10) throw userError('--step-s', `found ${step} s, expected at most ${scale / 10} s (a tenth of ${lag === 'single' ? 'min(T, TF)' : 'TF'})`);
        if (inp.flightTime_s / step > MAX_STEPS) throw userError('--step-s', `found ${step} s, which needs ${Math.ceil(inp.flightTime_s / step)} steps; expected at most ${MAX_STEPS}`);
      }
      const r = runGuidanceLab(inp, { step_s: step });
      const out = {
        miss_m: r.miss_m,
        peak_accel_g: r.peakAccel_mps2 / G0_MPS2,
        peak_accel_before_last_tau_g: r.peakAccelBeforeLastTau_mps2 / G0_MPS2,
        law,
        lag,
        nav_ratio: navRatio,
        time_constant_s: lag === 'single' ? timeConstant : 0,
        flight_time_s: inp.flightTime_s,
        closing_speed_mps: inp.closingSpeed_mps,
        missile_speed_mps: inp.missileSpeed_mps,
        heading_error_deg: Number(opts.headingErrorDeg),
        target_accel_g: Number(opts.targetAccelG),
        step_s: inp.flightTime_s / Math.max(1, Math.ceil(inp.flightTime_s / step - 1e-9)),
      };
      if (opts.json) {
        process.stdout.write(JSON.stringify(out) + '\n');
        return;
      }
      const lagText = lag === 'single' ? `single lag T = ${timeConstant} s` : 'zero lag';
      process.stdout.write(
        `${law.toUpperCase()}, N' = ${navRatio}, ${lagText}, TF = ${inp.flightTime_s} s, Vc = ${inp.closingSpeed_mps} m/s, VM = ${inp.missileSpeed_mps} m/s, ` +
          `HE = ${out.heading_error_deg} deg, nT = ${out.target_accel_g} g\n` +
          `miss (signed, y(TF)):        ${r.miss_m.toPrecision(6)} m\n` +
          `peak commanded acceleration: ${out.peak_accel_g.toPrecision(6)} g (grid points up to TF − h)\n` +
          (lag === 'single'
            ? `  before the last T (t_go ≥ T): ${out.peak_accel_before_last_tau_g.toPrecision(6)} g (with a lag and a miss, nc grows like N'·miss/t_go² at the end)\n`
            : ''),
      );
    });
}
