/** Answers from a Fit beyond its summaries: ICC, shrinkage, predictions, LOO, R^2, within/between centring. */
export { icc, type IccResult, type IccRow } from './icc.js';
export { shrinkage, type ShrinkageResult, type ShrinkageEstimate } from './shrinkage.js';
export {
  predict,
  posteriorPredict,
  type GroupMode,
  type PredictOptions,
  type Prediction,
  type PredictionSummaryRow,
  type PosteriorPredictOptions,
  type PosteriorPrediction,
} from './predict.js';
export { fitLoo, fitBayesR2, logLikMatrix, relativeEff, looCompareFits, type NamedFit } from './fit-loo.js';
export { withinBetween } from './within-between.js';
