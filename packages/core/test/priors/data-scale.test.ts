import { describe, expect, it } from 'vitest';
import { computeDataScale, mad, median, predictorScale, standardDeviation } from '../../src/priors/index.js';

const f = (v: number[]) => Float64Array.from(v);

describe('data scale', () => {
  it('median, mad (R constant 1.4826) and sd', () => {
    expect(median(f([3, 1, 2]))).toBe(2);
    expect(median(f([4, 1, 3, 2]))).toBe(2.5);
    expect(mad(f([1, 2, 3, 4, 100]))).toBeCloseTo(1.4826, 12); // deviations 2,1,0,1,97 -> median 1
    expect(standardDeviation(f([2, 4, 4, 4, 5, 5, 7, 9]))).toBeCloseTo(Math.sqrt(32 / 7), 14);
  });
  it('identity families: median and mad of y', () => {
    const s = computeDataScale('gaussian', f([10, 20, 30, 40, 1000]));
    expect(s.yLocation).toBe(30);
    expect(s.yScale).toBeCloseTo(14.826, 10);
  });
  it('lognormal works on log y', () => {
    const s = computeDataScale('lognormal', f([1, Math.E, Math.E ** 2]));
    expect(s.yLocation).toBeCloseTo(1, 14);
    expect(s.yScale).toBeCloseTo(1.4826, 12);
  });
  it('logit families use 0 / 1, log families log(mean y) / 1', () => {
    expect(computeDataScale('bernoulli', f([0, 1, 1]))).toEqual({ yLocation: 0, yScale: 1 });
    const p = computeDataScale('poisson', f([1, 2, 3, 6]));
    expect(p.yLocation).toBeCloseTo(Math.log(3), 14);
    expect(p.yScale).toBe(1);
    expect(computeDataScale('negbinomial', f([0, 0])).yLocation).toBe(0);
  });
  it('never returns a zero scale: constant y falls back to sd, then 1', () => {
    expect(computeDataScale('gaussian', f([5, 5, 5, 5])).yScale).toBe(1);
    // mad is 0 (most values equal) but sd is not
    const s = computeDataScale('gaussian', f([5, 5, 5, 5, 9]));
    expect(s.yScale).toBeCloseTo(standardDeviation(f([5, 5, 5, 5, 9])), 14);
    expect(predictorScale(f([1, 1, 1]))).toBe(1);
    expect(predictorScale(f([0, 2]))).toBeCloseTo(Math.SQRT2, 14);
  });
  it('passes predictor and nlpar scales through', () => {
    const s = computeDataScale('gaussian', f([1, 2, 3]), { predictorSds: { Days: 2 }, nlparScales: { Asym: 200 } });
    expect(s.predictorSds).toEqual({ Days: 2 });
    expect(s.nlparScales).toEqual({ Asym: 200 });
  });
});
