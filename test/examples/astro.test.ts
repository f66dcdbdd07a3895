/**
 * examples/astro: Astro with @astrojs/node (standalone), installed from the packed tarball,
 * built with `astro check && astro build` and started with `npm start`. The page is
 * prerendered with the tag in it; `src/pages/api/payment-link.ts` is an on-demand endpoint.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openPage, payThrough, useExample } from './harness.js';
import { itChargesTheCataloguePrice } from './shop-tests.js';

// Astro would otherwise post usage data from `astro check` and `astro build` (the harness's
// commands inherit this process's environment).
process.env['ASTRO_TELEMETRY_DISABLED'] = '1';

describe('examples/astro', { timeout: 300_000 }, () => {
  const example = useExample('astro');

  it('serves the tag in the HTML, before any script runs', async () => {
    const html = await (await fetch(example.origin + '/')).text();
    assert.match(html, /<almara-pay-link endpoint="\/api\/payment-link" amount="1500" currency="KES"/);
  });

  it('pays through its own endpoint to the hosted page, with no origin configured', async () => {
    const { page, problems } = await openPage(example, '/');
    const element = page.locator('almara-pay-link');
    await element.getByRole('button', { name: /^Pay KES\s1,500$/ }).waitFor();
    assert.equal(await payThrough(example, page, element), 'KES 1,500');
    assert.deepEqual(problems, []);
    await page.close();
  });

  itChargesTheCataloguePrice(example, '/');
});
