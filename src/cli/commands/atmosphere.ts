/** `tmd atmosphere --altitude-km H[,H...]`: U.S. Standard Atmosphere 1976 (and its extension above 86 km). */
import type { Command } from 'commander';
import { userError } from '../../errors.js';
import { ussa76, USSA76_MIN_ALTITUDE_M, USSA76_ZMAX_LOWER_M, type AtmosphereState } from '../../atmosphere/index.js';
import { parseNumberList } from '../parse.js';

const FLAG = '--altitude-km';
const MIN_KM = USSA76_MIN_ALTITUDE_M / 1000;

interface Row {
  altitude_km: number;
  temperature_k: number;
  pressure_pa: number;
  density_kg_m3: number;
  speed_of_sound_mps: number;
}

function table(rows: Row[]): string {
  const head = ['altitude_km', 'temperature_K', 'pressure_Pa', 'density_kg/m3', 'speed_of_sound_m/s'];
  const body = rows.map((r) => [
    String(r.altitude_km),
    r.temperature_k.toFixed(3),
    r.pressure_pa.toExponential(5),
    r.density_kg_m3.toExponential(5),
    r.speed_of_sound_mps.toFixed(2),
  ]);
  const all = [head, ...body];
  const widths = head.map((_, j) => Math.max(...all.map((r) => r[j].length)));
  return all.map((r) => r.map((c, j) => c.padStart(widths[j])).join('  ')).join('\n') + '\n';
}

export function register(program: Command): void {
  program
    .command('atmosphere')
    .description('U.S. Standard Atmosphere 1976: temperature, pressure, density and speed of sound at geometric altitudes')
    .requiredOption(`${FLAG} <list>`, `geometric altitudes in km, comma-separated (≥ ${MIN_KM})`)
    .option('--json', 'print JSON: an array of {altitude_km, temperature_k, pressure_pa, density_kg_m3, speed_of_sound_mps}')
    .action(async (opts: { altitudeKm: string; json?: boolean }) => {
      const alts = parseNumberList(FLAG, opts.altitudeKm);
      for (const km of alts) {
        if (km < MIN_KM) throw userError(FLAG, `found ${km} km, expected altitudes ≥ ${MIN_KM} km (the U.S. Standard Atmosphere 1976 starts at −5 km)`);
      }
      const s: AtmosphereState = { temperature_k: 0, pressure_pa: 0, density_kg_m3: 0, speed_of_sound_mps: 0 };
      const rows: Row[] = alts.map((km) => {
        ussa76(km * 1000, s);
        return { altitude_km: km, temperature_k: s.temperature_k, pressure_pa: s.pressure_pa, density_kg_m3: s.density_kg_m3, speed_of_sound_mps: s.speed_of_sound_mps };
      });
      if (opts.json) {
        process.stdout.write(JSON.stringify(rows) + '\n');
        return;
      }
      process.stdout.write(table(rows));
      if (alts.some((km) => km * 1000 > USSA76_ZMAX_LOWER_M)) {
        process.stdout.write(
          'note: above 86 km p and ρ are interpolated in USSA76 Table I (≤ 0.5 % off the table between rows), T is the standard\'s; speed of sound there is a nominal √(1.4·p/ρ)\n',
        );
      }
    });
}
