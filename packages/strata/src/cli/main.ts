/**
 * `pnpm -s strata <command>`: fit a model spec to a CSV, list the priors a spec will use, or summarise
 * CmdStan CSV files. Bad input ends with a one-line message and a non-zero exit, before any output
 * file is written.
 */
import { fileURLToPath } from 'node:url';
import { compile, formatPriorTable, listPriors, StrataError } from '@strata/core';
import { runFitCommand } from './fit-command.js';
import { runSummaryCommand } from './summary-command.js';
import { parseCli, UsageError, USAGE, type CliArgs } from './args.js';
import { parseStudyCli, type StudyArgs } from './study-args.js';
import { runStudyCommand } from './study-commands.js';
import { CliInputError, readJsonFile, readTextFile } from './files.js';
import { guardStdout } from './stdout-guard.js';

type Io = { out: NodeJS.WritableStream; err: NodeJS.WritableStream };

export async function main(argv: string[], io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  // A stdout that fails (> /dev/full, | head -1) is one line or a quiet exit, never a stack trace.
  const guard = guardStdout(io.out, io.err);
  return guard.finish(await runCommand(argv, io));
}

async function runCommand(argv: string[], io: Io): Promise<number> {
  let args: CliArgs | StudyArgs;
  try {
    args = parseStudyCli(argv) ?? parseCli(argv);
  } catch (e) {
    io.err.write(`strata: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  try {
    switch (args.command) {
      case 'help':
        io.out.write(`${USAGE}\n`);
        return 0;
      case 'priors': {
        const model = compile(readJsonFile(args.model, 'model spec'), readTextFile(args.data, 'data'));
        const rows = listPriors(model.priors);
        io.out.write(args.json ? `${JSON.stringify(rows, null, 2)}\n` : `${formatPriorTable(rows)}\n`);
        return 0;
      }
      case 'fit':
        return await runFitCommand(args, io);
      case 'summary':
        return runSummaryCommand(args, io);
      default:
        return await runStudyCommand(args, io);
    }
  } catch (e) {
    if (e instanceof StrataError || e instanceof CliInputError || e instanceof UsageError) {
      io.err.write(`strata: ${e.message.split('\n')[0]}\n`);
      return 1;
    }
    io.err.write(`strata: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    return 70;
  }
}

// Run when executed directly (tsx packages/strata/src/cli/main.ts ...), not when imported by tests.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`strata: internal error: ${String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
