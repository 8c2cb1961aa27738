/** Public face of src/math/: vectors, small dense matrices, seeded RNG streams, roots, ODEs, Kepler. */
export * as vec3 from './vec3.js';
export * from './mat.js';
export * from './rng.js';
export * from './roots.js';
export * from './ode.js';
export * from './kepler.js';
export * from './table.js';
