/** Numeric CLI options: limits, negative values and repeated options end in one-line usage errors. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseCli, UsageError } from '../../src/cli/args.js';

const fit = (...extra: string[]) => () => parseCli(['fit', '--model', 'm.json', '--data', 'd.csv', ...extra]);

describe('strata fit options', () => {
  it('upper limits of the samplers are usage errors, not internal errors', () => {
    expect(fit('--seed', '99999999999999999999')).toThrow(new UsageError('--seed must be an integer <= 4294967295, got 99999999999999999999'));
    expect(fit('--max-treedepth', '100')).toThrow('--max-treedepth must be an integer <= 30, got 100');
    expect(fit('--chains', '5000')).toThrow('--chains must be an integer <= 1024, got 5000');
    expect(fit('--parallel', '2000')).toThrow('--parallel must be an integer <= 1024, got 2000');
    expect(fit('--seed', '4294967295')().command).toBe('fit');
    expect(fit('--max-treedepth', '30')().command).toBe('fit');
  });

  it('negative values reach the range check (parseArgs would call them ambiguous)', () => {
    expect(fit('--seed', '-1')).toThrow(new UsageError('--seed must be an integer >= 0, got -1'));
    expect(fit('--chains', '-1')).toThrow('--chains must be an integer >= 1, got -1');
    expect(fit('--warmup', '-5')).toThrow('--warmup must be an integer >= 0, got -5');
    expect(fit('--adapt-delta', '-0.5')).toThrow('--adapt-delta must be a number in (0, 1), got "-0.5"');
    expect(fit('--seed', '1.5')).toThrow('--seed must be an integer >= 0, got "1.5"');
    // an option name after a value-taking option is still an option, not a value
    expect(fit('--output', '--quiet')).toThrow(UsageError);
  });

  it('a repeated option is an error naming it, not last-wins', () => {
    expect(fit('--seed', '1', '--seed', '2')).toThrow(new UsageError('--seed is given more than once'));
    expect(fit('--seed=1', '--seed', '2')).toThrow('--seed is given more than once');
    expect(fit('--quiet', '--quiet')).toThrow('--quiet is given more than once');
    expect(() => parseCli(['summary', 'a.csv', '--json', '--json'])).toThrow('--json is given more than once');
  });
});

describe('strata with no command', () => {
  const sink = () => {
    let text = '';
    return { stream: new Writable({ write: (c, _e, cb) => ((text += String(c)), cb()) }), text: () => text };
  };
  it('prints the usage and exits 2; help, --help and -h exit 0', async () => {
    const err = sink();
    expect(await main([], { out: sink().stream, err: err.stream })).toBe(2);
    expect(err.text()).toMatch(/^strata: no command given\nusage:/);
    for (const help of ['help', '--help', '-h']) {
      const out = sink();
      expect(await main([help], { out: out.stream, err: sink().stream })).toBe(0);
      expect(out.text()).toMatch(/^usage:/);
    }
  });
});
