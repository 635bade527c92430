/**
 * One chain's CmdStan CSV written as its draws arrive: the head once the chain's warmup has ended
 * (it holds the adapted step size and metric), then rows as batches come, all under the file's
 * temporary name (whole-file-write.ts). finish() appends the tail (the incomplete note, the timing)
 * and renames, so the final name only ever holds a whole file, the same bytes writeCmdStanCsv writes
 * for the finished chain; a kill before leaves the hidden temporary file of whole appends.
 *
 * A write that fails stops the stream (its temporary file removed, the error kept): the chain's file
 * is then written whole at the end instead (writeCmdStanCsvFiles), which reports the failure if it
 * persists, as a file written only at the end would.
 */
import { basename } from 'node:path';
import { cmdStanCsvHead, cmdStanCsvRows, cmdStanCsvTail, chainRows, type CmdStanChainHead, type CmdStanCsvInput, type CmdStanRunInput } from './cmdstan-csv-write.js';
import type { CmdStanSamplerStats } from './cmdstan-csv-format.js';
import { isSpecialFile, openTemporaryFile, type TemporaryFile } from './whole-file-write.js';

/** The run's input as the file at `path` writes it (its own `# output file = `), as writeCmdStanCsvFiles sets it. */
export function chainFileInput<T extends CmdStanRunInput>(input: T, path: string): T {
  return { ...input, outputFile: input.outputFile ?? basename(path) };
}

export class CmdStanChainStream {
  private file: TemporaryFile | null;
  private head: string | null = null;
  private rows = 0;
  /** The first write error; the stream has then stopped and removed its temporary file. */
  failure: unknown = null;

  private constructor(
    readonly path: string,
    private readonly run: CmdStanRunInput,
    file: TemporaryFile,
  ) {
    this.file = file;
  }

  /**
   * Creates the chain's temporary file. Null for a target that is not a regular file (/dev/full: it
   * is written in place, whole, at the end) or that cannot be created (the error is reported then).
   */
  static open(path: string, run: CmdStanRunInput): CmdStanChainStream | null {
    if (isSpecialFile(path)) return null;
    try {
      return new CmdStanChainStream(path, chainFileInput(run, path), openTemporaryFile(path));
    } catch {
      return null;
    }
  }

  /** The temporary name being written (for tests and messages); null once finished or stopped. */
  get temporary(): string | null {
    return this.file?.temporary ?? null;
  }

  /**
   * Appends a batch's rows; the chain's first batch (sent as its warmup ends) also brings the head's
   * chain facts (id, adapted step size, metric). A failing write stops the stream (see `failure`).
   */
  append(stats: CmdStanSamplerStats, draws: Float64Array, head?: CmdStanChainHead): void {
    this.write(() => {
      let text = '';
      if (head) {
        if (this.head !== null) throw new Error('internal: a chain stream got a second head');
        this.head = cmdStanCsvHead(this.run, head);
        text = this.head;
      } else if (this.head === null) throw new Error('internal: a chain stream got rows before its head');
      const rows = cmdStanCsvRows(this.run, stats, draws);
      this.rows += draws.length / this.run.names.length;
      return text + rows;
    });
  }

  /**
   * Ends the file for chain `k` of the run's final input (the one writeCmdStanCsv would write):
   * appends the tail and renames it into place. False, and nothing at the final name, when the
   * stream cannot be that file (it stopped on an error, or holds other rows or another head); the
   * caller then writes the file whole. Throws the write error of the last appends or the rename.
   */
  finish(input: CmdStanCsvInput, k: number): boolean {
    const file = this.file;
    if (file === null) return false;
    const chain = input.chains[k];
    const full = chainFileInput(input, this.path);
    const head = cmdStanCsvHead(full, chain);
    if ((this.head !== null && this.head !== head) || this.rows !== chainRows(full, chain)) {
      this.discard();
      return false;
    }
    this.file = null;
    try {
      file.append((this.head === null ? head : '') + cmdStanCsvTail(full, chain, this.rows));
      file.commit();
    } catch (error) {
      file.discard();
      throw error;
    }
    return true;
  }

  /** Stops and removes the temporary file (a chain the run leaves out, a failed run); idempotent. */
  discard(): void {
    this.file?.discard();
    this.file = null;
  }

  private write(render: () => string): void {
    if (this.file === null) return;
    try {
      this.file.append(render());
    } catch (error) {
      this.failure = error;
      this.discard();
    }
  }
}
