/**
 * The contract between one replica of the whole-defense run (src/sim, issue 5) and the
 * campaign machinery (src/campaign, src/analysis, issue 6).
 *
 * A replica is identified by (campaign seed, replica index); its randomness comes only from
 * streams keyed by those (src/math/rng.ts), so the same pair gives the same result on any
 * worker or machine. Results are flat and numeric so statistics can stream.
 */

/** What one replica reports. Counts are whole numbers. */
export interface ReplicaResult {
  replica: number;
  /** missiles launched */
  threats: number;
  /** threats that reached the ground (not intercepted) */
  leakers: number;
  /** threats killed by an interceptor */
  killed: number;
  /** interceptors fired */
  interceptors: number;
  /** per defended asset, in scenario order: 1 if at least one leaker landed inside it, else 0 */
  assetHit: number[];
  /** per layer, in LAYERS order: shots fired and kills */
  layerShots: number[];
  layerKills: number[];
}

export const LAYERS = ['upper', 'lower'] as const;
export type Layer = (typeof LAYERS)[number];

/**
 * Runs replicas of one scenario. `prepare` is called once per worker with the scenario text
 * and its file name (and may be slow: catalog loading, tables); `run` is called per replica.
 * Implementations are registered by name so a worker thread can rebuild them from a message.
 */
export interface ReplicaModel {
  /** asset ids in scenario order (for the per-asset columns) */
  readonly assets: readonly string[];
  run(seed: number, replica: number): ReplicaResult;
}

export type ReplicaModelFactory = (scenarioText: string, file: string) => ReplicaModel;
