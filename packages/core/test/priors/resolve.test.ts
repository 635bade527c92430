import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { PriorError } from '../../src/errors.js';
import { formatPriorTable, listPriors, resolvePriors, specificity } from '../../src/priors/index.js';
import type { DataScale, PriorSlot, PriorSpec, ResolvedPrior } from '../../src/priors/index.js';

const scale: DataScale = { yLocation: 250, yScale: 50, predictorSds: { Days: 2.8809 } };

/** Slots of Reaction ~ 1 + Days + (1 + Days | Subject), gaussian. */
const sleepSlots: PriorSlot[] = [
  { class: 'b', coef: 'Intercept', parameter: 'b_Intercept' },
  { class: 'b', coef: 'Days', parameter: 'b_Days' },
  { class: 'sd', group: 'Subject', coef: 'Intercept', parameter: 'sd_Subject__Intercept' },
  { class: 'sd', group: 'Subject', coef: 'Days', parameter: 'sd_Subject__Days' },
  { class: 'cor', group: 'Subject', parameter: 'cor_Subject' },
  { class: 'sigma', parameter: 'sigma' },
];

/** Slots of the Orange nonlinear model: Asym ~ 1 + (1 | Tree), xmid ~ 1, scal ~ 1. */
const orangeSlots: PriorSlot[] = [
  { class: 'b', nlpar: 'Asym', coef: 'Intercept', parameter: 'b_Asym_Intercept' },
  { class: 'b', nlpar: 'xmid', coef: 'Intercept', parameter: 'b_xmid_Intercept' },
  { class: 'b', nlpar: 'scal', coef: 'Intercept', parameter: 'b_scal_Intercept' },
  { class: 'sd', nlpar: 'Asym', group: 'Tree', coef: 'Intercept', parameter: 'sd_Tree__Asym_Intercept' },
  { class: 'sigma', parameter: 'sigma' },
];

const byParameter = (resolved: ResolvedPrior[]) => Object.fromEntries(resolved.map((r) => [r.slot.parameter, r]));

function priorError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PriorError);
    return (e as Error).message;
  }
  throw new Error('expected a PriorError');
}

