/**
 * examples/next (Next.js 16, App Router) as a merchant runs it: installed from the packed
 * tarball, built with `next build`, started with `next start`, and paid through in Chromium
 * with no origin configured. `/` is the React wrapper in a client component, server-rendered
 * then hydrated; `/bare` is the bare tag with primitive attributes only (after hydration,
 * React 19 hands a server-rendered custom element no object props and no event handlers).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { freePort, stopDemo } from '../e2e/demo-server.js';
import { nodeBin, openPage, payThrough, useExample } from './harness.js';
import { itChargesTheCataloguePrice } from './shop-tests.js';

describe('examples/next on Node 24', { timeout: 600_000 }, () => {
  const shop = useExample('next');

  it('the wrapper: its object props and event handler work after hydration, and the payer pays', async () => {
    const { page, problems } = await openPage(shop, '/');
    const element = page.locator('almara-pay-link');
    // `strings` is an object prop: the button speaks of M-Pesa once it reached the element.
    await element.getByRole('button', { name: /^Pay KES\s1,500 with M-Pesa$/ }).waitFor();

    // Hold the POST, so that the app's note can be read before the page leaves.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let sent: Record<string, string> | undefined;
    await page.route('**/api/payment-link', async (route) => {
      sent = await route.request().allHeaders();
      await held;
      await route.continue();
    });
    const paid = payThrough(shop, page, element);
    await page.getByRole('status').filter({ hasText: 'Creating a payment link for KES 1500…' }).waitFor();
    release();
    assert.equal(await paid, 'KES 1,500');
    assert.equal(sent?.['x-shop-cart'], 'kikoi-wrap', 'the `headers` object prop reached the request');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('the bare tag with primitive attributes pays through', async () => {
    const { page, problems } = await openPage(shop, '/bare');
    const element = page.locator('almara-pay-link');
    await element.getByRole('button', { name: /^Pay KES\s1,500$/ }).waitFor();
    assert.equal(await payThrough(shop, page, element), 'KES 1,500');
    assert.deepEqual(problems, []);
    await page.close();
  });

  itChargesTheCataloguePrice(shop, '/bare');

  it('answers 500 without its settings, and its log names the one missing', async () => {
    const port = await freePort();
    const child = spawn(
      join(nodeBin('24'), 'node'),
      ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'],
      {
        cwd: join(import.meta.dirname, '../../examples/next'),
        env: { PATH: process.env['PATH'], NEXT_TELEMETRY_DISABLED: '1' },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    try {
      let response: Response | undefined;
      for (let tries = 0; !response && tries < 150; tries++) {
        response = await fetch(`http://127.0.0.1:${port}/api/payment-link`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        }).catch(() => new Promise<undefined>((done) => setTimeout(done, 200)));
      }
      assert.equal(response?.status, 500, log);
      for (let tries = 0; !log.includes('ALMARA') && tries < 50; tries++) {
        await new Promise((done) => setTimeout(done, 100));
      }
      assert.match(log, /Set the environment variable ALMARA_BASE_URL/);
    } finally {
      await stopDemo(child);
    }
  });
});
