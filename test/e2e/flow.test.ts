/**
 * The whole flow as a payer lives it, against `npm start` (Vite with the sandbox and the
 * demo backend mounted), in Debian's Chromium: fill the form, pay, land on the sandbox's
 * payment page, pay there, land on the thank-you page with the right amount and
 * status. Both demo forms, under the pages' strict Content-Security-Policy.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { fillPayer, payerOnPaymentPage, useDemo, waitForAnswer } from './demo-server.js';

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

  /** From the sandbox's payment page to the thank-you page; returns what it shows once paid. */
  async function payOnSandbox(page: Page, amount: string, description: string) {
    await page.waitForURL(/\/sandbox\/pay\/pl_/);
    assert.equal(await text(page, 'h1'), amount, 'the payment page shows the amount');
    assert.equal(await text(page, '.description'), description);
    assert.match(await text(page, 'dl'), payerOnPaymentPage());
    // `exact`: a name is matched as a substring, and "Pay later" holds "Pay".
    await page.getByRole('button', { name: 'Pay', exact: true }).click();

    await page.waitForURL(/\/thanks\.html\?paymentLinkId=pl_/);
    return waitForAnswer(page);
  }

  it('sells the fixed-price product: KES 1,500, paid', async () => {
    const { page, problems } = await openShop();
    await fillPayer(page.locator('#product almara-pay-link'));
    await page
      .locator('#product almara-pay-link')
      .getByRole('button', { name: /^Pay KES\s1,500$/ })
      .click();

    const receipt = await payOnSandbox(page, 'KES 1,500', 'Kikoi beach wrap');
    assert.equal(receipt.status, 'paid');
    assert.equal(receipt.title, 'Payment received');
    assert.match(receipt.text, /^Paid on \d{1,2} [A-Z][a-z]+ \d{4}(?: at |, )\d{2}:\d{2}$/);
    assert.equal(receipt.amount, 'KES 1,500');
    assert.equal(receipt.description, 'Kikoi beach wrap');
    assert.equal(receipt.heading, 'Your payment');
    assert.equal(receipt.back, 'Back to the shop');
    // The id comes back on the address, for the page to ask about; the payer is not shown it.
    const id = new URL(page.url()).searchParams.get('paymentLinkId');
    assert.match(id ?? '', /^pl_\w+$/);
    assert.ok(!receipt.visible.includes(id!), 'the payer is not shown the link’s id');
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
    assert.equal(receipt.status, 'paid');
    assert.equal(receipt.title, 'Payment received');
    assert.equal(receipt.amount, 'KES 250');
    assert.equal(receipt.description, 'Donation: Green Belt tree fund');
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
    const receipt = await waitForAnswer(page);
    assert.equal(receipt.status, 'paid');
    assert.equal(await page.getAttribute('html', 'lang'), 'sw');
    assert.equal(receipt.title, 'Malipo yamepokelewa');
    assert.match(receipt.text, /^Yalilipwa tarehe \d{1,2} [A-Z][a-z]+ \d{4}(?: saa |, )\d{2}:\d{2}$/);
    assert.equal(receipt.amount, 'KES 1,500');
    assert.equal(receipt.description, 'Kikoi beach wrap');
    assert.equal(receipt.heading, 'Malipo yako');
    assert.equal(receipt.back, 'Rudi dukani');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
