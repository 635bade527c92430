/** `strata summary draws_1.csv ...`: posterior summary and sampler diagnostics of CmdStan CSV files. */
import { diagnosticWarnings, formatSamplerDiagnostics, formatSummary, formatWarnings, samplerDiagnostics, summarizeDraws, summaryToJSON } from '@strata/diagnostics';
import { readCmdStanCsv } from '../io/index.js';
import type { SummaryArgs } from './args.js';
import { checkDrawsFileText, checkDrawsMethod } from './draws-file.js';
import { CliInputError, readTextFile } from './files.js';

export function runSummaryCommand(args: SummaryArgs, io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }): number {
  const files = args.files.map((f) => {
    const text = readTextFile(f, 'CmdStan CSV');
    checkDrawsFileText(text, f);
    try {
      const read = readCmdStanCsv(text, { source: f });
      checkDrawsMethod(read.metadata.config, f);
      return read;
    } catch (e) {
      if (e instanceof CliInputError) throw e;
      throw new CliInputError(`${f}: ${(e as Error).message}`);
    }
  });
  // A file with fewer rows than its header promises is an interrupted run (or a cut copy): say so.
  files.forEach((f, k) => {
    for (const w of f.warnings) io.err.write(`strata: warning: ${args.files[k]}: ${w}\n`);
  });
  const names = files[0].names;
  files.forEach((f, k) => {
    if (f.names.join('\u0000') !== names.join('\u0000')) throw new CliInputError(`${args.files[k]} has different columns than ${args.files[0]}`);
  });
  // R-hat and ESS need chains of one length; an interrupted run's chains stop at different points.
  const common = Math.min(...files.map((f) => f.nDraws));
  if (files.some((f) => f.nDraws !== common)) {
    io.err.write(`strata: warning: the files hold ${files.map((f) => f.nDraws).join(', ')} draws; the summary uses the first ${common} of each\n`);
  }
  const summary = summarizeDraws(
    names.map((name, j) => ({
      name,
      chains: files.map((f) => {
        const k = f.names.length;
        const n = common;
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = f.draws[i * k + j];
        return out;
      }),
    })),
  );
  const sampler = samplerDiagnostics(files.map((f) => f.stats as Record<string, ArrayLike<number>>));
  const warnings = diagnosticWarnings({ summary, sampler });
  if (args.json) io.out.write(`${JSON.stringify({ summary: summaryToJSON(summary), warnings }, null, 2)}\n`);
  else io.out.write(`${formatSummary(summary)}\n\n${formatSamplerDiagnostics(sampler)}\n${warnings.length ? formatWarnings(warnings) : ''}\n`);
  return 0;
}
