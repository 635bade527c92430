/**
 * From a validated spec and data to the model's structure: parsed formulas, the typed table, design
 * matrices per linear predictor, the family bound to the response, and the list of prior slots.
 * Nothing here knows the parameter layout; layout.ts does that.
 */
import type { RawTable, Table, TableInput, UsedColumns } from '../data/index.js';
import { prepareTable, toRawTable } from '../data/index.js';
import { DataError, FormulaError, SpecError } from '../errors.js';
import type { ExprNode } from '../expr/index.js';
import { compileNonlinear, parseExpression, variablesOf } from '../expr/index.js';
import { getFamily } from '../families/index.js';
import { gaussianCombined } from '../families/gaussian-combined.js';
import { AutocorSigmaLikelihood, autocorGaussian } from './autocor-likelihood.js';
import { fusedDparsCode } from '../families/dpars-code.js';
import { autocorStudent } from './autocor-student.js';
import type { Design, Rhs } from '../formula/index.js';
import { buildDesign, mergeUsedColumns, parseResponse, parseRhs, responseColumns, rhsColumns, splitFormula } from '../formula/index.js';
import { checkParametersNotColumns, checkResponseNotPredictor, nonlinearWithoutNl } from './checks.js';
import type { ModelSpec } from './spec.js';
import { familyDpar, familyInfo, familyLink, type ContractLink, type DparInfo } from '../families/catalog.js';
import { observationKernel } from '../families/observation-kernels.js';
import { DistributionalKernelLikelihood, type KernelExtras } from '../families/kernel-likelihood.js';
import { checkResponseKind } from '../families/response-checks.js';
import { isKernelFamily } from '../families/kernel-families.js';
import { withLink } from '../families/link-variants.js';
import { cumulativeFamily } from '../families/cumulative-family.js';
import { categoryCount, ordinalDesign } from './ordinal.js';
import { parseAutocor } from '../formula/autocor.js';
import { autocorStructure } from './autocor-data.js';
import { groupIdBlocks } from './group-ids.js';
import { responseExtrasData } from './response-extras.js';
import { withResponseExtras } from './extras-likelihood.js';
import { unsupportedFeatures } from './unsupported.js';

export type { DparStructure, ModelStructure, PredictorStructure } from './structure-types.js';
import type { DparStructure, ModelStructure, PredictorStructure } from './structure-types.js';

