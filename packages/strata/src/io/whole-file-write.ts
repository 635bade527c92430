/**
 * Writes a file so that its final name never holds a partial text: the text goes to a temporary
 * name in the same folder (unique per process and call, so concurrent runs into one folder do not
 * meet), is flushed, and is renamed over the final name, which is atomic on one file system. A kill
 * at any moment leaves either the old file, the new one, or a hidden temporary file.
 *
 * A target that exists and is not a regular file (/dev/stdout, /dev/full, a FIFO) is written in
 * place: renaming over it would replace the device rather than write to it.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Temporary files being written now, so an immediate exit (a second Ctrl-C) can remove them. */
const pending = new Set<string>();

/** The hidden temporary name a write to `path` uses (exported for tests). */
export function temporaryName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
}

/**
 * A file written in parts under its temporary name and renamed over `path` when complete: what
 * writeFileWhole does in one go, open for a writer that appends as it goes (draws as they are drawn).
 * Until commit() the final name is untouched; a kill leaves the temporary file, made of the appends
 * that returned.
 */
export interface TemporaryFile {
  /** The final name. */
  readonly path: string;
  /** The hidden name written now (temporaryName(path)). */
  readonly temporary: string;
  /** Appends `text` whole (a short write is continued); throws Node's error. */
  append(text: string): void;
  /** Flushes to disk, closes and renames to the final name; throws Node's error (the temporary file is then removed). */
  commit(): void;
  /** Closes and removes the temporary file (for a write that failed or is not wanted); never throws. */
  discard(): void;
}

/** Creates `path`'s temporary file (a new, unique name; see the module comment). */
export function openTemporaryFile(path: string): TemporaryFile {
  const temporary = temporaryName(path);
  pending.add(temporary);
  let fd: number | null;
  try {
    fd = openSync(temporary, 'wx');
  } catch (error) {
    pending.delete(temporary);
    throw error;
  }
  const close = () => {
    if (fd === null) return;
    const open = fd;
    fd = null;
    closeSync(open);
  };
  const discard = () => {
    try {
      close();
    } catch {
      // closing a file we are removing cannot matter
    }
    try {
      unlinkSync(temporary);
    } catch {
      // never created, or already gone
    }
    pending.delete(temporary);
  };
  return {
    path,
    temporary,
    append(text) {
      if (fd === null) throw new Error(`internal: append to ${temporary} after commit or discard`);
      writeAll(fd, text);
    },
    commit() {
      if (fd === null) throw new Error(`internal: commit of ${temporary} after commit or discard`);
      try {
        fsyncSync(fd);
        close();
        renameSync(temporary, path);
        pending.delete(temporary);
      } catch (error) {
        discard();
        throw error;
      }
    },
    discard,
  };
}

/** Writes `text` to `path` whole or not at all (see the module comment); throws Node's error. */
export function writeFileWhole(path: string, text: string): void {
  if (isSpecialFile(path)) {
    const fd = openSync(path, 'w');
    try {
      writeAll(fd, text);
    } finally {
      closeSync(fd);
    }
    return;
  }
  const file = openTemporaryFile(path);
  try {
    file.append(text);
    file.commit();
  } catch (error) {
    file.discard();
    throw error;
  }
}

/** True when `path` exists and is not a regular file (a device, a FIFO): written in place, not renamed over. */
export function isSpecialFile(path: string): boolean {
  try {
    return !statSync(path).isFile();
  } catch {
    return false; // does not exist yet
  }
}

/** Removes the temporary files of writes under way (for an exit that cannot wait for them). */
export function removePendingTemporaryFiles(): void {
  for (const temp of pending) {
    try {
      unlinkSync(temp);
    } catch {
      // already renamed or removed
    }
  }
  pending.clear();
}

/** A Node file-system error in words ("no space left on device"), for one-line messages. */
export function describeWriteError(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return `the folder ${dirname(path)} does not exist`;
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EROFS':
      return 'read-only file system';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return (error as Error)?.message ?? String(error);
  }
}
