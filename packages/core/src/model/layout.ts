/**
 * The parameter layout: where every parameter lives in the unconstrained vector theta, its transform
 * and its prior. Order: fixed effects of every predictor, the family's auxiliary parameters, then per
 * group term its sds, its correlation (Cholesky) values and its standardised effects z.
 */
import type { LkjPrior, PriorDist, PriorSlot, PriorSpec, ResolvedPrior } from '../priors/index.js';
import { computeDataScale, predictorScale, resolvePriors } from '../priors/index.js';
import type { ScalarTransform } from '../transforms/index.js';
import { boundTransform, choleskyCorrSize } from '../transforms/index.js';
import type { FixedDesign, GroupDesign } from '../formula/index.js';
import { printGroupTerm } from '../formula/index.js';
import { SpecError } from '../errors.js';
import { choleskyRawName, fixedName, logName, ranefName, sdName, zName } from './names.js';
import { buildConstrainedLayout, type ConstrainedLayout } from './constrained.js';
import { planJointBlocks, type JointMembership } from './joint-groups.js';
import type { ModelStructure } from './structure.js';

export interface ScalarParam {
  /** Constrained name, e.g. b_Days, sigma, sd_Subject__Days. */
  name: string;
  offset: number;
  prior: PriorDist;
  transform: ScalarTransform;
  /** -log of the prior mass inside the parameter's range (normalises truncated priors). */
  logTruncation: number;
}

export interface FixedBlock {
  predictor: number;
  nlpar: string | null;
  /** The training data's fixed-effect design of this predictor (X, column names). */
  design: FixedDesign;
  params: ScalarParam[];
}

export interface GroupBlock {
  predictor: number;
  nlpar: string | null;
  design: GroupDesign;
  q: number;
  levels: number;
  sd: ScalarParam[];
  /** Offset of the K(K-1)/2 Cholesky values, or -1 when the term has no correlations. */
  corOffset: number;
  corPrior: LkjPrior | null;
  /** Offset of the levels x q block of z (or of r itself when centred). */
  zOffset: number;
  centred: boolean;
  /** Present when the term shares an ID with others: its block in layout.joint (which owns cor and z). */
  joint?: JointMembership;
}

/** A correlated block spanning several terms (one Omega; joint-groups.ts). */
export interface JointBlock {
  id: string;
  group: string;
  /** Total coefficients; the terms' own sds, in layout.groups order, are its sds. */
  Q: number;
  levels: number;
  /** Indices into layout.groups, in coefficient order. */
  terms: number[];
  corOffset: number;
  corPrior: LkjPrior;
  /** Offset of the levels x Q block of z. */
  zOffset: number;
}

export interface Layout {
  dimension: number;
  /** Names of the unconstrained coordinates. */
  parameterNames: string[];
  fixed: FixedBlock[];
  aux: ScalarParam[];
  groups: GroupBlock[];
  /** Blocks shared by several terms through an ID; empty without them. */
  joint: JointBlock[];
  priors: ResolvedPrior[];
  /** Names of the constrained quantities constrain() returns, in its order (= constrained.names). */
  constrainedNames: string[];
  /** Names and positions of the constrained vector (constrained.ts). */
  constrained: ConstrainedLayout;
}

