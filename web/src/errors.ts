/** Errors worded as the CLI words them (packages/strata/src/cli/main.ts): `strata: <first line>`. */
import { kernelsCompile, StrataError } from '@strata/core';

export function cliWording(error: unknown): string {
  if (error instanceof StrataError) return `strata: ${error.message.split('\n')[0]}`;
  if (error instanceof SyntaxError) return `strata: the spec is not valid JSON: ${error.message}`;
  return `strata: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Models compile to JavaScript with `new Function` (core's compileKernel): a Content-Security-Policy without 'unsafe-eval'
 * forbids it. Returns what the page needs, or null when eval is allowed.
 */
export function evalBlocked(): string | null {
  if (kernelsCompile()) return null;
  return (
    "This page's Content-Security-Policy blocks eval, and Strata compiles each model's log density to JavaScript " +
    "with new Function. Serve the page with script-src 'self' 'unsafe-eval' (and worker-src 'self') to fit models."
  );
}
