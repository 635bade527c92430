/** residuals(newdata): y - E[y | theta] on new data holding the response, against posteriorEpred computed here. */
import { describe, expect, it } from 'vitest';
import { DataError } from '@strata/core';
import { csvRows, exampleSpec, fakeFit, maxAbsDiff, mean, sharedCsv, thrown } from './helpers.js';

describe('residuals(newdata)', () => {
  for (const [name, yName] of [['orthodont', 'distance'], ['orange', 'circumference']] as const) {
    it(`${name}: y - posteriorEpred(newdata) per draw; training data equals residuals()`, () => {
      const csv = sharedCsv(name);
      const fit = fakeFit(exampleSpec(name), csv, 2, 10);
      const rows = csvRows(csv).slice(0, 7).map((r, i) => ({ ...r, [yName]: Number(r[yName]) + i }));
      const y = rows.map((r) => Number(r[yName]));
      const epred = fit.posteriorEpred(rows);
      const draws = fit.posteriorResiduals(rows);
      expect(maxAbsDiff(draws.draws, epred.draws.map((e, k) => y[k % 7] - e))).toBe(0);
      const r = fit.residuals(rows);
      r.rows.forEach((row, i) => expect(row.estimate).toBeCloseTo(mean(Float64Array.from({ length: epred.S }, (_, s) => y[i] - epred.draws[s * 7 + i])), 10));
      const train = fit.residuals(csv).rows;
      fit.residuals().rows.forEach((row, i) => expect(train[i].estimate).toBeCloseTo(row.estimate, 9));
      const { [yName]: _drop, ...noY } = rows[0];
      expect(thrown(DataError, () => fit.residuals([noY])).message).toContain(`'${yName}'`);
    });
  }
});
