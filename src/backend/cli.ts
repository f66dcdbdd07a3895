/**
 * `npx almara-pay-link serve` and `npx almara-pay-link snippet`: the no-code backend (contract
 * §7) as a Node process, and the HTML a merchant pastes into a page. A thin wrapper: the
 * backend itself is `createBackend` (create-backend.ts), the same on serverless hosts.
 *
 * Every failure to start is one plain sentence on stderr and a non-zero exit code, never a
 * stack trace: the reader is a merchant at a terminal, not the package's developer.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toNodeHandler } from '../server/http/node-handler.js';
import { ConfigError } from './config.js';
import { createBackend, REDIS_PACKAGE, SANDBOX_PATH, type Backend } from './create-backend.js';
import { EnvironmentError } from './environment.js';
import { snippet } from './snippet.js';

/** The package's version, for the banner. */
const VERSION = '0.1.0';
/** The defaults of contract §7: PaaS hosts and containers expect every interface, and a port of our own. */
export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '0.0.0.0';
/** How long in-flight requests may take to finish after SIGTERM before the process exits anyway. */
export const SHUTDOWN_GRACE_MS = 10_000;

const USAGE = `Usage:
  almara-pay-link serve [--config almara.config.json] [--port 8787] [--host 0.0.0.0]
  almara-pay-link snippet ITEM --backend URL [--lang en|sw]

serve reads the Almara credentials from ALMARA_BASE_URL, ALMARA_CLIENT_ID, ALMARA_CLIENT_SECRET
and ALMARA_SHORT_CODE (none set: the built-in sandbox, no real payments), REDIS_URL to share
idempotency and rate limits between instances, PORT and HOST.`;

/** A failure the merchant can fix: said in one line, exit code 1 (2 for a wrong command line). */
class Refusal extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'serve') await serve(rest, env);
  else if (command === 'snippet') console.log(await snippetCommand(rest));
  else if (command === undefined || command === 'help' || command === '--help' || command === '-h') console.log(USAGE);
  else throw new Refusal(`unknown command "${command}"\n\n${USAGE}`, 2);
}

/** `parseArgs`, its refusal said with the usage. */
function parse<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new Refusal(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
}

/** The config file, parsed: its absence and bad JSON are said as such. */
function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Refusal(`${path}: cannot read the config file (give its path with --config)`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Refusal(`${path}: not valid JSON (${(error as Error).message})`);
  }
}

async function serve(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values } = parse(() =>
    parseArgs({
      args,
      strict: true,
      options: {
        config: { type: 'string', short: 'c' },
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
      },
    }),
  );
  const configPath = resolve(values.config ?? 'almara.config.json');
  const portText = values.port ?? env['PORT'] ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    throw new Refusal(`port: expected a number from 0 to 65535, not "${portText}"`, 2);
  const host = values.host ?? env['HOST'] ?? DEFAULT_HOST;

  let backend: Backend;
  const config = readConfigFile(configPath);
  try {
    backend = createBackend(config, env);
  } catch (error) {
    if (error instanceof ConfigError)
      throw new Refusal(
        `${configPath} is not a valid config:\n${error.problems.map((line) => `  ${line}`).join('\n')}`,
      );
    if (error instanceof EnvironmentError) throw new Refusal(error.message);
    throw error;
  }

  if (backend.shared) {
    // An optional peer dependency: without it every payment would be refused (503), silently.
    try {
      await import(REDIS_PACKAGE);
    } catch {
      await backend.close();
      throw new Refusal('REDIS_URL is set, but the redis package is not installed: run npm install redis');
    }
  }

  const server = createServer(toNodeHandler(backend, { trustProxy: /^(1|true|yes)$/i.test(env['TRUST_PROXY'] ?? '') }));
  await listen(server, port, host);
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  console.log(banner(backend, bound, host, (config as { allowedOrigins: string[] }).allowedOrigins));
  stopOnSignal(server, backend);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      fail(
        error.code === 'EADDRINUSE'
          ? new Refusal(`port ${port} is taken on ${host}: stop what uses it, or choose another with --port or PORT`)
          : error.code === 'EACCES'
            ? new Refusal(`port ${port} needs privileges on ${host}: choose one above 1023 with --port or PORT`)
            : new Refusal(`cannot listen on ${host}:${port} (${error.code ?? error.message})`),
      );
    });
    server.listen(port, host, () => {
      done();
    });
  });
}

/**
 * What the merchant reads on start: where everything is, which sites' pages may use it (the
 * config's `allowedOrigins`, as checked), and what to pin the scripts with.
 */
export function banner(backend: Backend, port: number, host: string, origins: string[] = []): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const base = `http://${shown}:${port}`;
  const lines = [
    `almara-pay-link ${VERSION} on ${base} (listening on ${host}:${port})`,
    backend.mode === 'sandbox'
      ? `  mode: sandbox at ${base}${SANDBOX_PATH}/, no real payments (set the four ALMARA_* variables for your account)`
      : '  mode: Almara (ALMARA_BASE_URL)',
    `  store: ${backend.shared ? 'Redis (REDIS_URL), shared by every instance' : 'memory, this process only (set REDIS_URL for several)'}`,
    // Empty: only pages of this backend's own origin (behind the same domain) may pay through it.
    `  pages: ${origins.length ? origins.join(', ') : `only those of ${base} itself (allowedOrigins is empty)`}`,
    `  POST ${base}/api/payment-link`,
    `  GET  ${base}/api/payment-status?id=…`,
    ...backend.scripts.map((script) => `  GET  ${base}${script.path}\n       integrity="${script.integrity}"`),
    `  GET  ${base}/api/items`,
    `  GET  ${base}/api/items/{item}`,
    `  GET  ${base}/healthz`,
  ];
  return lines.join('\n');
}

/**
 * SIGTERM (a deploy, `docker stop`) or SIGINT (Ctrl-C): no new connections, the requests under
 * way finish, then exit 0; those still running after {@link SHUTDOWN_GRACE_MS} are cut.
 */
function stopOnSignal(server: Server, backend: Backend): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`${signal}: finishing the requests under way, then stopping`);
    const cut = setTimeout(() => {
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    cut.unref();
    server.close(() => {
      clearTimeout(cut);
      void backend.close().finally(() => process.exit(0));
    });
    // Keep-alive connections with nothing in flight would hold close() up.
    server.closeIdleConnections();
  };
  process.once('SIGTERM', () => {
    stop('SIGTERM');
  });
  process.once('SIGINT', () => {
    stop('SIGINT');
  });
}

async function snippetCommand(args: string[]): Promise<string> {
  const { values, positionals } = parse(() =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { backend: { type: 'string', short: 'b' }, lang: { type: 'string' } },
    }),
  );
  const [item] = positionals;
  const backendUrl = values.backend;
  if (!item || !backendUrl) throw new Refusal(`snippet needs an ITEM and --backend URL\n\n${USAGE}`, 2);
  const lang = values.lang;
  if (lang !== undefined && lang !== 'en' && lang !== 'sw')
    throw new Refusal(`--lang: expected en or sw, not "${lang}"`, 2);
  try {
    return await snippet({ item, backend: backendUrl, lang });
  } catch (error) {
    throw new Refusal((error as Error).message);
  }
}

/** Runs the command line: a refusal is one line on stderr and its exit code, never a stack trace. */
export function run(argv: string[]): void {
  main(argv).catch((error: unknown) => {
    console.error(`almara-pay-link: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof Refusal ? error.exitCode : 1);
  });
}
