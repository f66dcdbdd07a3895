/**
 * `npm start`: Vite serves demo/ and this plugin mounts, on the same origin, the sandbox
 * at /sandbox, the demo shop's backend at /api (the payment-link handler at POST
 * /api/payment-link) and the CDN file at /cdn/almara-pay-link.js, which the script-tag
 * pages (static.html, cms.html) load as a merchant's site would. Serve only: `npm run build`
 * does not see it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connect, Plugin, ViteDevServer } from 'vite';
import { createSandbox } from '../src/sandbox/index.js';
import { toNodeHandler } from '../src/server/index.js';
import { createDemoBackend } from './demo-backend.js';

export const SANDBOX_PATH = '/sandbox';
/** Where the demo serves dist/cdn/almara-pay-link.js, as a CDN would. */
export const CDN_PATH = '/cdn/almara-pay-link.js';
/**
 * Written in a page's `integrity` attribute; replaced, as the page is served, by the sha384 of
 * the CDN file served at that moment, so the pinned hash can never go stale while src/ changes.
 */
export const INTEGRITY_PLACEHOLDER = '__ALMARA_CDN_INTEGRITY__';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/**
 * `npm run build`'s Vite library build (vite.config.ts's `build` section, so the same bytes as
 * dist/cdn/almara-pay-link.js), kept in memory and printed to stdout with the files it was
 * made of. In a child process because this process is Vite's dev server: NODE_ENV is
 * `development` here, which would resolve Lit's development build. In memory so that no demo
 * server (the e2e tests start several at once) deletes or rewrites dist/ under another one.
 * No tsc: about a second, while Vite is already listening.
 */
const BUILD_CDN = `
import { build } from 'vite';
const out = await build({ configFile: 'vite.config.ts', logLevel: 'warn', build: { write: false } });
const file = [out].flat().flatMap((o) => o.output).find((f) => f.fileName === 'almara-pay-link.js');
if (!file || file.type !== 'chunk') throw new Error('the library build made no almara-pay-link.js');
process.stdout.write(JSON.stringify({ code: file.code, modules: file.moduleIds }));
`;

interface CdnFile {
  code: Buffer;
  /** The `integrity` value that pins `code`: `sha384-…`. */
  integrity: string;
  /** The source files bundled into it: a change to one of them calls for a new build. */
  modules: Set<string>;
}

