/**
 * Plots for @strata/strata: pure functions from plain data to vega-lite specs, plus SVG rendering in
 * Node. See packages/strata/docs/plots.md.
 */
export { renderSvg, writeSvg } from './render.js';
export { PALETTE, COLORS, THEME } from './theme.js';
export type { CommonPlotOptions } from './theme.js';
export type { DrawsByVariable } from './draws.js';
export { finiteValues, quantileSorted, quantiles, silvermanBandwidth, gaussianKde, pooledRanks, interpolate } from './stats.js';
export type { Kde, KdeOptions } from './stats.js';
export { traceSpec, traceSvg, traceData } from './trace.js';
export type { TracePlotOptions, TraceRow } from './trace.js';
export { rankSpec, rankSvg, rankData } from './rank.js';
export type { RankPlotOptions, RankBin } from './rank.js';
export { densitySpec, densitySvg, densityData } from './density.js';
export type { DensityPlotOptions, DensityRow, DensityCurveRow, DensitySummaryRow } from './density.js';
export { spaghettiSpec, spaghettiSvg, spaghettiData } from './spaghetti.js';
export type { GroupTrajectory, SpaghettiPlotOptions, SpaghettiRow, SpaghettiFitRow, SpaghettiObsRow } from './spaghetti.js';
export { shrinkageSpec, shrinkageSvg, shrinkageData, shrinkageOrder, NO_POOLING, PARTIAL_POOLING } from './shrinkage.js';
export type {
  ShrinkageInput,
  ShrinkageLevel,
  ShrinkagePlotOptions,
  ShrinkageRow,
  ShrinkageSegmentRow,
  ShrinkagePointRow,
  ShrinkagePopulationRow,
} from './shrinkage.js';
export { ppcSpec, ppcSvg, ppcData, ppcDrawIndices, OBSERVED, REPLICATED } from './ppc.js';
export type { PpcInput, PpcPlotOptions, PpcRow } from './ppc.js';
export { pairsSpec, pairsSvg, pairsData } from './pairs.js';
export type { PairsPlotOptions, PairsRow } from './pairs.js';
export { conditionalEffectsSpec, conditionalEffectsSvg } from './conditional-effects.js';
export type { ConditionalEffectsInput, ConditionalEffectsPlotOptions } from './conditional-effects.js';
