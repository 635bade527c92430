/**
 * Options of the Fit's answers (predict, posteriorPredict, summary, writeCmdStanCsv) are checked by
 * name and type, as fit() options are: `{ group: 'new' }` for `{ groups: 'new' }` was silently
 * ignored and returned the 'observed' predictions, which look plausible and are a different quantity.
 */
import { SpecError } from '@strata/core';
import { closestName } from '../fit-options.js';

type Kind = 'boolean' | 'number' | 'string' | 'string[]' | 'any';

/** Throws a SpecError (path options.<key>) for a non-object, an unknown key (with the closest valid one) or a value of the wrong type. */
export function checkResultOptions(who: string, options: unknown, keys: Record<string, Kind>): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new SpecError(`${who} options must be an object such as { ${Object.keys(keys)[0]}: ... }, got ${describe(options)}`, 'options');
  }
  const valid = Object.keys(keys);
  for (const [key, value] of Object.entries(options)) {
    if (!Object.hasOwn(keys, key)) {
      const hint = closestName(key, valid);
      throw new SpecError(`unknown ${who} option "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}; valid options: ${valid.join(', ')}`, `options.${key}`);
    }
    if (value === undefined) continue;
    const kind = keys[key];
    const ok =
      kind === 'any' ||
      (kind === 'string[]' ? Array.isArray(value) && value.every((v) => typeof v === 'string') : typeof value === kind);
    if (!ok) throw new SpecError(`${key} must be ${kind === 'string[]' ? 'an array of strings' : `a ${kind}`}, got ${describe(value)}`, `options.${key}`);
  }
}

/** A value as a message shows it: strings quoted, so '1' is told from 1. */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}
