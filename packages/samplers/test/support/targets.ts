import type { LogDensity } from '../../src/index.js';

/** Targets with known moments, each a plain LogDensity. */

export interface KnownTarget extends LogDensity {
  name: string;
  mean: Float64Array;
  variance: Float64Array;
}

/** N(0, sd_i^2) independent coordinates. */
export function independentNormal(sds: ArrayLike<number>, name = 'independent-normal'): KnownTarget {
  const d = sds.length;
  const precision = Float64Array.from(sds, (s) => 1 / (s * s));
  return {
    name,
    dimension: d,
    mean: new Float64Array(d),
    variance: Float64Array.from(sds, (s) => s * s),
    logDensityGradient(q, grad) {
      let lp = 0;
      for (let i = 0; i < d; i++) {
        const g = -precision[i] * q[i];
        grad[i] = g;
        lp += 0.5 * g * q[i];
      }
      return lp;
    },
  };
}

export function iidNormal(dimension: number): KnownTarget {
  return independentNormal(new Float64Array(dimension).fill(1), `iid-normal-${dimension}`);
}

/** Scales spread log-uniformly from `smallest` to `largest`. */
export function scaledNormal(dimension: number, smallest: number, largest: number): KnownTarget {
  const sds = Float64Array.from({ length: dimension }, (_, i) =>
    Math.exp(Math.log(smallest) + (i / (dimension - 1)) * (Math.log(largest) - Math.log(smallest))),
  );
  return independentNormal(sds, `scaled-normal-${dimension}`);
}

/** Bivariate standard normal with correlation rho. */
export function correlatedNormal(rho: number): KnownTarget {
  const det = 1 - rho * rho;
  return {
    name: `correlated-normal-${rho}`,
    dimension: 2,
    mean: new Float64Array(2),
    variance: new Float64Array([1, 1]),
    logDensityGradient(q, grad) {
      const [x, y] = [q[0], q[1]];
      grad[0] = -(x - rho * y) / det;
      grad[1] = -(y - rho * x) / det;
      return (-0.5 * (x * x - 2 * rho * x * y + y * y)) / det;
    },
  };
}

/**
 * A banana: x ~ N(0, 1), y | x ~ N(x^2, s^2); a curved ridge like Rosenbrock's.
 * E[y] = 1, Var[y] = Var[x^2] + s^2 = 2 + s^2.
 */
export function banana(s = 1.5): KnownTarget {
  const s2 = s * s;
  return {
    name: 'banana',
    dimension: 2,
    mean: new Float64Array([0, 1]),
    variance: new Float64Array([1, 2 + s2]),
    logDensityGradient(q, grad) {
      const x = q[0];
      const r = q[1] - x * x;
      grad[0] = -x + (2 * x * r) / s2;
      grad[1] = -r / s2;
      return -0.5 * x * x - (0.5 * r * r) / s2;
    },
  };
}

/**
 * Neal's funnel, v ~ N(0, 3^2), x_i | v ~ N(0, exp(v)) (sd exp(v/2)), parameterised centred
 * (theta = (v, x)) or non-centred (theta = (v, z) with x = exp(v/2) z).
 */
export function funnel(k: number, centred: boolean): KnownTarget {
  const d = k + 1;
  return {
    name: centred ? 'funnel-centred' : 'funnel-noncentred',
    dimension: d,
    // v's moments; those of x (centred) are too heavy-tailed to test, of z (non-centred) are N(0, 1).
    mean: new Float64Array(d),
    variance: Float64Array.from({ length: d }, (_, i) => (i === 0 ? 9 : centred ? Math.exp(4.5) : 1)),
    logDensityGradient(q, grad) {
      const v = q[0];
      let lp = -(v * v) / 18;
      grad[0] = -v / 9;
      if (centred) {
        // log N(x | 0, exp(v)) = -v/2 - x^2 exp(-v) / 2
        const inv = Math.exp(-v);
        for (let i = 1; i < d; i++) {
          const x = q[i];
          lp += -0.5 * v - 0.5 * x * x * inv;
          grad[0] += -0.5 + 0.5 * x * x * inv;
          grad[i] = -x * inv;
        }
      } else {
        for (let i = 1; i < d; i++) {
          lp -= 0.5 * q[i] * q[i];
          grad[i] = -q[i];
        }
      }
      return lp;
    },
  };
}
