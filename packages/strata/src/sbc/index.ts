/** Simulation-based calibration: prior draws, simulated data, ranks, their chi-square test and plot. */
export { sbcRandom, drawPrior, drawLkjCholesky, correlationOf, sampleBeta } from './random.js';
export type { SbcRandom } from './random.js';
export { thinDraws, sbcRank } from './ranks.js';
export { logGamma, upperIncompleteGamma, chiSquareSurvival, rankUniformityTest, binomialInterval } from './chisq.js';
export type { UniformityTest } from './chisq.js';
export { runSbc, replicationSeed } from './run.js';
export type { SbcOptions, SbcReplication, SbcResult } from './run.js';
export { randomInterceptModel, randomSlopeModel, logisticGrowthModel, SBC_MODELS } from './models.js';
export { idBlockGrowthModel, sigmaDparModel } from './models-extensions.js';
export type { SbcModel, SbcSimulation, SbcSpec } from './models.js';
export { sbcHistogramSpec, sbcHistogramSvg } from './plot.js';
export type { SbcHistogramOptions, SbcBinRow } from './plot.js';
