/** Public API of the atmosphere folder: U.S. Standard Atmosphere 1976 and its extension above 86 km. */
export {
  type AtmosphereState,
  ussa76,
  density,
  speedOfSound,
  USSA76_MIN_ALTITUDE_M,
  USSA76_ZMAX_LOWER_M,
  USSA76_TABLE_TOP_M,
} from './ussa76.js';
export { atmosphereFast, ATMOSPHERE_TABLE_TOP_M } from './table.js';