export function buildStructure(spec: ModelSpec, data: TableInput | RawTable): ModelStructure {
  const { rhs: rhsText, rhsOffset } = splitFormula(spec.formula);
  // Both sides are parsed in place, so a syntax error cites its position in the whole formula.
  const response = parseResponse(spec.formula, rhsOffset - 1);
  if (response === null) throw new SpecError('the formula needs a response on the left of "~", e.g. "y ~ 1 + x"', 'spec.formula');

  const info = familyInfo(spec.family ?? 'gaussian');
  const link = familyLink(info, spec.link);
  if (response.se !== undefined && info.name !== 'gaussian') {
    throw new SpecError(`se() in the response is only supported for the gaussian family, not "${info.name}"`, 'family');
  }
  const needsTrials = info.response === 'trials';
  if (needsTrials && response.trials === undefined) {
    throw new SpecError(`the ${info.name} family needs the number of trials: write "${response.column} | trials(n) ~ ..."`, 'spec.formula');
  }
  if (!needsTrials && response.trials !== undefined) {
    throw new SpecError(`trials() is only used by the binomial family, not "${info.name}"`, 'spec.formula');
  }

  // The data is read when first needed, so formula errors come before data errors.
  let rawTable: RawTable | undefined;
  const readData = (): RawTable => (rawTable ??= isRawTable(data) ? data : toRawTable(data));
  const nlNames = spec.nl ? Object.keys(spec.nl) : [];
  let expression: ExprNode | null = null;
  const predictorsRhs: { nlpar: string | null; rhs: Rhs }[] = [];
  let used: UsedColumns = responseColumns(response);
  let nlCovariates: string[] = [];
  if (spec.nl) {
    expression = inFormula(spec.formula, () => parseExpression(rhsText, rhsOffset));
    const vars = new Set(variablesOf(expression));
    for (const name of nlNames) {
      if (!vars.has(name)) {
        throw new SpecError(`nonlinear parameter "${name}" has a formula in "nl" but does not appear in "${rhsText.trim()}"`, `spec.nl.${name}`);
      }
      const rhs = parseRhs(spec.nl[name]);
      predictorsRhs.push({ nlpar: name, rhs });
      used = mergeUsedColumns(used, rhsColumns(rhs));
    }
    nlCovariates = [...vars].filter((v) => !nlNames.includes(v));
    used = mergeUsedColumns(used, { numeric: nlCovariates, factor: [], any: [] });
  } else {
    const rhs = parseLinearRhs(spec.formula, rhsOffset, () => {
      const raw = readData();
      return (name) => raw.cells.has(name);
    });
    predictorsRhs.push({ nlpar: null, rhs });
    used = mergeUsedColumns(used, rhsColumns(rhs));
  }

  const dparsRhs: { dpar: DparInfo; rhs: Rhs }[] = [];
  for (const [name, text] of Object.entries(spec.dpars ?? {})) {
    const dpar = familyDpar(info, name);
    if (name === 'sigma' && response.se !== undefined) throw new SpecError('a formula for sigma with se() in the response: se() gives each observation its sd, so there is no sigma', 'spec.dpars.sigma');
    const rhs = parseRhs(text);
    dparsRhs.push({ dpar, rhs });
    used = mergeUsedColumns(used, rhsColumns(rhs));
  }
  const autocorTerm = spec.autocor !== undefined ? parseAutocor(spec.autocor) : null;
  if (autocorTerm) used = mergeUsedColumns(used, { numeric: autocorTerm.time !== null ? [autocorTerm.time] : [], factor: autocorTerm.gr !== null ? [autocorTerm.gr] : [], any: [] });
  const groupIds = groupIdBlocks([
    ...predictorsRhs.map(({ nlpar, rhs }) => ({ label: nlpar ? `nl.${nlpar}` : 'formula', rhs })),
    ...dparsRhs.map(({ dpar, rhs }) => ({ label: `dpars.${dpar.name}`, rhs })),
  ]);

  checkResponseNotPredictor(response.column, [...predictorsRhs, ...dparsRhs.map(({ dpar, rhs }) => ({ nlpar: `dpar ${dpar.name}`, rhs }))], expression);

  const raw = readData();
  checkParametersNotColumns(nlNames, (name) => raw.cells.has(name));
  for (const name of nlCovariates) {
    if (!raw.cells.has(name)) {
      throw new SpecError(
        `"${name}" in the nonlinear formula is neither a nonlinear parameter (${nlNames.join(', ')}) nor a data column (${raw.names.join(', ')})`,
        'spec.formula',
      );
    }
  }
  const prepared = prepareTable(raw, used, { factors: spec.factors, na: spec.na, ...(spec.levels ? { levels: spec.levels } : {}) });
  const { table } = prepared;
  const n = table.nrow;
  if (n === 0) throw new DataError('no rows left to fit (every row had a missing value in a used column)');

  const y = numericColumn(table, response.column, 'response');
  const rowOf = (i: number): number => (table.sourceRows ? table.sourceRows[i] : i + 1);
  // The first seven families check their responses in bind(); the others here, with the source row.
  if (!info.implemented || isKernelFamily(info.name) || info.name === 'cumulative') checkResponseKind(info, y, response.column, rowOf);
  const responseExtras = responseExtrasData(response, y, table, info);
  const trials = response.trials === undefined ? null : typeof response.trials === 'number' ? new Float64Array(n).fill(response.trials) : numericColumn(table, response.trials, 'trials()');
  const se = response.se === undefined ? null : numericColumn(table, response.se, 'se()');
  const ordinal = info.name === 'cumulative';
  const predictors: PredictorStructure[] = predictorsRhs.map(({ nlpar, rhs }) => {
    const design = buildDesignFor(rhs, table, nlpar);
    return { nlpar, rhs, design: ordinal ? ordinalDesign(design, expression !== null) : design };
  });
  const dpars = dparsRhs.map(({ dpar, rhs }): DparStructure => ({ dpar: dpar.name, link: dpar.link, rhs, design: buildDesignFor(rhs, table, null) }));
  const autocor = autocorTerm ? autocorStructure(autocorTerm, table) : undefined;
  const extensions = {
    contract: { family: info, link },
    ...(responseExtras ? { responseExtras } : {}),
    ...(dpars.length > 0 ? { dpars } : {}),
    ...(autocor ? { autocor } : {}),
    ...(spec.error === 'combined' ? { error: 'combined' as const } : {}),
    ...(groupIds.length > 0 ? { groupIds } : {}),
  };
  unsupportedFeatures({ spec, predictors, ...extensions });

  if (extensions.autocor && response.se) throw new SpecError('autocor models the residuals; it cannot be combined with a known se() in the response', 'spec.autocor');
  if (spec.error === 'combined' && response.se) throw new SpecError('"error": "combined" estimates the residual sd; it cannot be combined with a known se() in the response', 'spec.error');
  // the response extras' kernels are the plain family's: they would drop the autocorrelation or sigma_prop
  if (responseExtras && extensions.autocor) throw new SpecError('weights(), cens() or trunc() together with autocor is not supported yet', 'spec.formula');
  if (responseExtras && spec.error === 'combined') throw new SpecError('weights(), cens() or trunc() together with "error": "combined" is not supported yet', 'spec.formula');
  // "error": "combined" is gaussian (spec-extensions.ts checks) with a second aux, sigma_prop
  const family = ordinal
    ? cumulativeFamily(categoryCount(y), responseExtras?.weights ?? null)
    : extensions.autocor
      ? info.name === 'student'
        ? autocorStudent(extensions.autocor)
        : autocorGaussian(extensions.autocor)
      : spec.error === 'combined'
        ? gaussianCombined
        : withLink(getFamily(info.name, { se: response.se !== undefined }), link);
  const bound = family.bind({
    y,
    ...(trials ? { trials } : {}),
    ...(se ? { se } : {}),
    column: response.column,
    ...(typeof response.trials === 'string' ? { trialsColumn: response.trials } : typeof response.trials === 'number' ? { trialsColumn: `trials(${response.trials})` } : {}),
    ...(response.se ? { seColumn: response.se } : {}),
  });
  const likelihood = ordinal ? bound : withResponseExtras(bound, info.name, link, y, responseExtras ?? undefined, { trials, se });
  // A dpars formula is one more linear predictor (after the model's own), named by its dpar.
  for (const d of dpars) {
    const auxIndex = family.aux.findIndex((a) => a.name === d.dpar);
    if (auxIndex < 0) throw new Error(`internal: the ${info.name} family has no parameter ${d.dpar}`);
    predictors.push({ nlpar: d.dpar, dpar: { name: d.dpar, link: d.link, auxIndex }, rhs: d.rhs, design: d.design });
  }
  const distributional =
    dpars.length === 0
      ? undefined
      : extensions.autocor
        ? new AutocorSigmaLikelihood(y, extensions.autocor)
        : distributionalLikelihood(info.name, link, y, responseExtras ?? null, trials, predictors);

  let nonlinear: ModelStructure['nonlinear'] = null;
  if (expression) {
    const nlSet = new Set(nlNames);
    const model = compileNonlinear(expression, (name) => nlSet.has(name));
    const covariates = model.covariates.map((c) => numericColumn(table, c, 'nonlinear formula'));
    const paramOrder = model.params.map((p) => nlNames.indexOf(p));
    nonlinear = { expression, model, covariates, paramOrder };
  }

  return {
    spec,
    family,
    response,
    table,
    dropped: prepared.dropped,
    droppedRows: prepared.droppedRows,
    usedData: tableToPlain(table),
    n,
    y,
    trials,
    se,
    likelihood,
    ...(distributional ? { distributional } : {}),
    predictors,
    nonlinear,
    ...extensions,
  };
}

