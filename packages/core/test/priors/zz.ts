import { lkjCholeskyLogDensity, lkjLogNormalizer } from '/work/main/packages/core/src/priors/index.js';
import { choleskyCorrConstrain } from '/work/main/packages/core/src/transforms/index.js';
for (const K of [3, 4]) for (const eta of [0.7, 1, 2.5]) {
  const n = K === 3 ? 60 : 18; const R = eta < 1 ? 16 : 10; const h = 2 * R / n; const m = K*(K-1)/2;
  const L = new Float64Array(K*K), g = new Float64Array(K*K), y = new Float64Array(m);
  const c = lkjLogNormalizer(K, eta); let total = 0;
  const idx = new Array(m).fill(0);
  for (;;) {
    for (let k = 0; k < m; k++) y[k] = -R + (idx[k] + 0.5) * h;
    total += Math.exp(lkjCholeskyLogDensity(L, K, eta, g) + choleskyCorrConstrain(y, 0, K, L) + c);
    let k = 0; while (k < m && ++idx[k] === n) { idx[k] = 0; k++; } if (k === m) break;
  }
  console.log(K, eta, total * h ** m);
}
