/** Reading the CLI's input files and checking output paths, with one-line errors naming the file. */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export class CliInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliInputError';
  }
}

export function readTextFile(path: string, what: string): string {
  if (!existsSync(path)) throw new CliInputError(`${what} file "${path}" does not exist`);
  if (statSync(path).isDirectory()) throw new CliInputError(`${what} file "${path}" is a directory`);
  return readFileSync(path, 'utf8');
}

export function readJsonFile(path: string, what: string): unknown {
  const text = readTextFile(path, what);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliInputError(`${what} file "${path}" is not valid JSON: ${(e as Error).message}`);
  }
}

/** Fails before sampling when an output file could not be written (missing or read-only directory). */
export function checkWritable(path: string, what: string): void {
  const dir = dirname(resolve(path));
  if (!existsSync(dir)) throw new CliInputError(`cannot write ${what} "${path}": directory "${dir}" does not exist`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new CliInputError(`cannot write ${what} "${path}": directory "${dir}" is not writable`);
  }
  if (!existsSync(path)) return;
  const stat = statSync(path);
  if (stat.isDirectory()) throw new CliInputError(`cannot write ${what} "${path}": it is a directory`);
  // No write bit at all: the user protected it (root could write it anyway; a rename would replace it).
  if (stat.isFile() && (stat.mode & 0o222) === 0) throw new CliInputError(`cannot write ${what} "${path}": the file is read-only`);
  try {
    accessSync(path, constants.W_OK);
  } catch {
    throw new CliInputError(`cannot write ${what} "${path}": permission denied`);
  }
}
