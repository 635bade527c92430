/**
 * The model's log density in sampling units (sampling-units.ts): phi -> theta = centre + scale * phi,
 * gradient scaled by the chain rule; and a run's draws and metric mapped back to theta.
 */
import type { LogDensity, RunResult } from '@strata/samplers';
import { toModelScale, type SamplingUnits } from './sampling-units.js';

export function rescaledDensity(model: LogDensity, units: SamplingUnits): LogDensity {
  const d = model.dimension;
  const theta = new Float64Array(d);
  const { scale } = units;
  const chain = (grad: Float64Array) => {
    for (let i = 0; i < d; i++) grad[i] *= scale[i];
  };
  const into = model.logDensityGradientInto;
  return {
    dimension: d,
    logDensityGradient(phi, grad) {
      const lp = model.logDensityGradient(toModelScale(units, phi, theta), grad);
      chain(grad);
      return lp;
    },
    ...(into && {
      logDensityGradientInto(phi: Float64Array, grad: Float64Array, out: Float64Array) {
        into.call(model, toModelScale(units, phi, theta), grad, out);
        chain(grad);
      },
    }),
  };
}

/** Draws (and warmup draws) to theta, the inverse metric to theta's units; in place. */
export function runToModelScale(run: RunResult, units: SamplingUnits): RunResult {
  for (const c of run.chains) {
    drawsToModelScale(c.draws, units);
    drawsToModelScale(c.warmupDraws, units);
    metricToModelScale(c.inverseMetric, units);
  }
  return run;
}

/** Rows of draws (row-major, d per row) from phi to theta; in place. */
export function drawsToModelScale(draws: Float64Array, units: SamplingUnits): Float64Array {
  const d = units.scale.length;
  for (let o = 0; o < draws.length; o += d) toModelScale(units, draws.subarray(o, o + d));
  return draws;
}

/** An inverse metric (diagonal, or dense row-major) from phi's units to theta's; in place. */
export function metricToModelScale(m: Float64Array, units: SamplingUnits): Float64Array {
  const d = units.scale.length;
  const { scale } = units;
  if (m.length === d) for (let i = 0; i < d; i++) m[i] *= scale[i] * scale[i];
  else for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) m[i * d + j] *= scale[i] * scale[j];
  return m;
}
