/** Command-line parsing for `strata <command> [options]`: typed options, one-line usage errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface FitArgs {
  command: 'fit';
  model: string;
  data: string;
  chains: number;
  warmup: number;
  draws: number;
  /** Absent: a random seed, printed and recorded in the outputs. */
  seed?: number;
  parallel?: number;
  output?: string;
  summary?: string;
  adaptDelta?: number;
  maxTreeDepth?: number;
  /** JSON file of constrained starting values by parameter name (an object, or an array per chain). */
  init?: string;
  quiet: boolean;
  /** Remove chain files of an earlier run that this run would leave behind (draws_3.csv after a 2-chain run). */
  overwrite: boolean;
}

export interface PriorsArgs {
  command: 'priors';
  model: string;
  data: string;
  json: boolean;
}

export interface SummaryArgs {
  command: 'summary';
  files: string[];
  json: boolean;
}

export type CliArgs = FitArgs | PriorsArgs | SummaryArgs | { command: 'help' };

export const USAGE = `usage:
  strata fit --model spec.json --data data.csv [--chains 4] [--warmup 1000] [--draws 1000]
             [--seed N (default random)] [--parallel N] [--output draws.csv]
             [--summary summary.json] [--overwrite] [--adapt-delta 0.8] [--max-treedepth 10] [--init init.json] [--quiet]
  strata priors --model spec.json --data data.csv [--json]
  strata summary draws_1.csv [draws_2.csv ...] [--json]
  strata summary <saved-fit-dir> [--json]
  strata power --design design.json --reps N [--seed 1] [--out result.json] [--plot power.svg]
               [--queue redis://host:port] [--workers N]
  strata sbc --model spec.json|random_intercept|random_slope|logistic_growth|id_block_growth|sigma_dpar
             [--design design.json] --reps N [--seed 1] [--ranks 99] [--chains 2] [--warmup 500] [--draws 250]
             [--out result.json] [--queue redis://host:port] [--workers N]
  strata kfold --model spec.json --data data.csv --folds K [--group g] [--seed 1]
               [--chains 2] [--warmup 500] [--draws 500] [--out result.json] [--queue ...] [--workers N]
  strata worker --queue redis://host:port [--concurrency N] [--lock-seconds 30]`;

/** Limits the samplers enforce (packages/samplers/src/options.ts), checked here for a one-line usage error. */
export const LIMITS = {
  seed: { min: 0, max: 0xffffffff },
  chains: { min: 1, max: 1024 },
  parallel: { min: 1, max: 1024 },
  warmup: { min: 0, max: Number.MAX_SAFE_INTEGER },
  draws: { min: 1, max: Number.MAX_SAFE_INTEGER },
  'max-treedepth': { min: 1, max: 30 },
} as const;

export function integer(name: keyof typeof LIMITS, value: string | undefined, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  const { min, max } = LIMITS[name];
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`--${name} must be an integer >= ${min}, got "${value}"`);
  const n = Number(value);
  if (n < min) throw new UsageError(`--${name} must be an integer >= ${min}, got ${value.trim()}`);
  if (n > max) throw new UsageError(`--${name} must be an integer <= ${max}, got ${value.trim()}`);
  return n;
}

export function real(name: string, value: string | undefined, lo: number, hi: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= lo || n >= hi) throw new UsageError(`--${name} must be a number in (${lo}, ${hi}), got "${value}"`);
  return n;
}

/**
 * `--seed -1` would make parseArgs stop with "argument is ambiguous" (it reads -1 as an option), so a
 * negative number after an option that takes a value is joined to it (`--seed=-1`) and reaches our
 * own range check, which names the limit.
 */
function joinNegativeValues(argv: string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : undefined;
    const next = argv[i + 1];
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else out.push(argv[i]);
  }
  return out;
}

export function parse(argv: string[], options: NonNullable<ParseArgsConfig['options']>, positionals = false) {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv, options), options, allowPositionals: positionals, strict: true, tokens: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
  // parseArgs keeps the last of a repeated option; `--seed 1 --seed 2` is more likely a mistake.
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once`);
    seen.add(token.name);
  }
  return parsed;
}

export function parseCli(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  // Asking for help succeeds; giving no command is a usage error (exit 2), so scripts notice it.
  if (command === undefined) throw new UsageError('no command given');
  if (command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command === 'fit') {
    const { values } = parse(rest, {
      model: { type: 'string' },
      data: { type: 'string' },
      chains: { type: 'string' },
      warmup: { type: 'string' },
      draws: { type: 'string' },
      seed: { type: 'string' },
      parallel: { type: 'string' },
      output: { type: 'string' },
      summary: { type: 'string' },
      'adapt-delta': { type: 'string' },
      'max-treedepth': { type: 'string' },
      init: { type: 'string' },
      quiet: { type: 'boolean' },
      overwrite: { type: 'boolean' },
    });
    const v = values as Record<string, string | boolean | undefined>;
    if (typeof v.model !== 'string') throw new UsageError('fit needs --model spec.json');
    if (typeof v.data !== 'string') throw new UsageError('fit needs --data data.csv');
    const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
    return {
      command: 'fit',
      model: v.model,
      data: v.data,
      chains: integer('chains', str('chains'), 4)!,
      warmup: integer('warmup', str('warmup'), 1000)!,
      draws: integer('draws', str('draws'), 1000)!,
      ...(str('seed') !== undefined && { seed: integer('seed', str('seed'), undefined) }),
      ...(str('parallel') !== undefined && { parallel: integer('parallel', str('parallel'), undefined) }),
      ...(str('output') !== undefined && { output: str('output') }),
      ...(str('summary') !== undefined && { summary: str('summary') }),
      ...(str('adapt-delta') !== undefined && { adaptDelta: real('adapt-delta', str('adapt-delta'), 0, 1) }),
      ...(str('max-treedepth') !== undefined && { maxTreeDepth: integer('max-treedepth', str('max-treedepth'), undefined) }),
      ...(str('init') !== undefined && { init: str('init') }),
      quiet: v.quiet === true,
      overwrite: v.overwrite === true,
    };
  }
  if (command === 'priors') {
    const { values } = parse(rest, { model: { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean' } });
    const v = values as Record<string, string | boolean | undefined>;
    if (typeof v.model !== 'string') throw new UsageError('priors needs --model spec.json');
    if (typeof v.data !== 'string') throw new UsageError('priors needs --data data.csv (default priors are scaled to the data)');
    return { command: 'priors', model: v.model, data: v.data, json: v.json === true };
  }
  if (command === 'summary') {
    const { values, positionals } = parse(rest, { json: { type: 'boolean' } }, true);
    if (positionals.length === 0) throw new UsageError('summary needs one or more CmdStan CSV files or a saved-fit directory');
    return { command: 'summary', files: positionals, json: (values as Record<string, unknown>).json === true };
  }
  throw new UsageError(`unknown command "${command}" (commands: fit, priors, summary, power, sbc, kfold, worker)`);
}
