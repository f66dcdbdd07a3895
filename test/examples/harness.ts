/**
 * The examples as a merchant meets them: each folder of `examples/` is installed from its own
 * lock file plus the packed tarball (`scripts/pack.sh` → `.pack/almara-pay-link.tgz`), built
 * with its framework's production build, started with `npm start`, and paid through in
 * Debian's Chromium to the sandbox's hosted page. No origin is configured anywhere: the
 * handler must recognise its own pages by itself (contract §4, same origin).
 *
 * An example's `npm start` gets PORT, HOST, the sandbox's ALMARA_* variables and
 * REDIRECTION_SITE, and must serve `/` with a form whose endpoint is its own
 * `/api/payment-link`. The commands run on Node 24 unless told otherwise (the newest
 * frameworks need 22 or more; `npx -p node@N` brings each version from the npm registry).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { SANDBOX_CREDENTIALS, SANDBOX_SHORT_CODE, startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { fillPayer, freePort, launchChromium, recordProblems, stopDemo } from '../e2e/demo-server.js';

export { fillPayer, recordProblems };

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const TARBALL = join(ROOT, '.pack/almara-pay-link.tgz');
const START_TIMEOUT_MS = 90_000;

export type NodeVersion = '20' | '22' | '24';

/** The `bin` folder of Node `version`: the machine's own for its major, else the npm registry's `node` package. */
const nodeBins = new Map<NodeVersion, string>();
export function nodeBin(version: NodeVersion): string {
  let bin = nodeBins.get(version);
  if (bin) return bin;
  if (process.versions.node.split('.')[0] === version) {
    bin = dirname(process.execPath);
  } else {
    const path = execFileSync('npx', ['-y', '-p', `node@${version}`, '-c', 'command -v node'], {
      encoding: 'utf8',
    }).trim();
    bin = dirname(path);
  }
  nodeBins.set(version, bin);
  return bin;
}

/** The environment for an example's commands, on Node `version` (npm's shebang finds that node first). */
function envOn(version: NodeVersion, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // No framework reports usage from a test run (nor tries to reach the network to do so).
    NEXT_TELEMETRY_DISABLED: '1',
    ASTRO_TELEMETRY_DISABLED: '1',
    NUXT_TELEMETRY_DISABLED: '1',
    NG_CLI_ANALYTICS: 'false',
    ...extra,
  };
  env['PATH'] = `${nodeBin(version)}:${process.env['PATH'] ?? ''}`;
  // The test runner's own flags (`--import tsx`, `--test`) are not the example's.
  delete env['NODE_OPTIONS'];
  delete env['NODE_TEST_CONTEXT'];
  return env;
}

function run(dir: string, version: NodeVersion, command: string, args: string[]): void {
  try {
    execFileSync(command, args, { cwd: dir, env: envOn(version), stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`${command} ${args.join(' ')} failed in ${dir}:\n${String(stdout ?? '')}\n${String(stderr ?? '')}`);
  }
}

/** Seconds each step took, by example: the closing note's build times come from here. */
export const timings: Record<string, Record<string, number>> = {};

function timed<T>(example: string, step: string, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    (timings[example] ??= {})[step] = Math.round(performance.now() - start) / 1000;
  }
}

/**
 * `npm ci` from the lock of `dir`, then the tarball as `npm install` would add it. Skipped
 * when the lock, the tarball and Node are those of the last install (a marker in
 * node_modules), so that running one test again is quick. Also for the docs test's consumer.
 */
export function installTarball(dir: string, version: NodeVersion = '24', label = dir): void {
  assert.ok(existsSync(TARBALL), `no ${TARBALL}: run bash scripts/pack.sh (npm test does)`);
  const marker = join(dir, 'node_modules/.almara-installed');
  const stamp = createHash('sha256')
    .update(readFileSync(join(dir, 'package-lock.json')))
    .update(readFileSync(TARBALL))
    .update(version)
    .digest('hex');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === stamp) return;
  timed(label, 'install', () => {
    run(dir, version, 'npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
    run(dir, version, 'npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', TARBALL]);
  });
  writeFileSync(marker, stamp);
}

/** `examples/<name>` installed (see `installTarball`) and built with its own `npm run build`. */
export function installAndBuild(name: string, version: NodeVersion = '24'): string {
  const dir = join(ROOT, 'examples', name);
  installTarball(dir, version, name);
  timed(name, 'build', () => {
    run(dir, version, 'npm', ['run', 'build']);
  });
  return dir;
}

