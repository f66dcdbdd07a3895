/**
 * Shared by the end-to-end tests: `npm start` (Vite with the sandbox and the demo backend
 * mounted) on a free port of 127.0.0.1, and Debian's Chromium through playwright-core.
 * Each test file starts its own server, so the files can run in parallel.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before } from 'node:test';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { PAYER, PAYMENT_REQUEST, type Payer } from '../payer.js';

/** As root Chromium refuses to start without `--no-sandbox`; the rest keeps it quiet and offline. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];
export const CHROMIUM_PATH = '/usr/bin/chromium';
const START_TIMEOUT_MS = 60_000;

export interface Demo {
  child: ChildProcess;
  /** Everything `npm start` printed so far, for failure messages. */
  output: () => string;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  assert.ok(address && typeof address === 'object');
  return address.port;
}

/** `npm start` in its own process group, so that stopping it stops Vite too. */
export async function startDemo(port: number): Promise<Demo> {
  const child = spawn('npm', ['start'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', BROWSER: 'none' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${log}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return { child, output: () => log };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stopDemo(child);
  throw new Error(`npm start did not serve within ${START_TIMEOUT_MS} ms:\n${log}`);
}

export async function stopDemo(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/**
 * What a payer's browser would complain about, on every page `page` goes to from now on: each
 * Content-Security-Policy violation (a `securitypolicyviolation` listener installed before any
 * script of the page runs, reporting to Node, so that it survives navigations), each uncaught
 * script error and each console error (a failed integrity check is only a console error).
 * Returns the list, which fills as the page runs.
 */
export async function recordProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.exposeFunction('__almaraReportViolation', (text: string) => problems.push(`CSP violation: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        // Looked up when needed: the binding is Playwright's, installed alongside this script.
        const host = window as unknown as { __almaraReportViolation: (text: string) => void };
        host.__almaraReportViolation(
          `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} on ${event.documentURI}`,
        );
      },
      true,
    );
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return problems;
}

/**
 * Holds back the page's requests for `url` (a glob) until the returned function is called, as a
 * slow network holds back a script: the page is laid out without it first.
 */
export async function holdBack(page: Page, url: string): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((done) => (release = done));
  await page.route(url, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** The shop and the browser of one test file, ready once its `before` hook has run. */
export interface DemoSession {
  /** http://127.0.0.1:{port} */
  readonly origin: string;
  readonly browser: Browser;
}

/**
 * Registers the calling suite's hooks: `npm start` on a free port and Chromium before its
 * tests, both stopped after them. Read `origin` and `browser` inside tests, not at load time.
 */
export function useDemo(): DemoSession {
  let demo: Demo | undefined;
  const session = {} as { origin: string; browser: Browser };
  before(async () => {
    const port = await freePort();
    session.origin = `http://127.0.0.1:${port}`;
    demo = await startDemo(port);
    session.browser = await launchChromium();
  });
  after(async () => {
    await (session.browser as Browser | undefined)?.close();
    if (demo) await stopDemo(demo.child);
  });
  return session;
}

/** Types a payer's details into one element, as a payer does. */
export async function fillPayer(element: Locator, payer: Payer = PAYER): Promise<void> {
  await element.getByLabel('First name').fill(payer.firstName);
  await element.getByLabel('Last name').fill(payer.lastName);
  await element.getByLabel('Email').fill(payer.emailAddress);
  await element.getByLabel('Phone number').fill(payer.phoneNumber);
}

/** What the sandbox's payment page lists of the payer: name, email, and the phone number as sent. */
export function payerOnPaymentPage(payer: Payer = PAYER, phoneSent = PAYMENT_REQUEST.phoneNumber): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp([`${payer.firstName} ${payer.lastName}`, payer.emailAddress, phoneSent].map(escape).join('.*'));
}

/** What the thank-you page (`<almara-pay-status>` with the shop's words in its slots) shows the payer. */
export interface Receipt {
  /** The element's `status` attribute: the state it shows. */
  status: string | null;
  /** The shop's heading, in the element's `header` slot. */
  heading: string;
  /** The state in a few words ("Payment received"). */
  title: string;
  /** The line under it: what to do, or when it was paid; '' when none. */
  text: string;
  /** The summary, once the backend has answered about a link it knows; '' else. */
  description: string;
  amount: string;
  /** The element's own link or button ("Try again", "Check again"); '' when none. */
  action: string;
  /** The shop's link home, in the `footer` slot. */
  back: string;
  /** All the text the payer can read on the page, the element's shadow DOM included. */
  visible: string;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The thank-you page as it stands (see {@link waitForReceipt} to wait for a state first). */
export async function readReceipt(page: Page): Promise<Receipt> {
  const element = page.locator('almara-pay-status');
  // allTextContents() does not wait: a part the state has none of reads ''.
  const read = async (locator: Locator) => squash((await locator.allTextContents()).join(' '));
  const visible = await page.evaluate(() => {
    const box = document.querySelector('almara-pay-status')?.shadowRoot?.querySelector<HTMLElement>('[part=box]');
    return `${document.body.innerText}\n${box?.innerText ?? ''}`;
  });
  return {
    status: await element.getAttribute('status'),
    heading: await read(element.locator('[slot=header]')),
    title: await read(element.locator('[part=title]')),
    text: await read(element.locator('[part=text]')),
    description: await read(element.locator('[part=summary] > span:first-child')),
    amount: await read(element.locator('[part=summary] > .amount')),
    action: await read(element.locator('[part=retry], [part=check-again]')),
    back: await read(element.locator('[slot=footer] a')),
    visible,
  };
}

/**
 * Waits (at most `timeout` ms: the element asks again every 2 to 15 s while a payment is
 * pending) until the thank-you page shows `status`, then reads it.
 */
export async function waitForReceipt(page: Page, status: string, timeout = 30_000): Promise<Receipt> {
  await page.locator(`almara-pay-status[status="${status}"]`).waitFor({ timeout });
  return readReceipt(page);
}

/** Waits for the thank-you page's first answer (any state but `checking`), then reads it. */
export async function waitForAnswer(page: Page, timeout = 30_000): Promise<Receipt> {
  await page.locator('almara-pay-status[status]:not([status=checking])').waitFor({ timeout });
  return readReceipt(page);
}
