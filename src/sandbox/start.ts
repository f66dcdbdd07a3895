/**
 * The sandbox on its own HTTP server, for tests and for merchants developing their own
 * backend (`npm run sandbox`). Loopback only by default: it is no place for real data.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandbox, type Sandbox, type SandboxOptions } from './sandbox.js';

export interface StartSandboxOptions extends Omit<SandboxOptions, 'basePath'> {
  /** Default 0: any free port (see `url`). */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
}

export interface RunningSandbox extends Sandbox {
  /** The base URL to give an Almara client, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const { port = 0, host = '127.0.0.1', ...sandboxOptions } = options;
  const sandbox = createSandbox(sandboxOptions);
  const server = createServer((req, res) => {
    sandbox.middleware(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return Object.assign(sandbox, {
    url: `http://${hostInUrl}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        sandbox.dispose();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  });
}
