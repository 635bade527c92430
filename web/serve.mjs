/**
 * `pnpm web [--port N]`: builds the playground (esbuild: the page's script and the chains' worker
 * script, both from the TypeScript sources with the `browser` condition) and serves it on 127.0.0.1,
 * with the bundled examples. Local only: nothing is fetched from the network.
 *
 * Headers: COOP/COEP make the page cross-origin isolated (SharedArrayBuffer, so a chain sees a stop at
 * once), and the CSP allows only this origin plus 'unsafe-eval', which the model compiler needs.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_STUB } from '../packages/strata/build/packages.mjs';
import { versionsDefine } from '../packages/strata/build/versions.mjs';

const WEB = fileURLToPath(new URL('./', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.mjs': 'text/javascript', '.js': 'text/javascript', '.json': 'application/json', '.csv': 'text/csv', '.map': 'application/json' };
export const CSP = "default-src 'self'; script-src 'self' 'unsafe-eval'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'";

/** Builds web/dist/app.mjs and web/dist/worker.mjs (the worker a fit's ModelSource names, next to the page's script). */
export async function buildPlayground() {
  const esbuild = await import('esbuild');
  try {
    await esbuild.build({
      absWorkingDir: WEB,
      entryPoints: [
        { in: 'src/app.ts', out: 'app' },
        { in: '../packages/strata/src/bundle/worker.ts', out: 'worker' },
      ],
      outdir: join(WEB, 'dist'),
      outExtension: { '.js': '.mjs' },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      define: versionsDefine(),
      plugins: [NODE_STUB],
      // The job queue's clients are imported dynamically, only by `strata power --queue` and `strata worker`.
      external: ['bullmq', 'ioredis'],
      sourcemap: 'linked',
      legalComments: 'none',
      logLevel: 'silent',
    });
  } finally {
    await esbuild.stop?.();
  }
}

/** Maps a URL path to a file: /examples/... from examples/, the rest from web/; null outside them. */
function fileFor(pathname) {
  const path = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  if (/^\/examples\/(specs|data)\/[\w-]+\.(json|csv)$/.test(path)) return join(EXAMPLES, path.slice('/examples/'.length));
  if (path === '/') return join(WEB, 'index.html');
  if (/^\/(index\.html|style\.css|dist\/[\w.-]+)$/.test(path)) return join(WEB, path);
  return null;
}

/** Builds, then serves; port 0 picks a free one. Resolves with the URL and a close(). */
export async function startPlayground({ port = 5173, host = '127.0.0.1' } = {}) {
  await buildPlayground();
  const server = createServer(async (request, response) => {
    const file = fileFor(new URL(request.url ?? '/', 'http://x').pathname);
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store' };
    try {
      if (!file) throw new Error('not found');
      const body = await readFile(file);
      response.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      response.end('not found\n');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const url = `http://${host}:${server.address().port}/`;
  return { url, close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--port');
  const port = at >= 0 ? Number(process.argv[at + 1]) : 5173;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`strata web: --port must be an integer in [0, 65535], got ${process.argv[at + 1]}\n`);
    process.exit(2);
  }
  try {
    const { url } = await startPlayground({ port });
    process.stdout.write(`Strata playground: ${url}\n`);
  } catch (error) {
    process.stderr.write(`strata web: ${error?.code === 'EADDRINUSE' ? `port ${port} is in use (try --port N)` : error?.errors?.[0]?.text ?? error?.message ?? error}\n`);
    process.exit(1);
  }
}
