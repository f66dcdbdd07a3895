/**
 * examples/angular: Angular with its own SSR server (`src/server.ts`, Express), installed from
 * the tarball. The tag is rendered on the server and hydrated in the browser, its amount bound
 * from a signal, its submit event heard by the component; the handler is `src/payment-link.ts`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openPage, payThrough, useExample } from './harness.js';
import { statusWhileRequesting } from './shop-tests.js';

describe('examples/angular in Chromium', { timeout: 600_000 }, () => {
  const example = useExample('angular');

  it('renders the tag on the server', async () => {
    const html = await (await fetch(example.origin + '/')).text();
    assert.match(html, /<almara-pay-link endpoint="\/api\/payment-link" currency="KES" description="Kikoi wrap">/);
  });

  it('pays through its own /api/payment-link, with the submit event shown by the component', async () => {
    const { page, problems } = await openPage(example, '/');
    const element = page.locator('almara-pay-link');
    // `[amount]` reached the element as a property: the button names the price.
    await element.getByRole('button', { name: /^Pay KES\s1,500$/ }).waitFor();
    // The component's note is read while the request is on its way, before the page leaves.
    const note = await statusWhileRequesting(page);
    assert.equal(await payThrough(example, page, element), 'KES 1,500');
    assert.equal(note(), 'Creating a payment link for Wanjiku…');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