describe('reference models', () => {
  const reference = (name: string): PriorSpec[] =>
    JSON.parse(readFileSync(new URL(`../../../../../shared/reference/${name}.json`, import.meta.url), 'utf8')).spec.priors;

  it('sleepstudy: every slot gets the prior of the Stan program', () => {
    const r = byParameter(resolvePriors(reference('sleepstudy'), sleepSlots, scale));
    expect(r.b_Intercept.prior.text).toBe('normal(250, 100)');
    expect(r.b_Days.prior.text).toBe('normal(0, 50)');
    expect(r.sd_Subject__Intercept.prior.text).toBe('normal(0, 100)');
    expect(r.sd_Subject__Days.prior.text).toBe('normal(0, 100)');
    expect(r.cor_Subject.prior.text).toBe('lkj(2)');
    expect(r.sigma.prior.text).toBe('normal(0, 100)');
    expect(r.b_Days.source).toBe('user (class=b, coef=Days)');
    expect(r.sd_Subject__Days.source).toBe('user (class=sd, group=Subject)');
    // half-normal on a scale: sampled on (0, Inf), truncation constant log 2
    expect(r.sigma.bounds).toEqual({ lower: 0, upper: Infinity });
    expect(r.sigma.logTruncation).toBeCloseTo(Math.LN2, 14);
    expect(r.b_Days.logTruncation).toBe(0);
  });

  it('orthodont: coef Intercept beats class b (class b covers the intercept otherwise)', () => {
    const slots: PriorSlot[] = ['Intercept', 'age', 'SexFemale', 'age:SexFemale'].map((coef) => ({
      class: 'b',
      coef,
      parameter: `b_${coef}`,
    }));
    slots.push({ class: 'sigma', parameter: 'sigma' });
    slots.push({ class: 'sd', group: 'Subject', coef: 'Intercept', parameter: 'sd_Subject__Intercept' });
    slots.push({ class: 'cor', group: 'Subject', parameter: 'cor_Subject' });
    const r = byParameter(resolvePriors(reference('orthodont'), slots, scale));
    expect(r.b_Intercept.prior.text).toBe('normal(20, 10)');
    expect(r.b_age.prior.text).toBe('normal(0, 5)');
    expect(r['b_age:SexFemale'].prior.text).toBe('normal(0, 5)');
    expect(r.cor_Subject.prior.text).toBe('lkj(2)');
  });

  it('orange: nlpar priors and an sd prior given by group and nlpar', () => {
    const r = byParameter(resolvePriors(reference('orange'), orangeSlots, scale));
    expect(r.b_Asym_Intercept.prior.text).toBe('normal(200, 100)');
    expect(r.b_xmid_Intercept.prior.text).toBe('normal(700, 300)');
    expect(r.b_scal_Intercept.prior.text).toBe('normal(350, 150)');
    expect(r.sd_Tree__Asym_Intercept.prior.text).toBe('normal(0, 100)');
    expect(r.sd_Tree__Asym_Intercept.source).toBe('user (class=sd, nlpar=Asym, group=Tree)');
  });

  it('eight schools and radon resolve without error', () => {
    const eight = resolvePriors(
      reference('eight_schools'),
      [
        { class: 'b', coef: 'Intercept', parameter: 'b_Intercept' },
        { class: 'sd', group: 'school', coef: 'Intercept', parameter: 'sd_school__Intercept' },
      ],
      scale,
    );
    expect(eight.map((r) => r.prior.text)).toEqual(['normal(0, 5)', 'cauchy(0, 5)']);
    expect(eight[1].logTruncation).toBeCloseTo(Math.LN2, 14); // half-Cauchy
    const radonSlots: PriorSlot[] = [
      ...['Intercept', 'floor', 'log_uranium'].map((coef): PriorSlot => ({ class: 'b', coef, parameter: `b_${coef}` })),
      { class: 'sd', group: 'county', coef: 'Intercept', parameter: 'sd_county__Intercept' },
      { class: 'sd', group: 'county', coef: 'floor', parameter: 'sd_county__floor' },
      { class: 'cor', group: 'county', parameter: 'cor_county' },
      { class: 'sigma', parameter: 'sigma' },
    ];
    expect(resolvePriors(reference('radon'), radonSlots, scale).every((r) => r.source.startsWith('user'))).toBe(true);
  });
});

