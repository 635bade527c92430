// Probe: which Math functions differ between Node's V8 and headless Chromium's V8 (issue 15), and
// whether core's pow (packages/core/src/math/pow.ts, what model code uses for x^y) agrees.
// Result 2026-12-08, Node v20.20.2 vs Debian chromium 150.0.7871.100, 20000 args each:
//   pow DIFFERS (1936/20000, non-integer exponents), tanh DIFFERS (7/20000);
//   exp log sin cos tan atanh asinh acosh sinh cosh log1p expm1 log10 log2 cbrt atan asin acos sqrt atan2 agree;
//   strata-pow (core's pow on the same arguments as pow) and exp(-0.75 log c) (dual averaging) agree.
//   (docs/architecture.md records an earlier probe against Chromium 156 that also saw atan2, cbrt, cosh,
//   log10 differ; re-run on the browser you target.)
// Run: node bench/math-probe.mjs   (needs /usr/bin/chromium, and playwright-core and esbuild from the workspace)
// The browser test (packages/strata/test/browser/playground.test.ts) imports probe and corePowScript.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(new URL('../packages/strata/package.json', import.meta.url));

/** Core's pow bundled as a script that defines globalThis.strataPow (for a page, or Node through eval). */
export async function corePowScript() {
  const esbuild = require('esbuild');
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('../packages/core/src/math/pow.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'strataPow',
    target: 'es2022',
    logLevel: 'silent',
  });
  return `${result.outputFiles[0].text}\nglobalThis.strataPow = strataPow;`;
}

/**
 * Bit patterns (hex) of each function over n seeded arguments. Self-contained (it runs in the page as
 * source); `globalThis.strataPow.pow`, when defined, is probed as strata-pow on pow's arguments.
 */
export function probe(n) {
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
  const r2 = [], r3 = [], r4 = [], r5 = [];
  const core = globalThis.strataPow?.pow;
  for (let i = 0; i < n; i++) { const y = (u() - 0.5) * 20, x = (u() - 0.5) * 20; r2.push(bits(Math.atan2(y, x))); }
  for (let i = 0; i < n; i++) {
    const b = u() * 100, e = (u() - 0.5) * 10;
    r3.push(bits(Math.pow(b, e)));
    if (core) r4.push(bits(core(b, e)));
  }
  for (let c = 1; c <= n; c++) r5.push(bits(Math.exp(-0.75 * Math.log(c))));
  out.atan2 = r2; out.pow = r3; out['exp(-0.75 log c)'] = r5;
  if (core) out['strata-pow'] = r4;
  return out;
}

/** Per function: the number of arguments whose results differ between two probes. */
export function differences(a, b) {
  return Object.fromEntries(Object.keys(a).map((f) => [f, a[f].filter((v, i) => v !== b[f][i]).length]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { chromium } = require('playwright-core');
  const N = 20000;
  const script = await corePowScript();
  (0, eval)(script);
  const node = probe(N);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage();
  await page.evaluate(script);
  const web = await page.evaluate(`(${probe.toString()})(${N})`);
  await browser.close();
  console.log(`Node ${process.version} vs Chromium, ${N} arguments per function`);
  for (const [f, d] of Object.entries(differences(node, web))) console.log(`${f.padEnd(17)} ${d === 0 ? 'agree' : `DIFFER ${d}/${N}`}`);
}
