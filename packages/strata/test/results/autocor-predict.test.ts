/**
 * Posterior prediction with autocorrelated residuals (reference/ar1 and reference/car1 data, draws
 * from fakeFit): within each draw, the replicated residuals' innovations (e_k - c_k e_(k-1)) / s_k
 * are standard normal and uncorrelated at lag 1, which fails if the residuals were drawn
 * independently. New data is refused with one line.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { unconstrainedDraw, constrainedDraw } from '../../src/results/fit-data.js';
import { fakeFit } from './helpers.js';

const reference = fileURLToPath(new URL('../../../../reference/', import.meta.url));

for (const name of ['ar1', 'car1'] as const) {
  describe(`posteriorPredict with ${name} residuals`, () => {
    const spec = JSON.parse(readFileSync(`${reference}${name}/spec.json`, 'utf8'));
    const fit = fakeFit(spec, readFileSync(`${reference}${name}/data.csv`, 'utf8'), 2, 40, 9);
    const model = fit.model;
    const ac = model.structure.autocor!;

    it('innovations are N(0, 1) and uncorrelated at lag 1', () => {
      const { S, N, drawIndex, yrep } = fit.posteriorPredict(undefined, { seed: 4 });
      const eta = new Float64Array(N);
      const names = model.constrainedNames;
      let n = 0;
      let sum = 0;
      let sum2 = 0;
      let lag = 0;
      let lagN = 0;
      for (let d = 0; d < S; d++) {
        model.linearPredictor(unconstrainedDraw(fit, drawIndex[d]), eta);
        const row = constrainedDraw(fit, drawIndex[d]);
        const sigma = row[names.indexOf('sigma')];
        const phi = row[names.indexOf(name === 'ar1' ? 'ar[1]' : 'car1')];
        for (let s = 0; s + 1 < ac.seriesStart.length; s++) {
          let prevE = 0;
          let prevZ = 0;
          for (let k = ac.seriesStart[s]; k < ac.seriesStart[s + 1]; k++) {
            const i = ac.order[k];
            const e = yrep[d * N + i] - eta[i];
            const first = k === ac.seriesStart[s];
            let z: number;
            if (name === 'ar1') z = first ? (e * Math.sqrt(1 - phi * phi)) / sigma : (e - phi * prevE) / sigma;
            else {
              const c = first ? 0 : phi ** (ac.time![i] - ac.time![ac.order[k - 1]]);
              z = (e - c * prevE) / (sigma * Math.sqrt(1 - c * c));
            }
            n++;
            sum += z;
            sum2 += z * z;
            if (!first) {
              lag += z * prevZ;
              lagN++;
            }
            prevE = e;
            prevZ = z;
          }
        }
      }
      expect(Math.abs(sum / n)).toBeLessThan(4 / Math.sqrt(n));
      expect(Math.abs(sum2 / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
      expect(Math.abs(lag / lagN)).toBeLessThan(4 / Math.sqrt(lagN));
    });

    it('refuses new data in one line', () => {
      expect(() => fit.posteriorPredict({ x: [0], g: ['1'], t: [1] })).toThrow(/posteriorPredict\(\) with new data is not supported for models with autocor/);
    });
  });
}
