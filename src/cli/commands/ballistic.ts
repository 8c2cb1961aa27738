/** `tmd ballistic --range-km R [--angle-deg A]`: the ideal (vacuum, spherical Earth) ballistic relations. */
import type { Command } from 'commander';
import { userError } from '../../errors.js';
import { forAngle, IDEAL_EARTH, maxAngleForRange, minimumEnergy, type IdealBallistic } from '../../threat/ideal-ballistic.js';
import { parseNumber } from '../parse.js';

const DEG = Math.PI / 180;
const R_KM = IDEAL_EARTH.radius_m / 1000;
const MAX_RANGE_KM = Math.PI * R_KM;

export function register(program: Command): void {
  program
    .command('ballistic')
    .description('minimum-energy (or fixed-angle) burnout speed, flight time and apogee for a ground range; vacuum, spherical non-rotating Earth')
    .requiredOption('--range-km <km>', `ground range in km, 0 < R < ${MAX_RANGE_KM.toFixed(1)} (half the circumference)`)
    .option('--angle-deg <deg>', 'burnout flight-path angle above the horizontal, 0 < A < 90 (default: the minimum-energy angle)')
    .option('--json', 'print JSON: {range_km, flight_path_angle_deg, burnout_speed_mps, flight_time_s, apogee_km}')
    .action(async (opts: { rangeKm: string; angleDeg?: string; json?: boolean }) => {
      const rangeKm = parseNumber('--range-km', opts.rangeKm);
      if (!(rangeKm > 0 && rangeKm < MAX_RANGE_KM)) {
        throw userError('--range-km', `found ${rangeKm} km, expected a range > 0 and < ${MAX_RANGE_KM.toFixed(1)} km (half the Earth's circumference, πR)`);
      }
      let r: IdealBallistic;
      if (opts.angleDeg === undefined) {
        r = minimumEnergy(rangeKm * 1000);
      } else {
        const deg = parseNumber('--angle-deg', opts.angleDeg);
        if (!(deg > 0 && deg < 90)) throw userError('--angle-deg', `found ${deg}°, expected an angle > 0 and < 90 degrees`);
        const maxDeg = maxAngleForRange(rangeKm * 1000) / DEG;
        if (!(deg < maxDeg)) {
          throw userError('--angle-deg', `found ${deg}°: no ballistic trajectory reaches ${rangeKm} km at that angle without escape speed; expected < ${maxDeg.toFixed(3)}°`);
        }
        r = forAngle(rangeKm * 1000, deg * DEG);
      }
      const out = {
        range_km: rangeKm,
        flight_path_angle_deg: r.flight_path_angle_rad / DEG,
        burnout_speed_mps: r.burnout_speed_mps,
        flight_time_s: r.flight_time_s,
        apogee_km: r.apogee_m / 1000,
      };
      if (opts.json) {
        process.stdout.write(JSON.stringify(out) + '\n');
        return;
      }
      const kind = opts.angleDeg === undefined ? 'minimum-energy trajectory' : 'trajectory at the given angle';
      process.stdout.write(
        `${kind} to ${rangeKm} km\n` +
          `  flight-path angle at burnout  ${out.flight_path_angle_deg.toFixed(3)} deg\n` +
          `  burnout speed                 ${out.burnout_speed_mps.toFixed(1)} m/s\n` +
          `  flight time                   ${out.flight_time_s.toFixed(1)} s (${(out.flight_time_s / 60).toFixed(2)} min)\n` +
          `  apogee                        ${out.apogee_km.toFixed(1)} km\n` +
          `assumptions: vacuum, spherical non-rotating Earth R = ${R_KM} km, μ = ${IDEAL_EARTH.mu_m3_s2.toExponential()} m³/s², burnout and impact at the surface\n`,
      );
    });
}
