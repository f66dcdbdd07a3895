/**
 * What every example's shop does for a payer, as tests each example's file registers: the
 * form pays through to the sandbox's page, and the price is the catalogue's whatever the page
 * was edited to. The server examples (Express, Hono, Fastify) also serve the CDN file and
 * refuse to start without their settings.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import type { Page } from 'playwright-core';
import { nodeBin, openPage, payThrough, type NodeVersion, type RunningExample } from './harness.js';

export function itPaysThrough(shop: RunningExample, path = '/', how = ''): void {
  it(`pays through to the sandbox page${how}`, async () => {
    const { page, problems } = await openPage(shop, path);
    const element = page.locator('almara-pay-link');
    await element.getByRole('button', { name: /^Pay KES\s1,500$/ }).waitFor();
    assert.equal(await payThrough(shop, page, element), 'KES 1,500');
    assert.deepEqual(problems, []);
    await page.close();
  });
}

/** The price is `prepare`'s: a page edited to ask for KES 1 still pays KES 1,500. */
export function itChargesTheCataloguePrice(shop: RunningExample, path = '/'): void {
  it('charges the catalogue price, whatever amount the page was edited to', async () => {
    const { page, problems } = await openPage(shop, path);
    const element = page.locator('almara-pay-link');
    // The element upgraded (and, where the page hydrates, hydrated) before the edit.
    await element.getByRole('button', { name: /^Pay KES\s1,500$/ }).waitFor();
    await element.evaluate((el) => el.setAttribute('amount', '1'));
    await element.getByRole('button', { name: /^Pay KES\s1$/ }).waitFor();
    assert.equal(await payThrough(shop, page, element), 'KES 1,500');
    assert.deepEqual(problems, []);
    await page.close();
  });
}

/** The server examples' own duties: `dir` is the example's folder, `node` the Node it runs on. */
export function itServesLikeAServer(shop: RunningExample, dir: string, node: NodeVersion): void {
  it('serves the CDN file from node_modules as JavaScript', async () => {
    const response = await fetch(`${shop.origin}/almara-pay-link.js`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/javascript\b/);
    const file = readFileSync(join(dir, 'node_modules/almara-pay-link/dist/cdn/almara-pay-link.js'), 'utf8');
    assert.equal(await response.text(), file);
  });

  it('refuses to start without its settings, naming the one missing', () => {
    const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], ALMARA_BASE_URL: 'http://127.0.0.1:9' };
    const started = spawnSync(join(nodeBin(node), 'node'), ['dist/server.js'], {
      cwd: dir,
      env,
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(started.status, 1, started.stderr);
    assert.match(started.stderr, /Set the environment variable ALMARA_CLIENT_ID/);
  });
}

/**
 * The text of the page's own status line (`main > p[role=status]`) as it stood while the POST
 * was on its way: what the framework's event handler wrote, read before the page leaves.
 */
export async function statusWhileRequesting(page: Page): Promise<() => string> {
  let note = '';
  await page.route('**/api/payment-link', async (route) => {
    note = await page.locator('main > p[role=status]').innerText();
    await route.continue();
  });
  return () => note;
}
