/**
 * Shared by the tests of the no-code backend (issue 12, contract §7): a config as a merchant
 * writes it, the payer's body as the element sends it, `createBackend` with its log lines
 * kept, and `almara-pay-link serve` as a child process (the built bin, dist/backend/bin.js).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend, type Backend, type BackendOptions, type RequestLogLine } from '../../src/backend/index.js';
import { PAYER, PAYMENT_REQUEST } from '../payer.js';

export const SHOP = 'https://shop.example';
export const FOREIGN = 'https://evil.example';
/** Where Fetch requests are sent: a backend on serverless has some URL; this one. */
export const BASE = 'https://pay.shop.example';

/** The contract's example config: one fixed price, one open amount. */
export function exampleConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    allowedOrigins: [SHOP],
    redirectionSite: `${SHOP}/thanks`,
    items: {
      'kikoi-wrap': { description: 'Kikoi beach wrap', price: 1500 },
      'tree-fund': { description: 'Tree fund', min: 50, max: 100000 },
    },
    ...overrides,
  };
}

/**
 * What the element sends for `account-reference="kikoi-wrap"` on a page whose amount was
 * tampered with: amount 1, its own description and currency.
 */
export function pageBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...PAYMENT_REQUEST,
    amount: 1,
    description: 'Whatever the page says',
    accountReference: 'kikoi-wrap',
    ...overrides,
  };
}

/** Every way the payer's details could be written into a line: none may be. */
export const PAYER_DETAILS = [
  PAYER.firstName,
  PAYER.lastName,
  PAYER.emailAddress,
  'wanjiku',
  PAYER.phoneNumber,
  PAYMENT_REQUEST.phoneNumber,
  '712345678',
];

export function assertNoPayer(text: string, where: string): void {
  for (const detail of PAYER_DETAILS) {
    assert.ok(!text.toLowerCase().includes(detail.toLowerCase()), `${where} names the payer (${detail}):\n${text}`);
  }
}

/** The CDN files createBackend serves from the source are dist/cdn's: `npm run -s build` makes them. */
export function assertBuilt(...paths: string[]): void {
  for (const path of ['dist/cdn/almara-pay-link.js', 'dist/cdn/almara-pay-status.js', ...paths]) {
    assert.ok(existsSync(new URL(`../../${path}`, import.meta.url)), `${path} is missing: run npm run -s build`);
  }
}

export interface TestBackend {
  backend: Backend;
  lines: RequestLogLine[];
  /** A request to the backend, as a host's runtime hands it over. */
  fetch: (path: string, init?: RequestInit, clientAddress?: string) => Promise<Response>;
  /** A POST of `body` to /api/payment-link from the shop's page. */
  create: (body: unknown, headers?: Record<string, string>, clientAddress?: string) => Promise<Response>;
}

let addresses = 0;
/** A payer address of its own per request, unless a test asks for one: the rate limit counts per address. */
const nextAddress = () => `198.51.100.${(addresses++ % 250) + 1}`;

export function testBackend(
  config: unknown = exampleConfig(),
  env: Record<string, string | undefined> = {},
  options: BackendOptions = {},
): TestBackend {
  const lines: RequestLogLine[] = [];
  const backend = createBackend(config, env, { log: (line) => lines.push(line), ...options });
  const fetchIt = (path: string, init: RequestInit = {}, clientAddress = nextAddress()) =>
    backend(new Request(new URL(path, BASE), init), { clientAddress });
  return {
    backend,
    lines,
    fetch: fetchIt,
    create: (body, headers = {}, clientAddress) =>
      fetchIt(
        '/api/payment-link',
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: SHOP, ...headers },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        },
        clientAddress,
      ),
  };
}

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

export const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;

export const sha384 = (bytes: Uint8Array | string) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** Polls `check` every 50 ms until it is true; fails after `ms`. For other processes only. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) assert.fail(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A port the system just gave out and took back. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The CLI, as a merchant runs it.

export const BIN = fileURLToPath(new URL('../../dist/backend/bin.js', import.meta.url));

/** A folder of its own with `almara.config.json` (text as given, or JSON of an object). */
export function configFolder(config: unknown): { dir: string; path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'almara-backend-'));
  const path = join(dir, 'almara.config.json');
  writeFileSync(path, typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  return {
    dir,
    path,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The test's own environment without anything the backend reads: each test says what it sets. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(ALMARA_|REDIS_URL$|PORT$|HOST$|TRUST_PROXY$|NODE_OPTIONS$)/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A command that ends by itself (`snippet`, a refused `serve`): its exit and output, within `ms`. */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = cleanEnv(),
  cwd?: string,
  ms = 15_000,
): Promise<Finished> {
  const child = spawn(process.execPath, [BIN, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  return finished(child, ms);
}

function finished(child: ChildProcess, ms: number): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`almara-pay-link did not exit within ${ms} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, ms);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export interface Serving {
  child: ChildProcess;
  /** `http://127.0.0.1:PORT`: where the tests reach it. */
  url: string;
  port: number;
  banner: string;
  /** All stdout so far, banner included. */
  stdout(): string;
  stderr(): string;
  /** stdout's lines after the banner: the log lines. */
  logLines(): string[];
  /** Resolves when the process has exited. */
  exited: Promise<Finished>;
  /** Sends `signal` and waits for the exit, within `ms`. */
  stop(signal?: NodeJS.Signals, ms?: number): Promise<Finished>;
}

const BANNER_END = /^ {2}GET {2}\S+\/healthz$/m;

/**
 * `almara-pay-link serve` with `args`; unless `exact`, `--port 0` and `--host 127.0.0.1` are
 * added where neither `args` nor `env` set them. Resolves once its banner is out.
 */
export async function startServe(
  args: string[],
  env: NodeJS.ProcessEnv = cleanEnv(),
  { exact = false, ms = 15_000 }: { exact?: boolean; ms?: number } = {},
): Promise<Serving> {
  const all = [...args];
  if (!exact && !all.includes('--port') && !('PORT' in env)) all.push('--port', '0');
  if (!exact && !all.includes('--host') && !('HOST' in env)) all.push('--host', '127.0.0.1');
  const child = spawn(process.execPath, [BIN, 'serve', ...all], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Finished>((resolve) => {
    child.once('close', (code, signal) => {
      resolve({ code, signal, stdout, stderr });
    });
  });
  const started = await Promise.race([
    new Promise<true>((resolve) => {
      const read = () => {
        if (BANNER_END.test(stdout)) {
          child.stdout.off('data', read);
          resolve(true);
        }
      };
      child.stdout.on('data', read);
    }),
    exited,
    new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms)),
  ]);
  if (started !== true) {
    child.kill('SIGKILL');
    assert.fail(
      `serve did not start (${started === 'timeout' ? 'timeout' : `exit ${started.code}`}):\n${stdout}\n${stderr}`,
    );
  }
  const banner = stdout.slice(0, BANNER_END.exec(stdout)!.index + BANNER_END.exec(stdout)![0].length);
  const port = Number(/listening on \S+:(\d+)\)/.exec(banner)?.[1]);
  assert.ok(port > 0, `the banner names the port:\n${banner}`);
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    banner,
    stdout: () => stdout,
    stderr: () => stderr,
    logLines: () =>
      stdout
        .slice(banner.length)
        .split('\n')
        .filter((line) => line.trim() !== ''),
    exited,
    stop: async (signal = 'SIGTERM', wait = 12_000) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), wait);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}
