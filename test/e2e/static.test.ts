/**
 * demo/static.html as a payer and a merchant meet it, against `npm start` in Debian's Chromium:
 * a hand-written page with one classic `<script src>` of the CDN file (pinned with `integrity`)
 * and the element with attributes only, under `Content-Security-Policy: default-src 'self'`.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { fillPayer, payerOnPaymentPage, recordProblems, useDemo } from './demo-server.js';

const CDN_PATH = '/cdn/almara-pay-link.js';

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('static.html: one script tag, attributes only, strict CSP', { timeout: 180_000 }, () => {
  const shop = useDemo();

  async function newPage(width = 1280): Promise<{ page: Page; problems: string[] }> {
    const page = await shop.browser.newPage({ viewport: { width, height: 900 } });
    page.setDefaultTimeout(20_000);
    return { page, problems: await recordProblems(page) };
  }

  it('is served with the strict policy and loads nothing but the classic CDN script', async () => {
    const { page, problems } = await newPage();
    const response = await page.goto(shop.origin + '/static.html');
    assert.equal(response?.status(), 200);
    assert.equal(response.headers()['content-security-policy'], "default-src 'self'");

    await page.locator('almara-pay-link').getByRole('button').waitFor();
    // Vite's live-reload client aside, the page's only script is the CDN file, as a classic script.
    const scripts = await page.$$eval('script', (nodes) =>
      nodes
        .map((node) => ({ src: node.getAttribute('src'), type: node.type, module: node.type === 'module' }))
        .filter((script) => !script.src?.startsWith('/@vite/')),
    );
    assert.deepEqual(scripts, [{ src: CDN_PATH, type: '', module: false }]);
    assert.deepEqual(problems, [], 'no CSP violation, script error or console error');
    await page.close();
  });

  it("pins the script with the sha384 of the file actually served, and shows it in the page's snippet", async () => {
    const { page, problems } = await newPage();
    await page.goto(shop.origin + '/static.html');
    const script = page.locator(`script[src="${CDN_PATH}"]`);
    const integrity = await script.getAttribute('integrity');
    assert.equal(await script.getAttribute('crossorigin'), 'anonymous');

    const served = Buffer.from(
      await (await fetch(shop.origin + CDN_PATH, { signal: AbortSignal.timeout(10_000) })).arrayBuffer(),
    );
    assert.ok(served.length > 10_000, 'the CDN file is served');
    assert.equal(integrity, `sha384-${createHash('sha384').update(served).digest('base64')}`);
    // The browser agrees: a script whose digest does not match is not run, and the tag stays undefined.
    await page.waitForFunction(() => customElements.get('almara-pay-link') !== undefined);
    // The snippet shown to the reader of the page carries the same value.
    assert.ok((await text(page, '.how pre code')).includes(`integrity="${integrity}"`));
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('a payer fills the form and reaches the sandbox payment page for KES 1,500', async () => {
    const { page, problems } = await newPage();
    await page.goto(shop.origin + '/static.html');
    const form = page.locator('almara-pay-link');
    await fillPayer(form);
    await form.getByRole('button', { name: /^Pay KES\s1,500$/ }).click();

    await page.waitForURL(/\/sandbox\/pay\/pl_/);
    assert.equal(await text(page, 'h1'), 'KES 1,500', 'the payment page shows the amount');
    assert.equal(await text(page, '.description'), 'Kikoi beach wrap');
    assert.match(await text(page, 'dl'), payerOnPaymentPage());
    assert.deepEqual(problems, [], 'no CSP violation, script error or console error on either page');
    await page.close();
  });

  for (const width of [1280, 390]) {
    it(`does not jump when the deferred script arrives late (${width}px wide)`, async () => {
      const { page, problems } = await newPage(width);
      // Hold the CDN file back, as a slow network would, until the page has been laid out without it.
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      await page.route(`**${CDN_PATH}`, async (route) => {
        await released;
        await route.continue();
      });
      await page.goto(shop.origin + '/static.html', { waitUntil: 'commit' });
      const element = page.locator('almara-pay-link');
      await page.waitForFunction(
        () =>
          document.readyState !== 'loading' &&
          getComputedStyle(document.querySelector('almara-pay-link')!).display === 'block',
      );
      assert.equal(
        await page.evaluate(() => customElements.get('almara-pay-link') === undefined),
        true,
        'not yet defined',
      );
      const below = page.locator('.product-copy .small');
      const before = (await below.boundingBox())!.y;

      release();
      await element.getByRole('button', { name: /^Pay KES\s1,500$/ }).waitFor();
      const after = (await below.boundingBox())!.y;
      assert.ok(Math.abs(after - before) <= 4, `the text under the form moved by ${after - before}px`);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
});
