/** Battle management: weapon–target assignment (more to come: threat evaluation, doctrine, kill assessment). */
export {
  objective,
  solveWtaHeuristic,
  solveWtaExact,
  checkWtaProblem,
  randomWtaProblem,
  type WtaProblem,
  type WtaSolution,
  type WtaHeuristicOptions,
  type WtaExactOptions,
} from './wta.js';
export { parseWta, formatWta } from './wta-io.js';
