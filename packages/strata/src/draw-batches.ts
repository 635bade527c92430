/**
 * FitOptions.onDraws from the samplers' RunOptions.onDraws: each batch's draws taken to the model's
 * scale (when sampling ran in rescaled units) and constrained, by the same functions the Fit and
 * the CSV writer use, so the streamed values are the Fit's to the bit.
 */
import type { CompiledModel } from '@strata/core';
import type { DrawsCallback } from '@strata/samplers';
import type { FitDrawBatch } from './fit-options.js';
import { drawsToModelScale, metricToModelScale } from './rescale/rescaled-density.js';
import type { SamplingUnits } from './rescale/sampling-units.js';
import { constrainDraws } from './results/fit-data.js';

export function constrainedBatches(model: CompiledModel, units: SamplingUnits | null, receive: (batch: FitDrawBatch) => void): DrawsCallback {
  return (batch) => {
    // The batch's arrays are its own copies: scaled in place.
    const draws = units ? drawsToModelScale(batch.draws, units) : batch.draws;
    const out: FitDrawBatch = { chain: batch.chain, start: batch.start, rows: batch.rows, draws: constrainDraws(model, draws), stats: batch.stats, last: batch.last };
    if (batch.adaptation) {
      const { stepSize, inverseMetric } = batch.adaptation;
      out.adaptation = { stepSize, inverseMetric: units ? metricToModelScale(inverseMetric, units) : inverseMetric };
    }
    receive(out);
  };
}
