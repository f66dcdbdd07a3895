/**
 * The whole flow as a payer lives it, against `npm start` (Vite with the sandbox and the
 * demo backend mounted), in Debian's Chromium: fill the form, pay, land on the sandbox's
 * payment page, pay there, land on the thank-you page with the right amount and
 * status. Both demo forms, under the pages' strict Content-Security-Policy.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { fillPayer, payerOnPaymentPage, useDemo } from './demo-server.js';

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('npm start: the whole payment flow in Chromium', { timeout: 180_000 }, () => {
  const shop = useDemo();

  /** A fresh page that records every CSP violation and script error it sees. */
  async function openShop(): Promise<{ page: Page; problems: string[] }> {
    const page = await shop.browser.newPage();
    page.setDefaultTimeout(20_000);
    const problems: string[] = [];
    page.on('console', (message) => {
      if (/content security policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(shop.origin + '/');
    return { page, problems };
  }

  /** From the sandbox's payment page to the thank-you page; returns what it shows. */
  async function payOnSandbox(page: Page, amount: string, description: string) {
    await page.waitForURL(/\/sandbox\/pay\/pl_/);
    assert.equal(await text(page, 'h1'), amount, 'the payment page shows the amount');
    assert.equal(await text(page, '.description'), description);
    assert.match(await text(page, 'dl'), payerOnPaymentPage());
    // `exact`: a name is matched as a substring, and "Pay later" holds "Pay".
    await page.getByRole('button', { name: 'Pay', exact: true }).click();

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
    await fillPayer(page.locator('#product almara-pay-link'));
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
    await fillPayer(page.locator('#donation almara-pay-link'));
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
  it('in Swahili, all the way: the form, the payment page and the thank-you page', async () => {
    // A Kenyan phone set to Swahili: its Accept-Language and navigator.languages say sw-KE.
    const context = await shop.browser.newContext({ locale: 'sw-KE' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(shop.origin + '/');
    // The site's language menu, as a shop would have one: the forms follow <html lang>.
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'sw'));
    const element = page.locator('#product almara-pay-link');
    await element.getByLabel('Jina la kwanza').fill('Wanjiku');
    await element.getByLabel('Jina la mwisho').fill('Kamau');
    await element.getByLabel('Barua pepe').fill('wanjiku@example.com');
    await element.getByLabel('Nambari ya simu').fill('0712 345 678');
    await element.getByRole('button', { name: /^Lipa KES\s1,500$/ }).click();

    await page.waitForURL(/\/sandbox\/pay\/pl_/);
    assert.equal(await page.getAttribute('html', 'lang'), 'sw', 'the payment page follows the browser');
    assert.equal(await text(page, 'h1'), 'KES 1,500');
    await page.getByRole('button', { name: 'Lipa', exact: true }).click();

    await page.waitForURL(/\/thanks\.html\?lang=sw&paymentLinkId=pl_/);
    await page.locator('#details').waitFor({ state: 'visible' });
    assert.equal(await page.getAttribute('html', 'lang'), 'sw');
    assert.equal(await text(page, 'h1'), 'Asante! Malipo yako yamekamilika.');
    assert.equal(await text(page, '#status'), 'Yamelipwa');
    assert.equal(await text(page, '#amount'), 'KES 1,500');
    assert.equal(await text(page, '.button'), 'Rudi dukani');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
