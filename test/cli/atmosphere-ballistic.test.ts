/**
 * `tmd atmosphere` and `tmd ballistic` end to end: spawns the CLI through tsx (no build needed)
 * and checks stdout JSON, exit codes, and that bad input gives one stderr line and no stack trace.
 */
import { describe, expect, it } from 'vitest';
import { expectUserError, tmd, type Run } from './tmd.js';


describe.concurrent('tmd atmosphere', () => {
  it('--json prints one array with the USSA76 values (sea level and 50 km, Table I)', async () => {
    const r = await tmd('atmosphere', '--altitude-km', '0,50', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<Record<string, number>>;
    expect(rows).toHaveLength(2);
    expect(Object.keys(rows[0]).sort()).toEqual(['altitude_km', 'density_kg_m3', 'pressure_pa', 'speed_of_sound_mps', 'temperature_k']);
    expect(rows[0].altitude_km).toBe(0);
    expect(rows[0].temperature_k).toBeCloseTo(288.15, 9);
    expect(rows[0].pressure_pa).toBeCloseTo(101325, 6);
    expect(rows[1].density_kg_m3 / 1.0269e-3).toBeCloseTo(1, 4); // Table I, 50 km
    expect(rows[1].speed_of_sound_mps / 329.8).toBeCloseTo(1, 4); // Table III, 50 km
  });
  it('human output is a table with a header and one line per altitude', async () => {
    const r = await tmd('atmosphere', '--altitude-km', '-5,10');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/altitude_km/);
    expect(lines).toHaveLength(3);
  });
  it('below −5 km and non-numbers are user errors on --altitude-km', async () => {
    expectUserError(await tmd('atmosphere', '--altitude-km', '-6'), '--altitude-km');
    expectUserError(await tmd('atmosphere', '--altitude-km', '3,abc'), '--altitude-km');
  });
});

describe.concurrent('tmd ballistic', () => {
  it('--json minimum energy for 1000 km: γ = 45° − ψ/4, keys as documented', async () => {
    const r = await tmd('ballistic', '--range-km', '1000', '--json');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout) as Record<string, number>;
    expect(Object.keys(o).sort()).toEqual(['apogee_km', 'burnout_speed_mps', 'flight_path_angle_deg', 'flight_time_s', 'range_km']);
    expect(o.range_km).toBe(1000);
    expect(o.flight_path_angle_deg).toBeCloseTo(45 - (1000 / 6371 / 4) * (180 / Math.PI), 10);
    // v² = μ/R · 2 s/(1 + s), s = sin(ψ/2)
    const s = Math.sin(1000 / 6371 / 2);
    expect(o.burnout_speed_mps).toBeCloseTo(Math.sqrt((3.986004418e14 / 6.371e6) * ((2 * s) / (1 + s))), 6);
  });
  it('--angle-deg gives the fixed-angle trajectory and the human output states the assumptions', async () => {
    const r = await tmd('ballistic', '--range-km', '2000', '--angle-deg', '60');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/flight-path angle at burnout\s+60\.000 deg/);
    expect(r.stdout).toMatch(/^assumptions: vacuum, spherical non-rotating Earth/m);
  });
  it('bad range and angle are user errors naming the flag', async () => {
    expectUserError(await tmd('ballistic', '--range-km', '0'), '--range-km');
    expectUserError(await tmd('ballistic', '--range-km', '25000'), '--range-km');
    expectUserError(await tmd('ballistic', '--range-km', '1000', '--angle-deg', '90'), '--angle-deg');
    expectUserError(await tmd('ballistic', '--range-km', '10000', '--angle-deg', '70'), '--angle-deg');
  });
});
