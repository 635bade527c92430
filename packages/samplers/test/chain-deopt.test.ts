/**
 * Later chains run the code the first chain optimised: nothing of the sampler's hot path is
 * deoptimised once a chain has finished. (It was, at the start of every later chain: the density was
 * called through a bound copy made per chain, a "wrong call target" for the optimised tree builder,
 * which then ran unoptimised while V8 recompiled it.) Checked with V8's --trace-deopt on three
 * chains run one after another in a fresh process (fixtures/chains-deopt.ts).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./fixtures/chains-deopt.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));
const HOT_PATH = ['build', 'join', 'joinNoUTurn', 'evaluate', 'evaluateAt', 'nutsTransition', 'kick', 'kickDrift', 'kickThenKickDrift', 'sampleMomentum', 'fillNormal', 'uniform', 'next', 'energyOf', 'runChain'];

describe('chains after the first', () => {
  it('deoptimise nothing on the hot path', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--trace-deopt', fixture], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('=== done');
    const afterFirst = out.slice(out.indexOf('=== chain 1'));
    const deoptimised = [...afterFirst.matchAll(/bailout \(kind: [^,]+, reason: ([^)]*)\): begin\. deoptimizing [^<]*<JSFunction (\w+)/g)].map((m) => `${m[2]} (${m[1]})`);
    expect(deoptimised.filter((entry) => HOT_PATH.includes(entry.split(' ')[0]))).toEqual([]);
  });
});
