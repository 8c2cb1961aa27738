/**
 * A piecewise-linear function of one variable given by sample pairs (x strictly increasing),
 * flat outside the samples — drag coefficient against Mach number for missiles and
 * interceptors. `at` allocates nothing; a linear scan suits tables of a dozen points.
 */
export class LinearTable {
  readonly x: Float64Array;
  readonly y: Float64Array;
  constructor(pairs: ReadonlyArray<readonly [number, number]>) {
    this.x = Float64Array.from(pairs, (p) => p[0]);
    this.y = Float64Array.from(pairs, (p) => p[1]);
  }
  /** The value at u: linear between samples, the end value beyond them. */
  at(u: number): number {
    const x = this.x;
    const n = x.length;
    if (u <= x[0]) return this.y[0];
    if (u >= x[n - 1]) return this.y[n - 1];
    let i = 1;
    while (x[i] < u) i++;
    const f = (u - x[i - 1]) / (x[i] - x[i - 1]);
    return this.y[i - 1] + f * (this.y[i] - this.y[i - 1]);
  }
}
