/**
 * Lines a Fit's printed summary starts with when the numbers below need a caveat: a run stopped
 * early (incomplete.ts), data rows left out for missing values, and data far from scale 1 (sampled in
 * prior units, rescale/sampling-units.ts). The CLI says the last two on stderr as well.
 */
import type { CompiledModel } from '@strata/core';
import { INCOMPLETE_NO_WARNINGS, incompleteNote, type IncompleteRun } from './incomplete.js';
import { extremeScaleWarning, samplingUnits } from '../rescale/sampling-units.js';


function droppedNote(model: CompiledModel): string | null {
  const { count, rows } = model.dropped;
  if (count === 0) return null;
  const shown = rows.slice(0, 10).join(', ') + (rows.length > 10 ? ', ...' : '');
  return `Note: ${count} data row${count === 1 ? '' : 's'} with missing values ${count === 1 ? 'was' : 'were'} dropped (na = "drop"): row${count === 1 ? '' : 's'} ${shown}; the model saw ${model.nobs}.`;
}

/** The caveats, in order, then a blank line; empty when there are none. */
export function summaryNotes(fit: { model: CompiledModel; incomplete: IncompleteRun | null }): string[] {
  const units = samplingUnits(fit.model);
  const scaleNote = units ? `Note: ${extremeScaleWarning(fit.model, units)}` : null;
  const priorNote = fit.model.priorOnly ? 'Note: drawn from the priors alone (priorOnly): the data did not enter these draws.' : null;
  const notes = [fit.incomplete ? incompleteNote(fit.incomplete) : null, priorNote, droppedNote(fit.model), scaleNote].filter((n): n is string => n !== null);
  return notes.length > 0 ? [...notes, ''] : [];
}

/** The closing line when no diagnostic warned: never the all-clear for a run that did not finish (undefined: the all-clear). */
export function noWarningsLine(fit: { incomplete: IncompleteRun | null }): string | undefined {
  return fit.incomplete ? INCOMPLETE_NO_WARNINGS : undefined;
}
