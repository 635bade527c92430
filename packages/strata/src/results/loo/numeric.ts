/** Numeric helpers of the LOO / WAIC code beyond ../../stats.ts (plain loops over typed arrays). */
import { variance } from '../../stats.js';

/** log(sum(exp(x))) computed stably; -Infinity for an empty or all -Infinity input. */
export function logSumExp(x: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < x.length; i++) if (x[i] > m) m = x[i];
  if (m === -Infinity || Number.isNaN(m)) return m;
  if (m === Infinity) return Infinity;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.exp(x[i] - m);
  return m + Math.log(s);
}

/** sqrt(n) * sd(x): the standard error of a sum of n pointwise values (loo's se formula). */
export function seOfSum(x: ArrayLike<number>): number {
  return Math.sqrt(x.length * variance(x));
}
