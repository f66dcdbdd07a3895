/**
 * The whole flow as a payer lives it, against `npm start` (Vite with the sandbox and the
 * demo backend mounted), in Debian's Chromium: fill the form, pay, land on the sandbox's
 * payment page, simulate the payment, land on the thank-you page with the right amount and
 * status. Both demo forms, under the pages' strict Content-Security-Policy.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];
const START_TIMEOUT_MS = 60_000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  assert.ok(address && typeof address === 'object');
  return address.port;
}

/** `npm start` in its own process group, so that stopping it stops Vite too. */
async function startDemo(port: number): Promise<{ child: ChildProcess; output: () => string }> {
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

async function stopDemo(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('npm start: the whole payment flow in Chromium', { timeout: 180_000 }, () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let browser: Browser;
  let origin: string;

  before(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    demo = await startDemo(port);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    if (demo) await stopDemo(demo.child);
  });

  /** A fresh page that records every CSP violation and script error it sees. */
  async function openShop(): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    const problems: string[] = [];
    page.on('console', (message) => {
      if (/content security policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(origin + '/');
    return { page, problems };
  }

  async function fillPayer(page: Page, form: string): Promise<void> {
    const element = page.locator(`${form} almara-pay-link`);
    await element.getByLabel('First name').fill('Wanjiku');
    await element.getByLabel('Last name').fill('Kamau');
    await element.getByLabel('Email').fill('wanjiku@example.com');
    await element.getByLabel('Phone number').fill('0712 345 678');
  }

  /** From the sandbox's payment page to the thank-you page; returns what it shows. */
  async function payOnSandbox(page: Page, amount: string, description: string) {
    await page.waitForURL(/\/sandbox\/pay\/pl_/);
    assert.equal(await text(page, 'h1'), amount, 'the payment page shows the amount');
    assert.equal(await text(page, '.description'), description);
    assert.match(await text(page, 'dl'), /Wanjiku Kamau.*wanjiku@example\.com.*254712345678/);
    await page.getByRole('button', { name: 'Simulate payment' }).click();

    await page.waitForURL(/\/thanks\.html\?paymentLinkId=pl_/);
    await page.locator('#details').waitFor({ state: 'visible' });
    return {
      title: await text(page, 'h1'),
      amount: await text(page, '#amount'),
      description: await text(page, '#description'),
      status: await text(page, '#status'),
      id: await text(page, '#link-id'),
    };
  }

  it('sells the fixed-price product: KES 1,500, paid', async () => {
    const { page, problems } = await openShop();
    await fillPayer(page, '#product');
    await page
      .locator('#product almara-pay-link')
      .getByRole('button', { name: /^Pay KES\s1,500$/ })
      .click();

    const receipt = await payOnSandbox(page, 'KES 1,500', 'Kikoi beach wrap');
    assert.equal(receipt.title, 'Thank you! Your payment is complete.');
    assert.equal(receipt.amount, 'KES 1,500');
    assert.equal(receipt.description, 'Kikoi beach wrap');
    assert.equal(receipt.status, 'Paid');
    assert.equal(new URL(page.url()).searchParams.get('paymentLinkId'), receipt.id);
    assert.deepEqual(problems, [], 'no CSP violation or script error on any page');
    await page.close();
  });

  it('takes an open-amount donation: KES 250, paid', async () => {
    const { page, problems } = await openShop();
    await fillPayer(page, '#donation');
    const element = page.locator('#donation almara-pay-link');
    await element.getByLabel('Amount').fill('250');
    await element.getByRole('button', { name: /^Pay KES\s250$/ }).click();

    const receipt = await payOnSandbox(page, 'KES 250', 'Donation: Green Belt tree fund');
    assert.equal(receipt.amount, 'KES 250');
    assert.equal(receipt.description, 'Donation: Green Belt tree fund');
    assert.equal(receipt.status, 'Paid');
    assert.deepEqual(problems, [], 'no CSP violation or script error on any page');
    await page.close();
  });
});