/** The CDN file, built on first use and again after a change under src/. */
function cdnBuilder(server: ViteDevServer) {
  let current: Promise<CdnFile> | undefined;
  /** The last build's sources; until there is one, any change under src/ counts. */
  let sources: Set<string> | undefined;
  const children = new Set<ChildProcess>();
  let disposed = false;

  function build(): Promise<CdnFile> {
    return new Promise((resolve, reject) => {
      const env = { ...process.env };
      delete env['NODE_ENV'];
      const child = spawn(process.execPath, ['--input-type=module', '-e', BUILD_CDN], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.add(child);
      const out: Buffer[] = [];
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('error', reject);
      child.on('close', (status) => {
        children.delete(child);
        if (status !== 0) {
          reject(new Error(`building the CDN file failed (${String(status)}):\n${err}`));
          return;
        }
        const built = JSON.parse(Buffer.concat(out).toString()) as { code: string; modules: string[] };
        const code = Buffer.from(built.code);
        const integrity = `sha384-${createHash('sha384').update(code).digest('base64')}`;
        resolve({ code, integrity, modules: new Set(built.modules.map((id) => path.resolve(id))) });
      });
    });
  }

  function get(): Promise<CdnFile> {
    if (current) return current;
    const building = build();
    current = building;
    building.then(
      (file) => {
        if (current === building) sources = file.modules;
      },
      () => {
        // A failed build is not kept: the next request tries again (after the source is fixed).
        if (current === building) current = undefined;
      },
    );
    return building;
  }

  // src/ is outside Vite's root; the static pages import nothing from it, so it is not watched otherwise.
  server.watcher.add(SRC);
  server.watcher.on('all', (_event, file) => {
    // Only what the CDN file is made of: editing the server module or the sandbox reloads nothing.
    if (!file.startsWith(SRC) || (sources && !sources.has(path.resolve(file)))) return;
    current = undefined;
    sources = undefined;
    const name = path.relative(ROOT, file);
    server.config.logger.info(`almara-pay-link: ${name} changed, the CDN file will be rebuilt`, { timestamp: true });
    // The script-tag pages hold no module Vite could hot-update: reload them, which rebuilds.
    for (const page of ['/static.html', '/cms.html']) server.ws.send({ type: 'full-reload', path: page });
  });

  return {
    get,
    /** Vite closes the server on exit and on every restart (a change to a config dependency). */
    dispose: () => {
      disposed = true;
      for (const child of children) child.kill();
    },
    get disposed() {
      return disposed;
    },
  };
}

/** Serves the CDN file as a CDN would: a classic script, CORS-readable for `crossorigin` + `integrity`. */
function cdnMiddleware(cdn: () => Promise<CdnFile>): Connect.NextHandleFunction {
  return (req, res, next) => {
    if (req.url?.split('?')[0] !== CDN_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) {
      next();
      return;
    }
    cdn().then(
      ({ code }) => {
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        res.setHeader('Content-Length', code.length);
        res.setHeader('Cache-Control', 'no-cache');
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.end(req.method === 'HEAD' ? undefined : code);
      },
      (error: unknown) => {
        next(error);
      },
    );
  };
}

/** The origin payers' browsers use, as Vite will listen on it. */
function publicOrigin(server: ViteDevServer): string {
  const { host, port } = server.config.server;
  // `--host` (true) or a wildcard address: the page is still opened as localhost here.
  const name = typeof host === 'string' && host && host !== '0.0.0.0' && host !== '::' ? host : 'localhost';
  return `http://${name.includes(':') ? `[${name}]` : name}:${port}`;
}

export function demoServer(): Plugin {
  let cdn: ReturnType<typeof cdnBuilder> | undefined;
  return {
    name: 'almara-demo-server',
    apply: 'serve',
    configureServer(server) {
      const origin = publicOrigin(server);
      const sandbox = createSandbox({ basePath: SANDBOX_PATH });
      const backend = createDemoBackend({
        origin,
        sandboxPath: SANDBOX_PATH,
        // In-process: the same HTTP requests, without depending on what `localhost` resolves to.
        sandboxFetch: (input, init) => sandbox.fetch(new Request(input, init)),
      });
      const files = cdnBuilder(server);
      cdn = files;
      server.middlewares.use(sandbox.middleware);
      server.middlewares.use('/api', toNodeHandler(backend.fetch));
      server.middlewares.use(cdnMiddleware(files.get));
      server.httpServer?.once('listening', () => {
        const upstream = backend.live
          ? 'the Almara Pay API (ALMARA_BASE_URL)'
          : `the sandbox at ${origin}${SANDBOX_PATH}`;
        server.config.logger.info(`  almara-pay-link: POST ${origin}/api/payment-link → ${upstream}`);
        // Built now rather than on the first page view; Vite is already listening meanwhile.
        files.get().then(
          ({ code, integrity }) => {
            const size = `${(code.length / 1024).toFixed(1)} KB`;
            server.config.logger.info(`  almara-pay-link: ${origin}${CDN_PATH} (${size}, integrity="${integrity}")`);
          },
          (error: unknown) => {
            // A build cut short by a restart is no news: the restarted server builds again.
            if (!files.disposed) server.config.logger.error(String(error));
          },
        );
      });
      server.httpServer?.once('close', () => {
        sandbox.dispose();
        files.dispose();
      });
    },
    transformIndexHtml: {
      order: 'pre',
      async handler(html) {
        if (!cdn || !html.includes(INTEGRITY_PLACEHOLDER)) return html;
        const { integrity } = await cdn.get();
        return html.replaceAll(INTEGRITY_PLACEHOLDER, integrity);
      },
    },
  };
}