/** The per-observation kernel likelihood with the dpars predictors' values in place of their scalars. */
function distributionalLikelihood(family: string, link: ContractLink, y: Float64Array, extras: KernelExtras | null, trials: Float64Array | null, predictors: PredictorStructure[]): DistributionalKernelLikelihood {
  const kernel = observationKernel(family, link, { trials });
  if (!kernel) throw new SpecError(`a "dpars" formula with the ${family} family is not supported`, 'spec.dpars');
  const modelled = predictors.flatMap((p) => (p.dpar ? [{ auxIndex: p.dpar.auxIndex, link: p.dpar.link }] : []));
  const code = fusedDparsCode(family, link, y, extras !== null, modelled.map((m) => m.auxIndex));
  return new DistributionalKernelLikelihood(kernel, y, extras, modelled, code ?? undefined);
}

function buildDesignFor(rhs: Rhs, table: Table, nlpar: string | null): Design {
  try {
    return buildDesign(rhs, table);
  } catch (e) {
    if (nlpar && e instanceof SpecError) throw new SpecError(`${e.message} (in the formula of nonlinear parameter "${nlpar}")`, `spec.nl.${nlpar}`);
    throw e;
  }
}

/** The terms of a linear formula; a growth function used without "nl" gets an error saying what to write. */
function parseLinearRhs(formula: string, rhsOffset: number, hasColumn: () => (name: string) => boolean): Rhs {
  try {
    return parseRhs(formula, rhsOffset);
  } catch (e) {
    if (e instanceof FormulaError) throw nonlinearWithoutNl(formula.slice(rhsOffset), hasColumn) ?? e;
    throw e;
  }
}

/** Re-issues an expression parse error (positions already in the formula) against the whole formula text. */
function inFormula<T>(formula: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof FormulaError) throw new FormulaError(e.detail, formula, e.position, e.expected);
    throw e;
  }
}

function isRawTable(x: unknown): x is RawTable {
  return typeof x === 'object' && x !== null && (x as RawTable).cells instanceof Map;
}

function numericColumn(table: Table, name: string, role: string): Float64Array {
  const col = table.columns.get(name);
  if (!col) throw new DataError(`column "${name}" (${role}) is missing`, { column: name });
  if (col.kind !== 'numeric') {
    throw new DataError(`column "${name}" is used as ${role} and must be numeric, but holds text such as "${col.levels[0]}"`, { column: name });
  }
  return col.values;
}

/** The typed table back as plain columns (numbers, or labels for factors) for the JSON form. */
function tableToPlain(table: Table): Record<string, (number | string)[]> {
  const out: Record<string, (number | string)[]> = {};
  for (const [name, col] of table.columns) {
    out[name] = col.kind === 'numeric' ? Array.from(col.values) : Array.from(col.codes, (c) => col.levels[c]);
  }
  return out;
}
