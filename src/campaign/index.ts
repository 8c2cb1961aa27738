/** Monte Carlo campaigns: replica models, streaming statistics, the store, the pool, shards. */
export { LAYERS, type Layer, type ReplicaResult, type ReplicaModel, type ReplicaModelFactory } from './types.js';
export { registerModel, modelNames, modelFactory, defaultModel } from './registry.js';
export {
  analyticModel,
  analyticExact,
  parseAnalyticScenario,
  hasAnalyticSection,
  AnalyticSectionSchema,
  type AnalyticSection,
  type AnalyticExact,
} from './analytic.js';
export {
  Accumulator,
  summarize,
  wilson,
  meanInterval,
  ratioInterval,
  tQuantile975,
  Z975,
  rowColumns,
  rowWidth,
  packResult,
  type Interval,
  type CampaignStatistics,
} from './stats.js';
export { parseShard, shardRange, WHOLE, type Shard } from './shard.js';
export { CampaignStore, isFreshDir, STORE_FORMAT, STORE_FILE, CSV_FILE, SUMMARY_FILE, type CampaignMeta } from './store.js';
export { runBatch, type BatchResult } from './batch.js';
export { createExecutor, defaultWorkerFile, type Executor } from './pool.js';
export { createProgress, type Progress } from './progress.js';
export {
  runCampaign,
  buildSummary,
  scenarioDigest,
  identityDifferences,
  TARGET_TASK_MS,
  type CampaignSpec,
  type RunOptions,
  type CampaignOutcome,
  type CampaignSummary,
  type CampaignTiming,
} from './run.js';
export { mergeStores, type MergeOutcome } from './merge.js';
