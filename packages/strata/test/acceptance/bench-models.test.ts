/**
 * The bench models of issue 16 (bench/models/<m>/ and the reference models the bench times) are
 * usable: each spec compiles on its data, the reported parameters (parameters.json, or the reference
 * posterior's) are the model's own names, the Stan program and its R simulator are there, and the
 * Stan anchor (bench/anchors/<m>.json) holds three timed runs with a C floor.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '@strata/core';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const benchModels = readdirSync(`${root}bench/models`);

describe('bench models and their Stan anchors', () => {
  it('has the shapes issue 16 asks for', () => {
    expect(benchModels).toEqual(expect.arrayContaining(['binomial_crossed', 'poisson_crossed', 'negbinomial_glmm', 'student_glmm', 'sslogis_growth', 'ssasymp_growth', 'nl_two_random']));
  });
  for (const m of benchModels) {
    it(m, () => {
      const dir = `${root}bench/models/${m}/`;
      for (const f of ['spec.json', 'data.csv', 'model.stan', 'model.R', 'parameters.json']) expect(existsSync(`${dir}${f}`), `${m}/${f}`).toBe(true);
      const model = compile(JSON.parse(readFileSync(`${dir}spec.json`, 'utf8')), readFileSync(`${dir}data.csv`, 'utf8'));
      const reported = Object.keys(JSON.parse(readFileSync(`${dir}parameters.json`, 'utf8')));
      expect(reported.length).toBeGreaterThan(0);
      for (const name of reported) expect(model.constrainedNames, name).toContain(name);
      const anchor = JSON.parse(readFileSync(`${root}bench/anchors/${m}.json`, 'utf8')).anchor;
      expect(anchor.runs).toHaveLength(3);
      expect(anchor.c_floor_ns).toBeGreaterThan(0);
      for (const r of anchor.runs) expect(r.leapfrog_total).toBeGreaterThan(0);
    });
  }
});
