// Probe: which Math functions differ between Node's V8 and headless Chromium's V8 (issue 15).
// Result 2026-12-07, Node v20.20.2 vs Debian chromium 150.0.7871.100, 20000 args each:
//   pow DIFFERS (1936/20000, non-integer exponents), tanh DIFFERS (7/20000);
//   exp log sin cos tan atanh asinh acosh sinh cosh log1p expm1 log10 log2 cbrt atan asin acos sqrt atan2 agree.
//   (docs/architecture.md names Chromium 156 and lists atan2/cbrt/cosh/log10 as differing and tanh as agreeing:
//   not what this build shows; re-run on the CI chromium before relying on either list.)
// Run: node bench/math-probe.mjs   (needs /usr/bin/chromium and playwright-core from the workspace)
import { createRequire } from 'node:module';
const require = createRequire(new URL('../packages/strata/package.json', import.meta.url));
const { chromium } = require('playwright-core');

function probe(n) {
  // deterministic xorshift arguments over wide ranges; returns per-function list of result bit patterns
  let s = 0x9e3779b9 >>> 0;
  const u = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
  const fns1 = ['exp','log','sin','cos','tan','tanh','atanh','asinh','acosh','sinh','cosh','log1p','expm1',
    'log10','log2','cbrt','atan','asin','acos','sqrt'];
  const out = {};
  const dv = new DataView(new ArrayBuffer(8));
  const bits = (x) => { dv.setFloat64(0, x); return dv.getBigUint64(0).toString(16); };
  const arg = (f) => {
    const w = (u() - 0.5) * 2 * [0.01, 0.1, 1, 10, 100, 1000][Math.floor(u() * 6)];
    if (f === 'asin' || f === 'acos' || f === 'atanh') return (u() - 0.5) * 2;
    if (f === 'acosh') return 1 + Math.abs(w);
    if (f === 'log' || f === 'log10' || f === 'log2' || f === 'sqrt') return Math.abs(w);
    if (f === 'log1p') return Math.abs(w) - 0.5;
    if (f === 'exp' || f === 'expm1' || f === 'sinh' || f === 'cosh') return w % 700;
    return w;
  };
  for (const f of fns1) { const r = []; for (let i = 0; i < n; i++) { const x = arg(f); r.push(bits(Math[f](x))); } out[f] = r; }
  const r2 = [], r3 = [];
  for (let i = 0; i < n; i++) { const y = (u() - 0.5) * 20, x = (u() - 0.5) * 20; r2.push(bits(Math.atan2(y, x))); }
  for (let i = 0; i < n; i++) { const b = u() * 100, e = (u() - 0.5) * 10; r3.push(bits(Math.pow(b, e))); }
  out.atan2 = r2; out.pow = r3;
  return out;
}

const N = 20000;
const node = probe(N);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
const web = await page.evaluate(`(${probe.toString()})(${N})`);
await browser.close();
console.log(`Node ${process.version} vs Chromium, ${N} arguments per function`);
for (const f of Object.keys(node)) {
  let d = 0; for (let i = 0; i < N; i++) if (node[f][i] !== web[f][i]) d++;
  console.log(`${f.padEnd(6)} ${d === 0 ? 'agree' : `DIFFER ${d}/${N}`}`);
}
