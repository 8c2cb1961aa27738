/** Analyses: analytic cross-checks (more to come: sweeps, saturation, footprints). */
export { wilkening, type WilkeningInput, type WilkeningResult, type FiringDoctrine } from './wilkening.js';
