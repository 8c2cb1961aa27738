/** Battle management: threat evaluation, engagement planning, weapon–target assignment, doctrine, kill assessment, inventory. */
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
export {
  circleProbability,
  polygonProbability,
  pointInPolygon,
  integrateGk15,
  GK15,
  compileAssets,
  ThreatEvaluator,
  evaluateThreats,
  compareThreats,
  type DefendedAsset,
  type AssetInput,
  type ImpactInput,
  type ThreatInput,
  type ThreatAssessment,
} from './threat-eval.js';
export { BatteryInventory, type BatteryConfig } from './inventory.js';
export { engagementSize, canLook, reserveFor, type DoctrineConfig, type EngagementDecision } from './doctrine.js';
export { killCall, assessKill, pCalledKill, type KillAssessmentConfig, type KillCall, type Assessment } from './kill-assessment.js';
export {
  planEngagements,
  commitOrders,
  interceptorGeometry,
  type Layer,
  type PlanThreat,
  type PlanBattery,
  type EngagementGeometry,
  type PlannerOptions,
  type FireOrder,
  type PlanResult,
} from './planner.js';
