/**
 * Standard output that cannot be written (`> /dev/full`, a full disk) or whose reader has gone
 * (`| head -1`, EPIPE) must not end the CLI with Node's stack trace for an unhandled 'error' event,
 * nor stop `strata fit` before the draws are saved. The guard catches the stream's error, lets the
 * command finish (its later writes to the dead stream are dropped), and turns the error into the exit:
 * a closed pipe is the reader's choice, so the exit stays quiet as Unix tools do; any other failure
 * is one line on stderr and exit 1.
 */
import { describeWriteError } from '../io/index.js';

export interface StdoutGuard {
  /** Waits for what was written to be flushed, then the exit code given the command's own. */
  finish(code: number): Promise<number>;
}

/** A real stream (process.stdout, a Writable), not a bare `{ write }` an embedding caller passes. */
function isStream(s: NodeJS.WritableStream): boolean {
  return typeof (s as { on?: unknown }).on === 'function';
}

export function guardStdout(out: NodeJS.WritableStream, err: NodeJS.WritableStream): StdoutGuard {
  if (!isStream(out)) return { finish: async (code) => code };
  let failure: NodeJS.ErrnoException | null = null;
  const onError = (e: NodeJS.ErrnoException) => {
    failure ??= e;
  };
  out.on('error', onError);
  // Nothing can report a failing stderr; only keep it from crashing the run.
  const ignore = () => {};
  if (err !== out && isStream(err)) err.on('error', ignore);
  return {
    async finish(code: number): Promise<number> {
      // Errors of the last writes arrive asynchronously; an empty write's callback comes after them.
      if (!failure) await new Promise<void>((resolve) => out.write('', () => resolve()));
      const e = failure as NodeJS.ErrnoException | null;
      if (!e) return code;
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return code;
      err.write(`strata: cannot write to standard output: ${describeWriteError(e, 'standard output')}\n`);
      return code === 0 ? 1 : code;
    },
  };
}