export function buildLayout(s: ModelStructure): Layout {
  const slots: PriorSlot[] = [];
  const names: string[] = [];
  let offset = 0;
  const scalarSlots: { slotIndex: number; offset: number }[] = [];

  // Scalars are named once their prior is resolved (the bounds decide the transform); '' holds the place.
  const addScalar = (slot: PriorSlot): number => {
    slots.push(slot);
    scalarSlots.push({ slotIndex: slots.length - 1, offset });
    names.push('');
    return offset++;
  };

  // Fixed effects
  const fixedPlan = s.predictors.map((p, k) => ({
    predictor: k,
    nlpar: p.nlpar,
    offsets: p.design.fixed.names.map((coef) =>
      addScalar({ class: 'b', coef, ...owner(p), parameter: fixedName(p.nlpar, coef) }),
    ),
  }));
  // Auxiliary parameters of the family (those with a dpars formula are its predictors instead)
  const modelled = new Set<string>(s.predictors.flatMap((p) => (p.dpar ? [p.dpar.name] : [])));
  const auxPlan = s.family.aux.filter((a) => !modelled.has(a.name)).map((a) =>
    addScalar({
      class: a.class ?? (a.name as PriorSlot['class']),
      parameter: a.parameter ?? a.name,
      ...(a.coef ? { coef: a.coef } : {}),
      lower: a.lower,
      ...(a.upper !== undefined ? { upper: a.upper } : {}),
    }),
  );
  // Group terms
  const groupPlan: { predictor: number; nlpar: string | null; design: GroupDesign; sdOffsets: number[]; corOffset: number; corSlot: number; zOffset: number; joint?: JointMembership }[] = [];
  const centred = s.spec.parameterization === 'centered';
  const allTerms = s.predictors.flatMap((p) => p.design.groups.map((design, index) => ({ formula: formulaLabel(p), index, design })));
  const jointPlan = planJointBlocks(s.groupIds, allTerms);
  if (centred && jointPlan.blocks.length > 0) throw new SpecError(`the centred parameterisation does not support group terms joined by an ID ('${jointPlan.blocks[0].id}'); use the default non-centred one`, 'spec.parameterization');
  s.predictors.forEach((p, k) => {
    p.design.groups.forEach((g, t) => {
      const joint = jointPlan.membership[groupPlan.length];
      const sdOffsets = g.coefNames.map((coef) =>
        addScalar({ class: 'sd', group: g.group, coef, ...owner(p), parameter: sdName(g.group, p.nlpar, coef) }),
      );
      let corOffset = -1;
      let corSlot = -1;
      if (joint) {
        groupPlan.push({ predictor: k, nlpar: p.nlpar, design: g, sdOffsets, corOffset: -1, corSlot: -1, zOffset: -1, joint });
        return;
      }
      if (g.correlated && g.q > 1) {
        if (centred) {
          throw new SpecError(
            // The suggestion is the user's own group term with '||' (design groups follow rhs.groups).
            `the centred parameterisation supports uncorrelated group terms only; write ${printGroupTerm({ ...p.rhs.groups[t], correlated: false })} or use the default non-centred one`,
            'spec.parameterization',
          );
        }
        slots.push({ class: 'cor', group: g.group, ...owner(p), parameter: `cor_${g.group}${p.nlpar ? `__${p.nlpar}` : ''}` });
        corSlot = slots.length - 1;
        corOffset = offset;
        for (let c = 0; c < choleskyCorrSize(g.q); c++) names.push(choleskyRawName(g.group, p.nlpar, c));
        offset += choleskyCorrSize(g.q);
      }
      const zOffset = offset;
      for (const level of g.levels) {
        for (const coef of g.coefNames) names.push(centred ? ranefName(g.group, p.nlpar, level, coef) : zName(g.group, p.nlpar, level, coef));
      }
      offset += g.levels.length * g.q;
      groupPlan.push({ predictor: k, nlpar: p.nlpar, design: g, sdOffsets, corOffset, corSlot, zOffset });
    });
  });

  // Shared blocks: their correlation and z after all terms' own parameters
  const jointAt = jointPlan.blocks.map((b) => {
    slots.push({ class: 'cor', group: b.group, parameter: `cor_${b.group}` });
    const corSlot = slots.length - 1;
    const corOffset = offset;
    for (let c = 0; c < choleskyCorrSize(b.Q); c++) names.push(choleskyRawName(b.group, b.id, c));
    offset += choleskyCorrSize(b.Q);
    const zOffset = offset;
    for (const level of b.levels) {
      for (const at of b.terms) for (const coef of groupPlan[at].design.coefNames) names.push(zName(b.group, groupPlan[at].nlpar, level, coef));
    }
    offset += b.levels.length * b.Q;
    return { corSlot, corOffset, zOffset };
  });

  const predictorSds: Record<string, number> = {};
  // The model's own predictor and the dpars' (a coefficient name is one data column in all of them)
  for (const main of s.predictors.filter((p) => p.nlpar === null || p.dpar)) {
    const { X, p, names: coefs } = main.design.fixed;
    coefs.forEach((coef, k) => {
      if (coef === 'Intercept') return;
      const col = new Float64Array(s.n);
      for (let i = 0; i < s.n; i++) col[i] = X[i * p + k];
      predictorSds[coef] = predictorScale(col);
    });
  }
  const scale = computeDataScale(s.family.name, s.y, { predictorSds });
  const priors = resolvePriors((s.spec.priors ?? []) as PriorSpec[], slots, scale);

  const scalarAt = new Map<number, ScalarParam>();
  for (const { slotIndex, offset: off } of scalarSlots) {
    const r = priors[slotIndex];
    const transform = boundTransform(r.bounds.lower, r.bounds.upper);
    const param: ScalarParam = { name: r.slot.parameter, offset: off, prior: r.prior as PriorDist, transform, logTruncation: r.logTruncation };
    scalarAt.set(off, param);
    names[off] = unconstrainedName(param.name, transform);
  }

  const fixed: FixedBlock[] = fixedPlan.map((f) => ({
    predictor: f.predictor,
    nlpar: f.nlpar,
    design: s.predictors[f.predictor].design.fixed,
    params: f.offsets.map((o) => scalarAt.get(o)!),
  }));
  const aux = auxPlan.map((o) => scalarAt.get(o)!);
  const groups: GroupBlock[] = groupPlan.map((g) => ({
    predictor: g.predictor,
    nlpar: g.nlpar,
    design: g.design,
    q: g.design.q,
    levels: g.design.levels.length,
    sd: g.sdOffsets.map((o) => scalarAt.get(o)!),
    corOffset: g.corOffset,
    corPrior: g.corSlot >= 0 ? (priors[g.corSlot].prior as LkjPrior) : null,
    zOffset: g.zOffset,
    centred,
    ...(g.joint ? { joint: g.joint } : {}),
  }));
  const joint: JointBlock[] = jointPlan.blocks.map((b, u) => ({
    id: b.id,
    group: b.group,
    Q: b.Q,
    levels: b.levels.length,
    terms: b.terms,
    corOffset: jointAt[u].corOffset,
    corPrior: priors[jointAt[u].corSlot].prior as LkjPrior,
    zOffset: jointAt[u].zOffset,
  }));

  const constrained = buildConstrainedLayout(fixed, aux, groups, joint, s.family.aux.map((a) => modelled.has(a.name)));
  return { dimension: offset, parameterNames: names, fixed, aux, groups, joint, priors, constrainedNames: constrained.names, constrained };
}

/** Which formula a prior slot belongs to: a nonlinear parameter's (nlpar) or a dpars formula's (dpar). */
function owner(p: ModelStructure['predictors'][number]): { nlpar?: string; dpar?: string } {
  if (p.dpar) return { dpar: p.dpar.name };
  return p.nlpar ? { nlpar: p.nlpar } : {};
}

/** The label group-ids.ts gives the formula of predictor p. */
function formulaLabel(p: ModelStructure['predictors'][number]): string {
  return p.dpar ? `dpars.${p.dpar.name}` : p.nlpar === null ? 'formula' : `nl.${p.nlpar}`;
}

function unconstrainedName(name: string, t: ScalarTransform): string {
  switch (t.kind) {
    case 'identity':
      return name;
    case 'lower':
      return logName(name, t.lower);
    case 'upper':
      return `log(${t.upper} - ${name})`;
    case 'interval':
      return `logit((${name} - ${t.lower}) / ${t.upper - t.lower})`;
  }
}
