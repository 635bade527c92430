/**
 * Parameter names as brms writes them (../shared/design/model-spec.md): b_Intercept, b_Asym_Intercept,
 * sd_Subject__Days, sd_Tree__Asym_Intercept, cor_Subject__Intercept__Days, r_Subject[308,Days],
 * r_Tree__Asym[1,Intercept].
 */

export function fixedName(nlpar: string | null, coef: string): string {
  return nlpar ? `b_${nlpar}_${coef}` : `b_${coef}`;
}

function coefLabel(nlpar: string | null, coef: string): string {
  return nlpar ? `${nlpar}_${coef}` : coef;
}

export function sdName(group: string, nlpar: string | null, coef: string): string {
  return `sd_${group}__${coefLabel(nlpar, coef)}`;
}

export function corName(group: string, nlpar: string | null, a: string, b: string): string {
  return `cor_${group}__${coefLabel(nlpar, a)}__${coefLabel(nlpar, b)}`;
}

export function ranefName(group: string, nlpar: string | null, level: string, coef: string): string {
  return nlpar ? `r_${group}__${nlpar}[${level},${coef}]` : `r_${group}[${level},${coef}]`;
}

/** Names of the unconstrained coordinates: what the sampler sees. */
export function logName(name: string, lower: number): string {
  return lower === 0 ? `log(${name})` : `log(${name} - ${lower})`;
}

export function choleskyRawName(group: string, nlpar: string | null, k: number): string {
  return `atanh_cpc(${nlpar ? `${group}__${nlpar}` : group})[${k + 1}]`;
}

export function zName(group: string, nlpar: string | null, level: string, coef: string): string {
  return nlpar ? `z_${group}__${nlpar}[${level},${coef}]` : `z_${group}[${level},${coef}]`;
}
