/**
 * The React and Vue demo pages under `npm start`, in Chromium: the element inside each
 * framework, its properties bound from the framework's state, its events handled by it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { fillPayer, recordProblems, useDemo } from './demo-server.js';

describe('framework demo pages in Chromium', { timeout: 180_000 }, () => {
  const shop = useDemo();

  async function open(path: string): Promise<{ page: Page; problems: string[] }> {
    const page = await shop.browser.newPage();
    page.setDefaultTimeout(20_000);
    const problems = await recordProblems(page);
    await page.goto(shop.origin + path);
    return { page, problems };
  }

  it('React: the amount follows React state, and the success shows in the app instead of navigating', async () => {
    const { page, problems } = await open('/react/');
    const element = page.locator('almara-pay-link');
    await element.getByRole('button', { name: /^Pay KES\s500$/ }).waitFor();
    await page.getByRole('button', { name: 'One tree more' }).click();
    await page.getByRole('button', { name: 'One tree more' }).click();
    await element.getByRole('button', { name: /^Pay KES\s700$/ }).waitFor();
    assert.match(await element.locator('[part=summary]').innerText(), /7 trees[\s\S]*KES\s700/);

    await fillPayer(element);
    await element.getByRole('button', { name: /^Pay KES\s700$/ }).click();
    const notice = page.getByRole('status').filter({ hasText: 'Your payment link is ready.' });
    await notice.waitFor();
    assert.match(await notice.innerText(), /Link pl_\w+ for KES 700/);
    assert.equal(new URL(page.url()).pathname, '/react/', 'the payer stays in the app');
    const next = element.getByRole('link', { name: 'Continue to payment' });
    assert.match((await next.getAttribute('href')) ?? '', /\/sandbox\/pay\/pl_/);

    // The link is a real one: following it opens the sandbox's payment page for KES 700.
    await next.click();
    await page.waitForURL(/\/sandbox\/pay\/pl_/);
    assert.equal((await page.locator('h1').innerText()).replace(/\s+/g, ' '), 'KES 700');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('Vue: properties bound with v-bind, events heard with @, and the payer reaches the payment page', async () => {
    const { page, problems } = await open('/vue/');
    const element = page.locator('almara-pay-link');
    // `:strings` is an object property: the button speaks of giving.
    await element.getByRole('button', { name: /^Give KES\s500$/ }).waitFor();
    await page.getByLabel('KES 2,500').check();
    await element.getByRole('button', { name: /^Give KES\s2,500$/ }).waitFor();

    await fillPayer(element);
    await element.getByRole('button', { name: /^Give KES\s2,500$/ }).click();
    await page.waitForURL(/\/sandbox\/pay\/pl_/);
    assert.equal((await page.locator('h1').innerText()).replace(/\s+/g, ' '), 'KES 2,500');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('Vue: the app hears the submit event before the request goes out', async () => {
    const { page } = await open('/vue/');
    const element = page.locator('almara-pay-link');
    await element.getByRole('button', { name: /^Give KES\s500$/ }).waitFor();
    // Hold the backend's answer, so the app's note can be read before the page leaves.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/payment-link', async (route) => {
      await held;
      await route.continue();
    });
    await fillPayer(element);
    await element.getByRole('button', { name: /^Give KES\s500$/ }).click();
    await page.getByRole('status').filter({ hasText: 'Creating a payment link for KES 500…' }).waitFor();
    release();
    await page.waitForURL(/\/sandbox\/pay\/pl_/);
    await page.close();
  });
});