describe('specificity', () => {
  it('orders coef > group + nlpar > group = nlpar > class', () => {
    expect(specificity({ coef: 'x' })).toBeGreaterThan(specificity({ group: 'g', nlpar: 'a' }));
    expect(specificity({ group: 'g', nlpar: 'a' })).toBeGreaterThan(specificity({ group: 'g' }));
    expect(specificity({ group: 'g' })).toBe(specificity({ nlpar: 'a' }));
    expect(specificity({ nlpar: 'a' })).toBeGreaterThan(specificity({}));
    expect(specificity({ coef: 'x', group: 'g' })).toBeGreaterThan(specificity({ coef: 'x' }));
  });

  it('group + nlpar beats group alone and nlpar alone', () => {
    const user: PriorSpec[] = [
      { prior: 'normal(0, 1)', class: 'sd', group: 'Tree' },
      { prior: 'normal(0, 2)', class: 'sd', group: 'Tree', nlpar: 'Asym' },
      { prior: 'normal(0, 3)', class: 'sd' },
    ];
    const r = byParameter(resolvePriors(user, orangeSlots, scale));
    expect(r.sd_Tree__Asym_Intercept.prior.text).toBe('normal(0, 2)');
  });

  it('group alone vs nlpar alone on the same slot is an ambiguous tie', () => {
    const user: PriorSpec[] = [
      { prior: 'normal(0, 1)', class: 'sd', group: 'Tree' },
      { prior: 'normal(0, 2)', class: 'sd', nlpar: 'Asym' },
    ];
    const msg = priorError(() => resolvePriors(user, orangeSlots, scale));
    expect(msg).toMatch(/prior "normal\(0, 1\)" \(class=sd, group=Tree\) and prior "normal\(0, 2\)" \(class=sd, nlpar=Asym\) are equally specific for sd_Tree__Asym_Intercept/);
  });

  it('two priors for the same thing are a tie; empty strings count as not given', () => {
    const msg = priorError(() =>
      resolvePriors(
        [
          { prior: 'normal(0, 1)', class: 'b', coef: 'Days' },
          { prior: 'normal(0, 2)', class: 'b', coef: 'Days', nlpar: '' },
        ],
        sleepSlots,
        scale,
      ),
    );
    expect(msg).toMatch(/equally specific for b_Days/);
  });

  it('property: each slot gets the unique most specific matching user prior, others keep defaults', () => {
    // candidate user priors over the Orange + sleepstudy-like slot set; each has a unique sd so we can tell them apart
    const slots = [...orangeSlots, { class: 'sd', nlpar: 'xmid', group: 'Tree', coef: 'Intercept', parameter: 'sd_Tree__xmid_Intercept' } as PriorSlot];
    const pool: Omit<PriorSpec, 'prior'>[] = [
      { class: 'b' },
      { class: 'b', nlpar: 'Asym' },
      { class: 'b', nlpar: 'xmid', coef: 'Intercept' },
      { class: 'b', coef: 'Intercept' },
      { class: 'sd' },
      { class: 'sd', group: 'Tree' },
      { class: 'sd', group: 'Tree', nlpar: 'xmid' },
      { class: 'sd', coef: 'Intercept', nlpar: 'Asym' },
      { class: 'sigma' },
    ];
    fc.assert(
      fc.property(fc.subarray(pool.map((_, k) => k)), (chosen) => {
        const user = chosen.map((k) => ({ ...pool[k], prior: `normal(0, ${k + 1})` }));
        let resolved: ResolvedPrior[];
        try {
          resolved = resolvePriors(user, slots, scale);
        } catch (e) {
          // only legitimate failure: a tie between two equally specific matches
          expect((e as Error).message).toMatch(/equally specific/);
          return;
        }
        for (const r of resolved) {
          const matching = user.filter(
            (u) =>
              u.class === r.slot.class &&
              (u.coef === undefined || u.coef === r.slot.coef) &&
              (u.group === undefined || u.group === r.slot.group) &&
              (u.nlpar === undefined || u.nlpar === r.slot.nlpar),
          );
          if (matching.length === 0) {
            expect(r.source).toMatch(/^default/);
            continue;
          }
          const best = Math.max(...matching.map(specificity));
          const winners = matching.filter((u) => specificity(u) === best);
          expect(winners).toHaveLength(1);
          expect(r.prior.text).toBe(winners[0].prior);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('errors', () => {
  it('a coef that does not exist is named, with the valid coefs listed', () => {
    const msg = priorError(() => resolvePriors([{ prior: 'normal(0, 5)', class: 'b', coef: 'Dayz' }], sleepSlots, scale));
    expect(msg).toMatch(/prior "normal\(0, 5\)" \(class=b, coef=Dayz\) matches no parameter: coef "Dayz" does not exist for class b; valid coefs: Intercept, Days/);
  });
  it('unknown group, nlpar and absent class are explained', () => {
    expect(priorError(() => resolvePriors([{ prior: 'normal(0, 5)', class: 'sd', group: 'Subjects' }], sleepSlots, scale))).toMatch(
      /group "Subjects" does not exist for class sd; valid groups: Subject/,
    );
    expect(priorError(() => resolvePriors([{ prior: 'normal(0, 5)', class: 'b', nlpar: 'asym' }], orangeSlots, scale))).toMatch(
      /nlpar "asym" does not exist for class b; valid nlpars: Asym, xmid, scal/,
    );
    expect(priorError(() => resolvePriors([{ prior: 'gamma(2, 1)', class: 'shape' }], sleepSlots, scale))).toMatch(
      /no parameters of class shape; classes in this model: b, sd, cor, sigma/,
    );
  });
  it('bad classes and fields', () => {
    expect(priorError(() => resolvePriors([{ prior: 'normal(0, 5)', class: 'Intercept' }], sleepSlots, scale))).toMatch(
      /no class Intercept; use \{ "class": "b", "coef": "Intercept" \}/,
    );
    expect(priorError(() => resolvePriors([{ prior: 'normal(0, 5)', class: 'beta' }], sleepSlots, scale))).toMatch(
      /unknown class "beta"; valid classes: b, sd, cor, sigma, nu, shape/,
    );
    expect(priorError(() => resolvePriors([{ prior: 'normal(0, 5)', class: 'sigma', coef: 'x' }], sleepSlots, scale))).toMatch(
      /class sigma does not take a coef/,
    );
    expect(priorError(() => resolvePriors([{ prior: 'normal(0, 5)', class: 'b', group: 'Subject' }], sleepSlots, scale))).toMatch(
      /class b does not take a group/,
    );
  });
  it('parse errors are reported with the prior location', () => {
    expect(priorError(() => resolvePriors([{ prior: 'normal(0, -5)', class: 'sigma' }], sleepSlots, scale))).toMatch(
      /prior "normal\(0, -5\)" \(class=sigma\): normal: sigma must be > 0/,
    );
  });
  it('priors that do not fit the parameter range', () => {
    expect(priorError(() => resolvePriors([{ prior: 'uniform(-1, 1)', class: 'sigma' }], sleepSlots, scale))).toMatch(
      /support \[-1, 1\] neither covers the range \(0, Inf\) of sigma nor lies inside it/,
    );
    expect(priorError(() => resolvePriors([{ prior: 'lkj(2)', class: 'b' }], sleepSlots, scale))).toMatch(
      /lkj is a prior for correlation matrices \(class cor\), not for b_Intercept/,
    );
    expect(priorError(() => resolvePriors([{ prior: 'normal(0, 1)', class: 'cor' }], sleepSlots, scale))).toMatch(
      /need an lkj\(eta\) prior/,
    );
    expect(priorError(() => resolvePriors([{ prior: 'normal(-100, 1)', class: 'sigma' }], sleepSlots, scale))).toMatch(
      /almost no probability/,
    );
  });
});

describe('ranges and truncation', () => {
  it('a prior whose support lies inside the range narrows it (uniform(0, 10) on sigma)', () => {
    const r = byParameter(resolvePriors([{ prior: 'uniform(0, 10)', class: 'sigma' }], sleepSlots, scale));
    expect(r.sigma.bounds).toEqual({ lower: 0, upper: 10 });
    expect(r.sigma.logTruncation).toBe(0);
    const b = byParameter(resolvePriors([{ prior: 'lognormal(5, 1)', class: 'b', nlpar: 'Asym' }], orangeSlots, scale));
    expect(b.b_Asym_Intercept.bounds).toEqual({ lower: 0, upper: Infinity });
  });
  it('exponential on a scale needs no truncation; gamma on nu (lower 1) does', () => {
    const r = byParameter(resolvePriors([{ prior: 'exponential(1)', class: 'sigma' }], sleepSlots, scale));
    expect(r.sigma.logTruncation).toBe(0);
    const nu = resolvePriors([], [{ class: 'nu', parameter: 'nu' }], scale)[0];
    expect(nu.prior.text).toBe('gamma(2, 0.1)');
    expect(nu.bounds).toEqual({ lower: 1, upper: Infinity });
    // P(X > 1) for gamma(2, 0.1) = e^-0.1 (1 + 0.1)
    expect(nu.logTruncation).toBeCloseTo(-Math.log(Math.exp(-0.1) * 1.1), 13);
  });
  it('a normal prior off-centre on sigma is normalised by its mass above 0', () => {
    const r = byParameter(resolvePriors([{ prior: 'normal(1, 1)', class: 'sigma' }], sleepSlots, scale));
    expect(r.sigma.logTruncation).toBeCloseTo(-Math.log(1 - 0.158655253931457), 13);
  });
});

describe('default priors', () => {
  it('are scaled to the data and never flat', () => {
    const r = byParameter(resolvePriors([], sleepSlots, scale));
    expect(r.b_Intercept.prior.text).toBe('student_t(3, 250, 125)');
    expect(r.b_Days.prior.text).toBe(`normal(0, ${Number((125 / 2.8809).toPrecision(4))})`);
    expect(r.sd_Subject__Intercept.prior.text).toBe('student_t(3, 0, 125)');
    expect(r.sd_Subject__Intercept.logTruncation).toBeCloseTo(Math.LN2, 14);
    expect(r.sigma.prior.text).toBe('student_t(3, 0, 125)');
    expect(r.cor_Subject.prior.text).toBe('lkj(1)');
    expect(r.b_Intercept.source).toBe('default: student_t(3, yLocation, 2.5 * yScale)');
    const shape = resolvePriors([], [{ class: 'shape', parameter: 'shape' }], scale)[0];
    expect(shape.prior.text).toBe('gamma(0.01, 0.01)');
  });
  it('without an intercept, slopes are centred at 0 but wide enough for the location', () => {
    const slots: PriorSlot[] = [
      { class: 'b', coef: 'SubjectA', parameter: 'b_SubjectA' },
      { class: 'b', coef: 'SubjectB', parameter: 'b_SubjectB' },
    ];
    const r = resolvePriors([], slots, { yLocation: 250, yScale: 50, predictorSds: { SubjectA: 0.5, SubjectB: 0.5 } });
    expect(r[0].prior.text).toBe('normal(0, 1500)'); // 2.5 * (50 + 250) / 0.5
  });
  it('nonlinear parameters get deliberately wide normal(0, 10 * scale) priors', () => {
    const r = byParameter(resolvePriors([], orangeSlots, { yLocation: 115, yScale: 60, nlparScales: { xmid: 700 } }));
    expect(r.b_Asym_Intercept.prior.text).toBe('normal(0, 1150)');
    expect(r.b_xmid_Intercept.prior.text).toBe('normal(0, 7000)');
    expect(r.sd_Tree__Asym_Intercept.prior.text).toBe('student_t(3, 0, 287.5)');
    expect(r.b_Asym_Intercept.source).toMatch(/deliberately wide/);
  });
  it('degenerate scales fall back to 1 and location to 0', () => {
    const r = byParameter(resolvePriors([], sleepSlots, { yLocation: Number.NaN, yScale: 0, predictorSds: { Days: 0 } }));
    expect(r.b_Intercept.prior.text).toBe('student_t(3, 0, 2.5)');
    expect(r.b_Days.prior.text).toBe('normal(0, 2.5)');
  });
});

describe('listPriors', () => {
  it('lists every slot with its prior, bounds and source (like brms get_prior)', () => {
    const rows = listPriors(resolvePriors([{ prior: 'normal(0, 50)', class: 'b', coef: 'Days' }], sleepSlots, scale));
    expect(rows).toHaveLength(sleepSlots.length);
    expect(rows[1]).toEqual({
      parameter: 'b_Days',
      class: 'b',
      coef: 'Days',
      group: '',
      nlpar: '',
      dpar: '',
      prior: 'normal(0, 50)',
      bounds: '',
      source: 'user (class=b, coef=Days)',
    });
    expect(rows[5].bounds).toBe('<lower=0>');
    const table = formatPriorTable(rows).split('\n');
    expect(table).toHaveLength(sleepSlots.length + 1);
    expect(table[0]).toMatch(/^prior\s+class\s+coef\s+group\s+nlpar\s+bounds\s+parameter\s+source$/);
    expect(table[2]).toContain('normal(0, 50)');
    expect(table[2]).toContain('user (class=b, coef=Days)');
  });
});
