/**
 * Model-spec parameter names <-> CmdStan CSV column names.
 *
 * CmdStan writes an element of an indexed variable with dots: `a[1,2]` becomes the column `a.1.2`,
 * and every reader maps it back (rstan's `dotfnames_to_sqrfnames`, cmdstanr's
 * `repair_variable_names`, CmdStan's own `prettify_stan_csv_name`: first dot -> `[`, further dots
 * -> `,`, then `]`; CmdStan splits on `:` (tuples) first).
 *
 * Our names are brms's (`b_age:SexFemale`, `r_Subject[308,Intercept]`), and two readers disagree
 * about what they can take (checked by hand with R 4.2 / rstan 2.21.7 and from cmdstanr's source):
 *  - rstan::read_stan_csv (2.21) reads the body with `read.csv(check.names = TRUE)`, so every
 *    character outside `[A-Za-z0-9._]` becomes a dot (`b_age:SexFemale` -> `b_age.SexFemale`), and it
 *    then needs every dotted suffix to be numeric: a column `r_Subject.308.Intercept` (or
 *    `b_age.SexFemale`) stops it with "Error in lp[[1]] : subscript out of bounds".
 *  - cmdstanr maps `r_Subject.308.Intercept` back to `r_Subject[308,Intercept]` exactly and keeps `:`.
 *
 * So there are two styles:
 *  - 'portable' (the default, readable by rstan 2.21+, cmdstanr, CmdStan's stansummary):
 *      * `name` made of `[A-Za-z0-9_]`, starting with a letter -> unchanged (`b_Intercept`,
 *        `sd_Subject__Intercept`, `cor_Subject__Intercept__Days`);
 *      * `base[i,j,...]` with such a base and positive integer indices -> `base.i.j` (CmdStan's own
 *        form, so every reader gives back exactly `base[i,j]`);
 *      * anything else: each run of other characters becomes `_`, trailing `_` dropped
 *        (`b_age:SexFemale` -> `b_age_SexFemale`, `r_Subject[308,Intercept]` ->
 *        `r_Subject_308_Intercept`); a name that would collide gets `_2`, `_3`, ...
 *  - 'cmdstan': `base[i,j]` -> `base.i.j` whenever base is `[A-Za-z][A-Za-z0-9_:]*` and every index
 *    is `[A-Za-z0-9_]+` (so `r_Subject.308.Intercept`, which cmdstanr/posterior read back as
 *    `r_Subject[308,Intercept]`; rstan::read_stan_csv cannot read such a file), `:` kept; anything
 *    else as in 'portable'.
 * Every column whose generic inverse (the dot rule above) is not the model name is listed in a
 * comment block of the file (see `formatNameMap`), which our reader uses to restore the exact model
 * names; external readers ignore it (its lines have no `=`).
 */

export type ColumnNameStyle = 'portable' | 'cmdstan';

const SAFE_SCALAR = /^[A-Za-z][A-Za-z0-9_]*$/;
const SAFE_BASE_CMDSTAN = /^[A-Za-z][A-Za-z0-9_:]*$/;
const POSITIVE_INT = /^[1-9][0-9]*$/;
const WORD = /^[A-Za-z0-9_]+$/;
const INDEXED = /^([^[\]]+)\[([^[\]]*)\]$/;

/** Names R's make.names would change (reserved words), so that rstan would see another name. */
const R_RESERVED = new Set([
  'if', 'else', 'repeat', 'while', 'function', 'for', 'next', 'break', 'in', 'TRUE', 'FALSE', 'NULL',
  'Inf', 'NaN', 'NA', 'NA_integer_', 'NA_real_', 'NA_character_', 'NA_complex_',
]);

/** Sampler and other reserved columns: a parameter may not be written under these names. */
export const SAMPLER_COLUMNS = [
  'lp__', 'accept_stat__', 'stepsize__', 'treedepth__', 'n_leapfrog__', 'divergent__', 'energy__',
] as const;

/** CmdStan's reading of a column name: `a.1.2` -> `a[1,2]`, per `:`-separated part (tuples). */
export function cmdstanColumnToName(column: string): string {
  if (!column.includes('.')) return column;
  return column
    .split(':')
    .map((part) => {
      const dot = part.indexOf('.');
      if (dot <= 0) return part;
      return `${part.slice(0, dot)}[${part.slice(dot + 1).split('.').join(',')}]`;
    })
    .join(':');
}

function isExactPortable(name: string): string | undefined {
  if (SAFE_SCALAR.test(name) && !R_RESERVED.has(name) && !name.endsWith('__')) return name;
  const m = INDEXED.exec(name);
  if (m && SAFE_SCALAR.test(m[1]) && !m[1].endsWith('__')) {
    const idx = m[2].split(',');
    if (idx.every((i) => POSITIVE_INT.test(i))) return `${m[1]}.${idx.join('.')}`;
  }
  return undefined;
}

function isExactCmdstan(name: string): string | undefined {
  const portable = isExactPortable(name);
  if (portable !== undefined) return portable;
  if (SAFE_BASE_CMDSTAN.test(name) && !name.endsWith('__')) return name;
  const m = INDEXED.exec(name);
  if (m && SAFE_BASE_CMDSTAN.test(m[1]) && !m[1].endsWith('__')) {
    const idx = m[2].split(',');
    if (idx.every((i) => WORD.test(i))) return `${m[1]}.${idx.join('.')}`;
  }
  return undefined;
}

function sanitize(name: string): string {
  let s = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/_+$/, '');
  if (!/^[A-Za-z]/.test(s)) s = `v_${s}`.replace(/_+$/, '');
  if (R_RESERVED.has(s)) s = `${s}_v`;
  return s;
}

/**
 * Column names for the given model names (same order). Names must be unique and non-empty; the
 * result is unique and never one of the sampler columns.
 */
export function toCsvColumns(names: readonly string[], style: ColumnNameStyle = 'portable'): string[] {
  const exact = style === 'cmdstan' ? isExactCmdstan : isExactPortable;
  const out: (string | undefined)[] = names.map((n) => {
    const e = exact(n);
    // Guard: an exact form is only exact if the generic inverse gives the name back.
    return e !== undefined && cmdstanColumnToName(e) === n ? e : undefined;
  });
  const used = new Set<string>(SAMPLER_COLUMNS);
  for (const c of out) if (c !== undefined) used.add(c);
  for (let i = 0; i < names.length; i++) {
    if (out[i] !== undefined) continue;
    const base = sanitize(names[i]);
    let c = base;
    for (let k = 2; used.has(c); k++) c = `${base}_${k}`;
    used.add(c);
    out[i] = c;
  }
  return out as string[];
}

/** The comment block's first line (its marker). */
export const NAME_MAP_MARKER = '# strata_column_names (CSV column <- model name, where they differ):';
const NAME_MAP_ARROW = ' <- ';

/** Comment lines recording every column whose generic inverse is not its model name (may be empty). */
export function formatNameMap(names: readonly string[], columns: readonly string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < names.length; i++) {
    if (cmdstanColumnToName(columns[i]) !== names[i]) lines.push(`#   ${columns[i]}${NAME_MAP_ARROW}${names[i]}`);
  }
  return lines.length > 0 ? [NAME_MAP_MARKER, ...lines] : [];
}

/** Parses one map line (`#   column <- name`); undefined if the line is not one. */
export function parseNameMapLine(line: string): { column: string; name: string } | undefined {
  const m = /^#\s+(\S+) <- ([\s\S]+)$/.exec(line); // [\s\S]: names may hold U+2028 etc.
  return m ? { column: m[1], name: m[2] } : undefined;
}
