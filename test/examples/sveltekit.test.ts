/**
 * examples/sveltekit: SvelteKit with adapter-node, installed from the packed tarball, built with
 * `svelte-kit sync && svelte-check && vite build` (the page's element typed by
 * `almara-pay-link/svelte`) and started with `npm start`. The page is rendered on the server
 * with the tag in it; `src/routes/api/payment-link/+server.ts` is the endpoint.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openPage, payThrough, useExample } from './harness.js';
import { itChargesTheCataloguePrice } from './shop-tests.js';

describe('examples/sveltekit', { timeout: 300_000 }, () => {
  const example = useExample('sveltekit');

  /** The page, once the element is defined and Svelte has hydrated it (and so listens to its events). */
  async function open(): Promise<{ page: Page; problems: string[] }> {
    const opened = await openPage(example, '/');
    await opened.page.waitForLoadState('networkidle');
    await opened.page
      .locator('almara-pay-link')
      .getByRole('button', { name: /^Pay KES\s1,500$/ })
      .waitFor();
    return opened;
  }

  it('renders the tag on the server', async () => {
    const html = await (await fetch(example.origin + '/')).text();
    assert.match(html, /<almara-pay-link endpoint="\/api\/payment-link" amount="1500" currency="KES"/);
  });

  it('hears the submit event in Svelte, then pays through its own endpoint with no origin configured', async () => {
    const { page, problems } = await open();
    // Hold the backend's answer, so that the page's note can be read before the page leaves.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/payment-link', async (route) => {
      await held;
      await route.continue();
    });
    const paid = payThrough(example, page, page.locator('almara-pay-link'));
    await page.getByRole('status').filter({ hasText: 'Creating a payment link for Kikoi wrap…' }).waitFor();
    release();
    assert.equal(await paid, 'KES 1,500');
    assert.deepEqual(problems, []);
    await page.close();
  });

  itChargesTheCataloguePrice(example, '/');
});
