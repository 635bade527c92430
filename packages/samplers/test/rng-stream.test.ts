import normalFactory from '@stdlib/random-base-normal';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainRng } from '../src/index.js';

/** @stdlib's own normal generator on the chain's seed: the stream chainRng must reproduce. */
function stdlibChain(seed: number, chain: number) {
  return normalFactory.factory(0, 1, { seed: new Uint32Array([seed, chain, 0x5eed]) }) as unknown as {
    (): number;
    PRNG: () => number;
    state: Uint32Array;
  };
}

describe('chainRng reproduces @stdlib exactly', () => {
  it('property: any interleaving of normal, fillNormal and uniform draws equals @stdlib, bit for bit', () => {
    const op = fc.oneof(fc.constant({ kind: 'normal' as const }), fc.constant({ kind: 'uniform' as const }), fc.record({ kind: fc.constant('fill' as const), n: fc.integer({ min: 0, max: 40 }) }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 64 }), fc.array(op, { maxLength: 60 }), (seed, chain, ops) => {
        const ours = chainRng(seed, chain);
        const theirs = stdlibChain(seed, chain);
        const buf = new Float64Array(40);
        for (const o of ops) {
          if (o.kind === 'normal') expect(Object.is(ours.normal(), theirs())).toBe(true);
          else if (o.kind === 'uniform') expect(Object.is(ours.uniform(), theirs.PRNG())).toBe(true);
          else {
            ours.fillNormal(buf, o.n);
            for (let k = 0; k < o.n; k++) expect(Object.is(buf[k], theirs())).toBe(true);
          }
        }
        expect(ours.getState()).toEqual(theirs.state);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees over 2 million normals: the tail and wedge paths are taken thousands of times', () => {
    const ours = chainRng(20261206, 7);
    const theirs = stdlibChain(20261206, 7);
    const buf = new Float64Array(1000);
    let tail = 0;
    let mismatches = 0;
    for (let b = 0; b < 2000; b++) {
      ours.fillNormal(buf, buf.length);
      for (let k = 0; k < buf.length; k++) {
        if (!Object.is(buf[k], theirs())) mismatches++;
        if (Math.abs(buf[k]) > 3.442619855899) tail++;
      }
    }
    expect(mismatches).toBe(0);
    // P(|z| > 3.4426) = 5.76e-4: ~1150 tail draws expected, so the tail path was exercised.
    expect(tail).toBeGreaterThan(900);
    expect(tail).toBeLessThan(1400);
  });

  it('getState/setState round-trip with @stdlib generators in both directions', () => {
    const ours = chainRng(3, 1);
    for (let k = 0; k < 700; k++) ours.normal(); // past one twist of the 624-word state
    const theirs = stdlibChain(99, 99);
    theirs.state = ours.getState();
    const expected = Array.from({ length: 50 }, () => theirs());
    const replay = chainRng(0, 0);
    replay.setState(ours.getState());
    expect(Array.from({ length: 50 }, () => replay.normal())).toEqual(expected);
    expect(Array.from({ length: 50 }, () => ours.normal())).toEqual(expected);
  });

  it('rejects a state that is not an MT19937 state array, naming the problem', () => {
    const rng = chainRng(1, 0);
    expect(() => rng.setState(new Uint32Array(10))).toThrow(/MT19937 state array/);
    const bad = rng.getState();
    bad[0] = 2;
    expect(() => rng.setState(bad)).toThrow(/version 1/);
  });
});
