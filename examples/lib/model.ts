/** A readable description of a compiled model: formula, family, data, groups and the priors used. */
import type { CompiledModel } from '@strata/core';
import { table } from './format.js';

export function describeModel(model: CompiledModel): string {
  const spec = model.spec;
  const lines = [`formula:  ${spec.formula}`];
  if (spec.nl) for (const [name, f] of Object.entries(spec.nl)) lines.push(`          ${name} ~ ${f}`);
  lines.push(`family:   ${model.family.name} (${model.family.link} link)${model.family.knownSe ? ', known measurement sd' : ''}`);
  const groups = model.layout.groups.map(
    (g) => `${g.design.group}${g.nlpar ? ` (on ${g.nlpar})` : ''}: ${g.levels} levels, effects ${g.design.coefNames.join(' + ')}${g.q > 1 ? (g.design.correlated ? ', correlated' : ', uncorrelated') : ''}`,
  );
  lines.push(`data:     ${model.nobs} observations${model.dropped.count ? ` (${model.dropped.count} rows with missing values dropped)` : ''}`);
  if (groups.length) lines.push(`groups:   ${groups.join('; ')}`);
  // Terms sharing an ID ((1 | p | g) in several formulas): one correlated block, one Omega across them.
  for (const b of model.layout.joint) {
    const members = b.terms.map((t) => model.layout.groups[t]).map((g) => g.design.coefNames.map((c) => `${g.nlpar ? `${g.nlpar}_` : ''}${c}`).join(' + '));
    lines.push(`          ID '${b.id}': ${members.join(', ')} of ${b.group} in one correlated block (${b.Q} x ${b.Q} Omega)`);
  }
  if (model.structure.error === 'combined') lines.push('error:    combined, sd = sqrt(sigma^2 + (sigma_prop * mean)^2)');
  if (spec.parameterization === 'centered') lines.push('group-level effects: centred parameterisation');
  lines.push(`parameters: ${model.dimension} on the unconstrained scale`);
  lines.push('priors:');
  lines.push(
    table(
      ['  parameter', 'prior', 'source'],
      model.priors.map((p) => [`  ${p.slot.parameter}`, p.prior.text, p.source]),
      'lll',
    ),
  );
  return lines.join('\n');
}
