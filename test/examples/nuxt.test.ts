/**
 * examples/nuxt: Nuxt 4 with Nitro's node-server preset, installed from the tarball. The tag is
 * server-rendered, defined by a client-only plugin, its amount bound from Vue state and its
 * submit event heard by the page; the handler is `server/api/payment-link.ts`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openPage, payThrough, useExample } from './harness.js';
import { statusWhileRequesting } from './shop-tests.js';

describe('examples/nuxt in Chromium', { timeout: 600_000 }, () => {
  const example = useExample('nuxt');

  it('server-renders the tag with its attributes', async () => {
    const html = await (await fetch(example.origin + '/')).text();
    assert.match(html, /<almara-pay-link endpoint="\/api\/payment-link" amount="1500" currency="KES"/);
  });

  it('pays through its own /api/payment-link, with the submit event shown by the page', async () => {
    const { page, problems } = await openPage(example, '/');
    const element = page.locator('almara-pay-link');
    // `:amount` reached the element as a property: the button names the price.
    await element.getByRole('button', { name: /^Pay KES\s1,500$/ }).waitFor();
    // The page's note is read while the request is on its way, before the page leaves.
    const note = await statusWhileRequesting(page);
    assert.equal(await payThrough(example, page, element), 'KES 1,500');
    assert.equal(note(), 'Creating a payment link for Wanjiku…');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
