/**
 * Draws of one or more variables as plain data: variable name -> chains x iterations
 * (`draws.mu[c][i]` is iteration i of chain c). Key order is the display order.
 */
export type DrawsByVariable = Readonly<Record<string, ReadonlyArray<ArrayLike<number>>>>;

export interface SelectedVariable {
  name: string;
  chains: ReadonlyArray<ArrayLike<number>>;
}

/**
 * The variables to plot, in display order: `variables` when given (each must exist), otherwise every
 * key of `draws`. Throws a RangeError on an unknown name, a variable without chains or without draws.
 */
export function selectVariables(draws: DrawsByVariable, variables?: readonly string[]): SelectedVariable[] {
  const names = variables ?? Object.keys(draws);
  if (names.length === 0) throw new RangeError('plots: no variables to plot');
  return names.map((name) => {
    if (!Object.prototype.hasOwnProperty.call(draws, name)) {
      throw new RangeError(`plots: unknown variable '${name}' (have: ${Object.keys(draws).join(', ')})`);
    }
    const chains = draws[name];
    if (!Array.isArray(chains) || chains.length === 0) throw new RangeError(`plots: variable '${name}' has no chains`);
    if (chains.every((c) => c.length === 0)) throw new RangeError(`plots: variable '${name}' has no draws`);
    return { name, chains };
  });
}

/** Largest number of chains over the selected variables. */
export function maxChains(vars: readonly SelectedVariable[]): number {
  return vars.reduce((m, v) => Math.max(m, v.chains.length), 0);
}
