/** Plots that take a Fit (each returns { spec, svg }); built on the data-only plots of ../plots/. */
export { plotTrace, plotRank, plotDensity, plotPairs } from './diagnostic-plots.js';
export { plotPpc, plotShrinkage, plotTrajectories, plotConditionalEffects, trajectories, type TrajectoryOptions } from './model-plots.js';
export { mainVariables, divergentDraws, type FitPlot } from './fit-draws.js';
