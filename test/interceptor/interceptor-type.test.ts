/** Interceptor types: schema, compiled masses and thrust, seeker acquisition scaling. */
import { describe, expect, it } from 'vitest';
import { InterceptorTypeSchema, InterceptorVehicle } from '../../src/interceptor/index.js';
import { G0_MPS2 as G0_MPS2_FOR_TEST } from '../../src/interceptor/interceptor-type.js';
import { catalog, interceptor, INTERCEPTORS } from './helpers.js';

describe('catalog interceptor files', () => {
  it('every type parses and compiles', () => {
    expect(catalog.ids('interceptor')).toEqual([...INTERCEPTORS].sort());
    for (const id of INTERCEPTORS) expect(interceptor(id).id).toBe(id);
  });
});

describe('InterceptorVehicle', () => {
  it('launch mass is the sum of stages and kill vehicle; mass falls by ṁ·t while a stage burns', () => {
    for (const id of INTERCEPTORS) {
      const v = interceptor(id);
      const t = v.type;
      const sum = t.kill_vehicle.mass_kg + t.stages.reduce((a, s) => a + s.propellant_kg + s.dry_mass_kg, 0);
      expect(v.launchMass).toBeCloseTo(sum, 9);
      expect(v.massAt(0)).toBeCloseTo(sum, 9);
      const s0 = t.stages[0];
      const tb = s0.burn_time_s / 2;
      expect(v.massAt(tb)).toBeCloseTo(sum - (s0.propellant_kg * tb) / s0.burn_time_s, 9);
      // after burnout only what coasts remains
      const last = t.stages[t.stages.length - 1];
      expect(v.massAt(v.burnout + 1)).toBeCloseTo(t.kill_vehicle.mass_kg + (t.kill_vehicle.separates ? 0 : last.dry_mass_kg), 9);
    }
  });

  it('thrust is ṁ·g0·Isp (vacuum and sea level)', () => {
    const v = interceptor('thaad-like');
    const s = v.type.stages[0];
    const mdot = s.propellant_kg / s.burn_time_s;
    expect(v.stages[0].thrustVac).toBeCloseTo(mdot * G0_MPS2_FOR_TEST * s.isp_vac_s, 6);
    expect(v.stages[0].thrustSl).toBeCloseTo(mdot * G0_MPS2_FOR_TEST * s.isp_sl_s, 6);
  });

  it('seeker range scales as σ^¼ (rf) and √I (ir)', () => {
    const pac = interceptor('pac3-like');
    const r0 = pac.acquisitionRange();
    expect(pac.acquisitionRange(0.1 * 16)).toBeCloseTo(2 * r0, 6);
    const sm3 = interceptor('sm3-like');
    expect(sm3.acquisitionRange(10 * 4)).toBeCloseTo(2 * sm3.acquisitionRange(), 6);
  });
});

describe('InterceptorTypeSchema', () => {
  const good = () => {
    const { file: _f, ...d } = catalog.get('interceptor', 'thaad-like') as Record<string, unknown>;
    return structuredClone(d) as Record<string, any>;
  };
  it('accepts a catalog entry', () => {
    expect(InterceptorTypeSchema.safeParse(good()).success).toBe(true);
  });
  it('rejects vacuum Isp below sea-level Isp, inverted kick span, inverted altitudes, an rf seeker without RCS', () => {
    const a = good();
    a.stages[0].isp_vac_s = 100;
    const ra = InterceptorTypeSchema.safeParse(a);
    expect(ra.success).toBe(false);
    expect(JSON.stringify(ra.error?.issues.map((i) => i.path))).toContain('isp_vac_s');
    const b = good();
    b.steering.max_kick_deg = 2;
    expect(InterceptorTypeSchema.safeParse(b).success).toBe(false);
    const c = good();
    c.battlespace.max_altitude_km = 10;
    expect(InterceptorTypeSchema.safeParse(c).success).toBe(false);
    const d = good();
    d.kill_vehicle.seeker = { type: 'rf', acquisition_range_km: 10 };
    expect(InterceptorTypeSchema.safeParse(d).success).toBe(false);
    const e = good();
    e.lethality.pk_max = 1.2;
    expect(InterceptorTypeSchema.safeParse(e).success).toBe(false);
  });
  it('compiles a plain object too', () => {
    const v = new InterceptorVehicle(InterceptorTypeSchema.parse(good()));
    expect(v.maxRange).toBe(200_000);
    expect(v.minAltitude).toBe(40_000);
  });
});
