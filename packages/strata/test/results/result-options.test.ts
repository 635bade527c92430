import { describe, expect, it } from 'vitest';
import { SpecError } from '@strata/core';
import { looCompareFits } from '../../src/index.js';
import { csvRows, exampleSpec, fakeFit, mean, sharedCsv, thrown } from './helpers.js';

const csv = sharedCsv('sleepstudy');
const spec = exampleSpec('sleepstudy');
const fit = fakeFit(spec, csv);
const row = { Days: 2, Subject: '308' };

describe('options of predict / posteriorPredict / summary / writeCmdStanCsv are checked', () => {
  it('an unknown key is a SpecError naming it and the closest valid key (was silently ignored)', () => {
    const e = thrown(SpecError, () => fit.posteriorEpred([row], { group: 'new' } as never));
    expect(e.path).toBe('options.group');
    expect(e.message).toContain('did you mean "groups"');
    expect(thrown(SpecError, () => fit.posteriorPredict([row], { seeds: 1 } as never)).message).toContain('did you mean "seed"');
    expect(thrown(SpecError, () => fit.summary({ variable: ['b_Days'] } as never)).message).toContain('did you mean "variables"');
  });

  it('options that are not an object, and values of the wrong type, are SpecErrors', () => {
    expect(thrown(SpecError, () => fit.posteriorEpred([row], 'new' as never)).message).toContain('must be an object');
    expect(thrown(SpecError, () => fit.posteriorEpred([row], { allowNewLevels: 'yes' } as never)).path).toBe('options.allowNewLevels');
    expect(thrown(SpecError, () => fit.summary('b_Days' as never)).message).toContain('must be an object');
    expect(thrown(SpecError, () => fit.posteriorEpred([row], { groups: 'new', seed: '1' } as never)).message).toContain('got "1"');
  });

  it('writeCmdStanCsv refuses an empty or non-string path before writing anything', () => {
    expect(thrown(SpecError, () => fit.writeCmdStanCsv('')).path).toBe('basePath');
    expect(thrown(SpecError, () => fit.writeCmdStanCsv(3 as never)).path).toBe('basePath');
  });
});

describe('posteriorPredict() on the training data honours groups', () => {
  it("groups: 'none' without newdata equals the same call with the training rows as newdata (was: own effects)", () => {
    const a = fit.posteriorPredict(undefined, { groups: 'none', seed: 3 });
    const b = fit.posteriorPredict(csv, { groups: 'none', seed: 3 });
    const observed = fit.posteriorPredict(undefined, { seed: 3 });
    expect(a.N).toBe(180);
    expect(Array.from(a.yrep)).toEqual(Array.from(b.yrep));
    expect(Array.from(a.yrep)).not.toEqual(Array.from(observed.yrep));
  });
});

describe('allowNewLevels (brms allow_new_levels): seen levels keep their effects, unseen ones get fresh draws', () => {
  const mixed = fit.posteriorEpred([{ Days: 2, Subject: 'NEW' }, row], { allowNewLevels: true, seed: 9 });
  it('a seen level gives exactly the observed prediction', () => {
    const observed = fit.posteriorEpred([row]);
    for (let s = 0; s < mixed.S; s++) expect(mixed.draws[s * 2 + 1]).toBe(observed.draws[s]);
  });
  it("an unseen level gives exactly what groups: 'new' gives it (same seed)", () => {
    const fresh = fit.posteriorEpred([{ Days: 2, Subject: 'NEW' }], { groups: 'new', seed: 9 });
    const none = fit.posteriorEpred([{ Days: 2 }], { groups: 'none' });
    for (let s = 0; s < mixed.S; s++) expect(mixed.draws[s * 2]).toBe(fresh.draws[s]);
    expect(mean(mixed.draws.filter((_, k) => k % 2 === 0).map((v, s) => Math.abs(v - none.draws[s])))).toBeGreaterThan(0);
  });
  it("without it an unseen level still fails and the message offers it; it is refused with groups other than 'observed'", () => {
    expect(thrown(Error, () => fit.posteriorEpred([{ Days: 2, Subject: 'NEW' }])).message).toContain('allowNewLevels: true');
    expect(thrown(SpecError, () => fit.posteriorEpred([row], { groups: 'none', allowNewLevels: true })).path).toBe('options.allowNewLevels');
  });
});

describe('looCompareFits() warns when the fits saw different responses', () => {
  it('same N, different y: a warning naming both models (as loo_compare\'s yhash check)', () => {
    const shifted = csvRows(csv).map((r) => ({ ...r, Reaction: Number(r.Reaction) + 1 }));
    const other = fakeFit(spec, shifted);
    const out = looCompareFits({ name: 'a', fit }, { name: 'b', fit: other });
    expect(out.warnings.join('\n')).toMatch(/"a" and "b" were not fitted to the same response/);
    expect(looCompareFits({ name: 'a', fit }, { name: 'c', fit: fakeFit(spec, csv, 2, 40, 6) }).warnings.join('\n')).not.toContain('same response');
  });
});
