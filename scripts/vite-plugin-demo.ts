/**
 * `npm start`: Vite serves demo/ and this plugin mounts, on the same origin, the sandbox
 * at /sandbox and the demo shop's backend at /api (the payment-link handler at POST
 * /api/payment-link). Serve only: `npm run build` does not see it.
 */
import type { Plugin, ViteDevServer } from 'vite';
import { createSandbox } from '../src/sandbox/index.js';
import { toNodeHandler } from '../src/server/index.js';
import { createDemoBackend } from './demo-backend.js';

export const SANDBOX_PATH = '/sandbox';

/** The origin payers' browsers use, as Vite will listen on it. */
function publicOrigin(server: ViteDevServer): string {
  const { host, port } = server.config.server;
  // `--host` (true) or a wildcard address: the page is still opened as localhost here.
  const name = typeof host === 'string' && host && host !== '0.0.0.0' && host !== '::' ? host : 'localhost';
  return `http://${name.includes(':') ? `[${name}]` : name}:${port}`;
}

export function demoServer(): Plugin {
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
      server.middlewares.use(sandbox.middleware);
      server.middlewares.use('/api', toNodeHandler(backend.fetch));
      server.httpServer?.once('listening', () => {
        const upstream = backend.live
          ? 'the Almara Pay API (ALMARA_BASE_URL)'
          : `the sandbox at ${origin}${SANDBOX_PATH}`;
        server.config.logger.info(`  almara-pay-link: POST ${origin}/api/payment-link → ${upstream}`);
      });
      server.httpServer?.once('close', () => {
        sandbox.dispose();
      });
    },
  };
}