/** Runs `command` in `dir` on Node `version`; throws with everything it printed when it fails. */
export function runOn(dir: string, version: NodeVersion, command: string, args: string[]): void {
  run(dir, version, command, args);
}

export interface RunningExample {
  /** `http://127.0.0.1:PORT`: the example's own origin, where its pages and its endpoint are. */
  origin: string;
  browser: Browser;
  sandbox: RunningSandbox;
  /** Everything `npm start` printed so far, for failure messages. */
  output: () => string;
}

export interface UseExampleOptions {
  /** The Node major the example is installed, built and run on. Default 24. */
  node?: NodeVersion;
  /** What `npm start` must answer with 200 before the tests begin. Default `/`. */
  readyPath?: string;
  /** More environment for `npm start`. */
  env?: Record<string, string>;
}

/**
 * Installs, builds and starts `examples/<name>` around the tests of the calling file, with a
 * sandbox and a Chromium of its own. Read the fields inside a test, not before.
 */
export function useExample(name: string, options: UseExampleOptions = {}): RunningExample {
  const version = options.node ?? '24';
  let child: ChildProcess | undefined;
  let sandbox: RunningSandbox | undefined;
  let browser: Browser | undefined;
  let origin = '';
  let log = '';

  before(async () => {
    const dir = installAndBuild(name, version);
    sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    child = spawn('npm', ['start'], {
      cwd: dir,
      env: envOn(version, {
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        ALMARA_BASE_URL: sandbox.url,
        ALMARA_CLIENT_ID: SANDBOX_CREDENTIALS.clientId,
        ALMARA_CLIENT_SECRET: SANDBOX_CREDENTIALS.clientSecret,
        ALMARA_SHORT_CODE: SANDBOX_SHORT_CODE,
        REDIRECTION_SITE: `${origin}/thanks`,
        ...options.env,
      }),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const readyUrl = origin + (options.readyPath ?? '/');
    const started = performance.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start of ${name} exited with ${child.exitCode}:\n${log}`);
      if (performance.now() - started > START_TIMEOUT_MS) {
        throw new Error(`${name} did not answer ${readyUrl} within ${START_TIMEOUT_MS} ms:\n${log}`);
      }
      try {
        const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2000) });
        if (response.ok) break;
      } catch {
        // Not listening yet.
      }
      await new Promise((done) => setTimeout(done, 200));
    }
    (timings[name] ??= {})['start'] = Math.round(performance.now() - started) / 1000;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    if (child) await stopDemo(child);
    await sandbox?.close();
    if (process.env['EXAMPLE_TIMINGS'])
      console.log(`timings ${name} on Node ${version}: ${JSON.stringify(timings[name])}`);
  });

  return {
    get origin() {
      return origin;
    },
    get browser() {
      assert.ok(browser, 'useExample: the browser starts in before()');
      return browser;
    },
    get sandbox() {
      assert.ok(sandbox, 'useExample: the sandbox starts in before()');
      return sandbox;
    },
    output: () => log,
  };
}

/** A new page of the example's browser that records what a payer's browser would complain about. */
export async function openPage(example: RunningExample, path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await example.browser.newPage();
  page.setDefaultTimeout(20_000);
  const problems = await recordProblems(page);
  await page.goto(example.origin + path);
  return { page, problems };
}

/**
 * What a payer does: fills the form inside `element`, presses its Pay button and lands on the
 * sandbox's hosted page. Asserts that the POST went to the example's own origin and was
 * answered 200 (no origin configured), and returns the hosted page's heading (`KES 1,500`).
 */
export async function payThrough(example: RunningExample, page: Page, element: Locator): Promise<string> {
  await fillPayer(element);
  const answered = page.waitForResponse(
    (response) => response.request().method() === 'POST' && response.url().startsWith(example.origin + '/'),
  );
  await element.getByRole('button', { name: /^(Pay|Lipa|Give)\b/ }).click();
  const response = await answered;
  if (response.status() !== 200) {
    // Read only on failure: after a 200 the page may already have gone on, and the body with it.
    const text = await response.text().catch(() => '(gone)');
    assert.fail(`POST ${response.url()} answered ${response.status()}: ${text}\n${example.output()}`);
  }
  await page.waitForURL((url) => url.href.startsWith(`${example.sandbox.url}/pay/pl_`));
  return (await page.locator('h1').innerText()).replace(/\s+/g, ' ');
}
