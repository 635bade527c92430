/**
 * Every file `strata fit` will write, decided and checked before sampling: each writable, none an
 * input file, no two the same, and no chain file of an earlier run left beside this run's (a 4-chain
 * run then a 2-chain run into one --output would leave draws_3/4.csv, which `strata summary
 * draws_*.csv` would pool). --overwrite removes such stale files instead.
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { cmdStanCsvPaths } from '../io/index.js';
import type { FitArgs } from './args.js';
import { checkWritable, CliInputError } from './files.js';

export interface OutputPlan {
  /** One CSV per chain, in chain order (empty without --output). */
  draws: string[];
  summary?: string;
  /** Chain files of an earlier run to remove after this run's are written (--overwrite). */
  stale: string[];
}

/** The path a file is, or would be once created, with symbolic links resolved (so aliases compare equal). */
function identity(path: string): string {
  if (existsSync(path)) return realpathSync(path);
  const dir = dirname(resolve(path));
  return join(existsSync(dir) ? realpathSync(dir) : dir, basename(path));
}

/** `<stem>_<n>.csv` files next to the base that are not this run's. */
function staleChainFiles(base: string, mine: readonly string[]): string[] {
  const dir = dirname(resolve(base));
  const stem = basename(base).replace(/\.csv$/i, '');
  const pattern = new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}_\\d+\\.csv$`, 'i');
  const own = new Set(mine.map((p) => basename(p)));
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => pattern.test(f) && !own.has(f))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((f) => join(dirname(base), f));
}

/**
 * With several chains --output is the base of `<stem>_<n>.csv`; a device (/dev/full, /dev/stdout) as
 * the base would put chain files beside it (/dev/full_1.csv), which no one means.
 */
function checkChainBase(base: string, chains: number): void {
  if (!existsSync(base) || statSync(base).isFile() || statSync(base).isDirectory()) return;
  const files = cmdStanCsvPaths(base, [1, 2]);
  throw new CliInputError(
    `cannot write draws CSV "${base}": it is not a regular file, and with --chains ${chains} the draws would go to ${files.join(', ')}${chains > 2 ? ', ...' : ''} beside it; give a file name such as draws.csv`,
  );
}

export function planOutputs(args: FitArgs): OutputPlan {
  if (args.output && args.chains > 1) checkChainBase(args.output, args.chains);
  const draws = args.output ? cmdStanCsvPaths(args.output, Array.from({ length: args.chains }, (_, k) => k + 1)) : [];
  const outputs = [...draws.map((p) => ({ path: p, what: 'draws CSV' })), ...(args.summary ? [{ path: args.summary, what: 'summary JSON' }] : [])];
  for (const o of outputs) checkWritable(o.path, o.what);

  const inputs = [
    { path: args.model, what: 'model spec' },
    { path: args.data, what: 'data file' },
  ].map((i) => ({ ...i, id: identity(i.path) }));
  const seen = new Map<string, string>();
  for (const o of outputs) {
    const id = identity(o.path);
    const input = inputs.find((i) => i.id === id);
    if (input) throw new CliInputError(`the ${o.what} "${o.path}" is the ${input.what}: writing it would overwrite an input; choose another name`);
    const other = seen.get(id);
    if (other !== undefined) throw new CliInputError(`the ${o.what} and the ${other} are both "${o.path}": one would overwrite the other; choose two names`);
    seen.set(id, o.what);
  }

  const stale = args.output ? staleChainFiles(args.output, draws) : [];
  if (stale.length > 0 && !args.overwrite) {
    const names = stale.map((p) => basename(p)).join(', ');
    throw new CliInputError(
      `${names} in ${dirname(resolve(args.output!))} ${stale.length === 1 ? 'is a chain file' : 'are chain files'} of an earlier run that this ${args.chains}-chain run would leave behind (strata summary would pool them); remove ${stale.length === 1 ? 'it' : 'them'} or pass --overwrite`,
    );
  }
  return { draws, ...(args.summary && { summary: args.summary }), stale };
}
