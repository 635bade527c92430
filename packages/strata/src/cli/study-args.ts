/** Command-line options of the study commands: `strata power | sbc | kfold | worker`. */
import { integer, parse, real, UsageError } from './args.js';

interface Execution {
  seed: number;
  out?: string;
  queue?: string;
  workers?: number;
}

export interface PowerArgs extends Execution {
  command: 'power';
  design: string;
  reps: number;
  plot?: string;
}

export interface FitFlags {
  chains: number;
  warmup: number;
  draws: number;
}

export interface SbcArgs extends Execution, FitFlags {
  command: 'sbc';
  model: string;
  design?: string;
  reps: number;
  ranks: number;
}

export interface KfoldArgs extends Execution, FitFlags {
  command: 'kfold';
  model: string;
  data: string;
  folds: number;
  group?: string;
}

export interface WorkerArgs {
  command: 'worker';
  queue: string;
  concurrency?: number;
  lockSeconds: number;
}

export type StudyArgs = PowerArgs | SbcArgs | KfoldArgs | WorkerArgs;

const EXECUTION = { seed: { type: 'string' }, out: { type: 'string' }, queue: { type: 'string' }, workers: { type: 'string' } } as const;
const FIT = { chains: { type: 'string' }, warmup: { type: 'string' }, draws: { type: 'string' } } as const;

function count(name: string, value: string | undefined, fallback?: number, min = 1): number | undefined {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim()) || Number(value) < min) throw new UsageError(`--${name} must be a whole number >= ${min}, got "${value}"`);
  return Number(value);
}

/** Parses a study command; undefined for any other command (parseCli handles those). */
export function parseStudyCli(argv: string[]): StudyArgs | undefined {
  const [command, ...rest] = argv;
  if (command !== 'power' && command !== 'sbc' && command !== 'kfold' && command !== 'worker') return undefined;
  if (command === 'worker') {
    const v = parse(rest, { queue: { type: 'string' }, concurrency: { type: 'string' }, 'lock-seconds': { type: 'string' } }).values as Record<string, string | undefined>;
    if (v.queue === undefined) throw new UsageError('worker needs --queue redis://host:port');
    return {
      command,
      queue: v.queue,
      ...(v.concurrency !== undefined && { concurrency: count('concurrency', v.concurrency) }),
      lockSeconds: v['lock-seconds'] === undefined ? 30 : real('lock-seconds', v['lock-seconds'], 0, 86_400)!,
    };
  }
  const extra =
    command === 'power'
      ? { design: { type: 'string' }, reps: { type: 'string' }, plot: { type: 'string' } }
      : command === 'sbc'
        ? { ...FIT, model: { type: 'string' }, design: { type: 'string' }, reps: { type: 'string' }, ranks: { type: 'string' } }
        : { ...FIT, model: { type: 'string' }, data: { type: 'string' }, folds: { type: 'string' }, group: { type: 'string' } };
  const v = parse(rest, { ...EXECUTION, ...extra } as never).values as Record<string, string | undefined>;
  const execution: Execution = {
    seed: integer('seed', v.seed, 1)!,
    ...(v.out !== undefined && { out: v.out }),
    ...(v.queue !== undefined && { queue: v.queue }),
    ...(v.workers !== undefined && { workers: count('workers', v.workers) }),
  };
  if (v.queue !== undefined && v.workers !== undefined) throw new UsageError('--workers sets the local pool; with --queue, start `strata worker` processes instead');
  const need = (k: string, what: string) => {
    if (v[k] === undefined) throw new UsageError(`${command} needs --${k} ${what}`);
    return v[k]!;
  };
  if (command === 'power') {
    return { command, ...execution, design: need('design', 'design.json'), reps: count('reps', need('reps', 'N'))!, ...(v.plot !== undefined && { plot: v.plot }) };
  }
  const defaultDraws = command === 'sbc' ? 250 : 500;
  const fit: FitFlags = { chains: integer('chains', v.chains, 2)!, warmup: integer('warmup', v.warmup, 500)!, draws: integer('draws', v.draws, defaultDraws)! };
  if (command === 'sbc') {
    return { command, ...execution, ...fit, model: need('model', 'spec.json'), ...(v.design !== undefined && { design: v.design }), reps: count('reps', need('reps', 'N'))!, ranks: count('ranks', v.ranks, 99)! };
  }
  return { command, ...execution, ...fit, model: need('model', 'spec.json'), data: need('data', 'data.csv'), folds: count('folds', need('folds', 'K'), undefined, 2)!, ...(v.group !== undefined && { group: v.group }) };
}
