/** Re-exports for the store/analytic tests. */
export { Accumulator, analyticExact, analyticModel, CampaignStore, parseShard, rowWidth, runBatch, shardRange } from '../../src/campaign/index.js';
export { UserError as UserErrorLike } from '../../src/errors.js';
