/** Test helper: run `fn`, expect it to throw an instance of `type`, and return the error for more checks. */
import { expect } from 'vitest';

export function thrown<E extends Error>(type: abstract new (...args: never[]) => E, fn: () => unknown): E {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(type);
    return e as E;
  }
  throw new Error(`expected ${type.name} to be thrown, but nothing was thrown`);
}
