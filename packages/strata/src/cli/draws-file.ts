/**
 * `strata summary` reads MCMC draws only. A plain data CSV would otherwise be summarised column by
 * column as if it were a posterior, so the file must look like CmdStan's (or our) output: a comment
 * header (it says whether warmup rows are included and the thinning) and an lp__ column.
 */
import { CliInputError } from './files.js';

const NOT_DRAWS = 'is not a CmdStan or Strata draws file';

/** Checks the text before parsing, so a data file with text columns gets this message rather than "not a number". */
export function checkDrawsFileText(text: string, file: string): void {
  let comments = 0;
  for (const raw of text.split('\n', 10_000)) {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('#')) {
      if (line.slice(1).trim().length > 0) comments++;
      continue;
    }
    if (line.trim().length === 0) continue;
    const columns = line.split(',').map((c) => c.trim());
    if (!columns.includes('lp__')) {
      const shown = columns.slice(0, 6).join(', ') + (columns.length > 6 ? `, ... (${columns.length} columns)` : '');
      throw new CliInputError(`${file} ${NOT_DRAWS}: its header has no lp__ column (it has ${shown})`);
    }
    if (comments === 0) {
      throw new CliInputError(`${file} ${NOT_DRAWS}: it has no CmdStan comment header ("# key = value" lines before the column names)`);
    }
    return;
  }
  throw new CliInputError(`${file} ${NOT_DRAWS}: it has no header row`);
}

/** After parsing: CmdStan's optimize/variational output also has lp__ and a header, but no MCMC draws. */
export function checkDrawsMethod(config: Record<string, string>, file: string): void {
  const method = config['method'];
  if (method !== undefined && method !== 'sample') {
    throw new CliInputError(`${file} ${NOT_DRAWS}: it was written by CmdStan's method = ${method}, not sample`);
  }
}
