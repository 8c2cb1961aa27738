/**
 * Hit-to-kill lethality: the kill probability given a miss distance, and the kill draw.
 *
 *   P_k(m) = p_max                                 for m ≤ r_L
 *   P_k(m) = p_max · exp(−(m − r_L)² / (2 σ_L²))    for m > r_L
 *
 * a "cookie cutter" of radius r_L (body-to-body contact with the RV's lethal volume) with a
 * Gaussian shoulder of width σ_L (the form of the Carleton-type damage functions in R. E. Ball,
 * "The Fundamentals of Aircraft Combat Survivability Analysis and Design", 2nd ed., AIAA 2003,
 * ch. 5). p_max is the single-shot kill probability of a hit (the SSPK of D. Wilkening, "A Simple
 * Model for Calculating Ballistic Missile Defense Effectiveness", Science & Global Security 8:183–215,
 * 2000, where 0.7–0.9 are the values discussed). Parameters per type in the catalog (lethality:).
 */
import type { RngStream } from '../math/index.js';
import type { InterceptorVehicle } from './interceptor-type.js';

/** The lethality parameters (SI). */
export interface LethalityParams {
  lethalRadius: number;
  pkMax: number;
  falloff: number;
}

/** P_k for a miss distance (m) under the model above; NaN or negative misses give 0. */
export function killProbability(p: LethalityParams, miss: number): number {
  if (!(miss >= 0)) return 0;
  if (miss <= p.lethalRadius) return p.pkMax;
  const x = (miss - p.lethalRadius) / p.falloff;
  return p.pkMax * Math.exp(-0.5 * x * x);
}

/** One Bernoulli draw: killed when a uniform draw from the stream falls below pk. Uses exactly one draw. */
export function drawKill(pk: number, rng: RngStream): boolean {
  return rng.uniform() < pk;
}

/** The lethality of a compiled type. */
export function lethalityOf(v: InterceptorVehicle): LethalityParams {
  return { lethalRadius: v.lethalRadius, pkMax: v.pkMax, falloff: v.falloff };
}
