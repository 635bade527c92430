/**
 * Design matrices from a parsed right-hand side and a prepared table, as R's model.matrix and brms build
 * them: treatment contrasts with the first level (in order of appearance) as reference, columns named
 * 'Intercept', 'Days', 'SexFemale', 'age:SexFemale', 'I(x^2)'; one GroupDesign per group term.
 */
import type { Table } from '../data/types.js';
import { DataError, SpecError } from '../errors.js';
import type { GroupTerm, Rhs } from './ast.js';
import { groupName } from './ast.js';
import { checkFullRank } from './rank.js';
import { groupingFactor, modelMatrix, rowMajor, VariableSource, type PolyRecord } from './model-matrix.js';

export type { PolyRecord } from './model-matrix.js';

export interface FixedDesign {
  names: string[];
  p: number;
  /** n x p, row-major. */
  X: Float64Array;
  /** The term each column comes from ('Intercept' for the intercept), e.g. 'age:Sex' for 'age:SexFemale'. */
  terms: string[];
}

export interface GroupDesign {
  /** 'Subject', or 'a:b' for a nested or interaction grouping factor. */
  group: string;
  /** The grouping columns ('a', 'b' for a:b). */
  grouping: string[];
  /** In order of appearance; for a:b the two labels joined by '_' (as brms: r_a:b[1_2,Intercept]). */
  levels: string[];
  /** n, 0-based level of each observation. */
  index: Int32Array;
  coefNames: string[];
  q: number;
  /** n x q, row-major. */
  Z: Float64Array;
  correlated: boolean;
}

export interface Design {
  fixed: FixedDesign;
  groups: GroupDesign[];
  /** The sum of the rhs's offset(...) terms per observation (coefficient 1); absent without offsets. */
  offset?: Float64Array;
  /** The poly() bases of this design, with R's coefficients (new data is evaluated with them). */
  polys?: PolyRecord[];
}


export function buildDesign(rhs: Rhs, table: Table): Design {
  if (table.nrow < 1) throw new DataError('the data has no rows');
  const source = new VariableSource(table);
  const fixedMatrix = modelMatrix(rhs.intercept, rhs.terms, source, 'the fixed effects');
  checkFullRank(fixedMatrix.columns, fixedMatrix.names, fixedMatrix.terms);
  const fixed: FixedDesign = {
    names: fixedMatrix.names,
    p: fixedMatrix.names.length,
    X: rowMajor(fixedMatrix.columns, table.nrow),
    terms: fixedMatrix.terms,
  };
  const groups = rhs.groups.map((g) => groupDesign(g, source));
  checkGroupCoefficients(groups);
  const design: Design = { fixed, groups };
  if (rhs.offsets && rhs.offsets.length > 0) design.offset = source.offset(rhs.offsets);
  if (source.polys.length > 0) design.polys = source.polys;
  return design;
}

function groupDesign(g: GroupTerm, source: VariableSource): GroupDesign {
  const { levels, index } = groupingFactor(g.grouping, source.table, true);
  const group = groupName(g);
  // With one level the group-level sd is not identified from the data (lme4 refuses it too); the fit
  // would only show divergences. One observation per level is fine (observation-level effects).
  if (levels.length < 2) {
    const where = g.grouping.length === 1 ? { column: group } : {};
    throw new DataError(`grouping factor '${group}' has only 1 level ('${levels[0]}'); a group-level term needs at least 2`, where);
  }
  const matrix = modelMatrix(g.rhs.intercept, g.rhs.terms, source, `group term for '${group}'`);
  return {
    group,
    grouping: [...g.grouping],
    levels,
    index,
    coefNames: matrix.names,
    q: matrix.names.length,
    Z: rowMajor(matrix.columns, source.table.nrow),
    correlated: g.correlated,
  };
}

/** Two group terms on the same grouping factor may not both have a coefficient of the same name. */
function checkGroupCoefficients(groups: GroupDesign[]): void {
  const seen = new Map<string, Set<string>>();
  for (const g of groups) {
    const names = seen.get(g.group) ?? new Set<string>();
    for (const coef of g.coefNames) {
      if (names.has(coef)) {
        throw new SpecError(`'${coef}' varies by '${g.group}' in two group terms; list it in one group term only`, 'formula');
      }
      names.add(coef);
    }
    seen.set(g.group, names);
  }
}
