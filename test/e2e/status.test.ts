/**
 * The thank-you page (demo/thanks.html: `<almara-pay-status>` with the shop's words around
 * it) as a payer lives it, against `npm start` in Debian's Chromium: a payment left pending
 * turns paid on the open page when the sandbox settles it, without a reload; a declined one
 * offers "Try again" back to the shop page the payer paid from; an expired link and a made-up
 * id say so; in English and in Swahili; and the page shows none of the payer's details, nor
 * do the answers it is given.
 *
 * The element asks again for real here, about 2 s after its first answer and growing: each
 * wait is for a state, at most 30 s, never a sleep. Links are settled by hand on the sandbox's
 * own page, in a second tab, as a developer would, soon after the thank-you page shows them
 * pending: well within the 10 s after which a "Pay later" pays by itself.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { PAYER } from '../payer.js';
import { fillPayer, readReceipt, recordProblems, useDemo, waitForReceipt, type Receipt } from './demo-server.js';

/** What the payer typed, in every form the sandbox or the backend could have echoed it. */
const PII = [
  PAYER.firstName,
  PAYER.lastName,
  PAYER.emailAddress,
  PAYER.phoneNumber,
  '254712345678',
  '712345678',
  '0712345678',
];

const THANKS = /\/thanks\.html\?(?:lang=sw&)?paymentLinkId=(pl_\w+)$/;

/** The English words of the states (src/messages/en.ts, `enStatus`), as the payer reads them. */
const EN = {
  heading: 'Your payment',
  back: 'Back to the shop',
  pending: {
    title: 'Waiting for your payment',
    text: 'Check your phone for the M-Pesa prompt and enter your PIN. This page updates by itself.',
  },
  paid: 'Payment received',
  /** "Paid on 1 December 2026 at 14:05" (en-KE, Kenyan time; CLDR's joining word). */
  paidOn: /^Paid on \d{1,2} [A-Z][a-z]+ \d{4}(?: at |, )\d{2}:\d{2}$/,
  failed: {
    title: 'Payment not completed',
    text: 'The payment was declined or did not go through. You have not been charged.',
  },
  tryAgain: 'Try again',
  expired: {
    title: 'This payment link has expired',
    text: 'Nothing was paid with it. Start a new payment from the seller’s page.',
  },
  notFound: {
    title: 'We could not find this payment',
    text: 'Check the link you followed, or contact the seller with the time you paid.',
  },
};

/** The same in Swahili (`swStatus`), and the shop's own words of thanks.ts. */
const SW = {
  heading: 'Malipo yako',
  back: 'Rudi dukani',
  pending: {
    title: 'Tunasubiri malipo yako',
    text: 'Angalia simu yako uone ombi la M-Pesa, kisha uweke PIN yako. Ukurasa huu utajisasisha wenyewe.',
  },
  paid: 'Malipo yamepokelewa',
  paidOn: /^Yalilipwa tarehe \d{1,2} [A-Z][a-z]+ \d{4}(?: saa |, )\d{2}:\d{2}$/,
  notFound: {
    title: 'Hatukuweza kupata malipo haya',
    text: 'Angalia kiungo ulichofuata, au wasiliana na muuzaji ukitaja saa uliyolipa.',
  },
};

describe('npm start: the thank-you page on <almara-pay-status>, in Chromium', { timeout: 300_000 }, () => {
  const shop = useDemo();

  /** A new tab of `context` that records CSP violations and script errors. */
  async function newTab(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return { page, problems: await recordProblems(page) };
  }

  /**
   * Everything the thank-you page is told by the status endpoint (`answers()`, each as
   * "status body"), and every script it loads, from now on.
   */
  function watchThankYou(page: Page): { answers: () => Promise<string[]>; scripts: string[] } {
    const bodies: Promise<string>[] = [];
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/payment-status') {
        // A poll cut short by leaving the page has no body to read.
        bodies.push(
          response.text().then(
            (body) => `${response.status()} ${body}`,
            () => `${response.status()}`,
          ),
        );
      }
      if (response.request().resourceType() === 'script' && /\/thanks\.html/.test(page.url())) {
        scripts.push(response.url());
      }
    });
    return { answers: () => Promise.all(bodies), scripts };
  }

  /** The page's whole HTML, the element's shadow root included, and what it was told: none of the payer's details. */
  async function assertNoPii(page: Page, told: { answers: () => Promise<string[]> }): Promise<void> {
    const html = await page.content();
    const shadow = await page.evaluate(() => document.querySelector('almara-pay-status')?.shadowRoot?.innerHTML ?? '');
    const answers = await told.answers();
    assert.ok(shadow.includes('part="box"'), 'the element has rendered');
    assert.ok(answers.length > 0, 'the page was told something');
    for (const [where, text] of [
      ['the page', html],
      ['the element', shadow],
      ['the status answers', answers.join('\n')],
    ] as const) {
      for (const detail of PII) assert.ok(!text.includes(detail), `${where} shows "${detail}"`);
    }
  }

  /** The shop's Kikoi form, filled in English, paid; returns once on the sandbox's payment page. */
  async function payKikoi(page: Page): Promise<void> {
    await page.goto(shop.origin + '/');
    const form = page.locator('#product almara-pay-link');
    await fillPayer(form);
    await form.getByRole('button', { name: /^Pay KES\s1,500$/ }).click();
    await page.waitForURL(/\/sandbox\/pay\/pl_/);
  }

  /** On the sandbox's payment page: one of its buttons, then back on the thank-you page; its link's id. */
  async function choose(page: Page, button: string): Promise<string> {
    await page.getByRole('button', { name: button, exact: true }).click();
    await page.waitForURL(THANKS);
    return THANKS.exec(page.url())![1]!;
  }

  /**
   * The sandbox's own page, in a second tab, as a developer opens it: the link's "Mark paid",
   * "Decline" or "Expire" pressed, and the page back with the link in that state.
   */
  async function settleOnSandbox(context: BrowserContext, id: string, control: string, status: string) {
    const { page, problems } = await newTab(context);
    await page.goto(shop.origin + '/sandbox/');
    const row = page.locator('tbody tr', { has: page.locator(`code[id="link-${id}"]`) });
    assert.equal(await row.locator('.status').textContent(), 'pending', 'the sandbox lists the link as pending');
    const posted = page.waitForResponse((response) => response.request().method() === 'POST');
    await row.getByRole('button', { name: control, exact: true }).click();
    const answer = await posted;
    assert.equal(answer.status(), 303, `${control}: ${answer.status()} (a 409 is a link no longer pending)`);
    await page.waitForURL(shop.origin + '/sandbox/');
    await row.locator(`.status-${status}`).waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  }

  /**
   * Layout shifts on the page so far (the Layout Instability API, buffered from its start), each
   * with what moved: the node and its boxes before and after.
   */
  const layoutShifts = (page: Page) =>
    page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const shifts: string[] = [];
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as (PerformanceEntry & {
              value: number;
              sources: { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
            })[]) {
              const moved = entry.sources.map(
                (source) =>
                  `${source.node?.nodeName ?? '?'}.${(source.node as Element | undefined)?.className ?? ''} ` +
                  `${JSON.stringify(source.previousRect)} → ${JSON.stringify(source.currentRect)}`,
              );
              shifts.push(`${entry.value.toFixed(4)} at ${Math.round(entry.startTime)} ms: ${moved.join('; ')}`);
            }
          }).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => {
            resolve(shifts);
          }, 200);
        }),
    );

  /** Where the thank-you page's box and its fixed parts are: the box, the heading, the title's top, the summary, the way home. */
  const landmarks = (page: Page) =>
    page.locator('almara-pay-status').evaluate((element) => {
      const root = element.shadowRoot!;
      return {
        box: root.querySelector('[part=box]')!.getBoundingClientRect().toJSON() as DOMRect,
        heading: element.querySelector('[slot=header]')!.getBoundingClientRect().toJSON() as DOMRect,
        title: root.querySelector('[part=title]')!.getBoundingClientRect().top,
        summary: root.querySelector('[part=summary]')!.getBoundingClientRect().toJSON() as DOMRect,
        back: element.querySelector('[slot=footer] a')!.getBoundingClientRect().toJSON() as DOMRect,
      };
    });

  /** A marker in the page's window, and every load of its main frame from now on: a reload loses the one and adds to the other. */
  async function watchNavigations(page: Page): Promise<() => Promise<string[]>> {
    const loads: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) loads.push(frame.url());
    });
    await page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });
    return async () => {
      const here = await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere === true);
      return here ? loads : [...loads, '(the page was loaded again)'];
    };
  }

  it('pay later: "waiting" with the M-Pesa instruction, then paid on the sandbox page: the open page turns paid, no reload', async () => {
    const context = await shop.browser.newContext();
    const { page, problems } = await newTab(context);
    const told = watchThankYou(page);
    await payKikoi(page);
    const id = await choose(page, 'Pay later');

    const pending = await waitForReceipt(page, 'pending');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.title(), 'Your payment · Duka la Amani');
    assert.deepEqual(
      [pending.heading, pending.title, pending.text, pending.description, pending.amount, pending.action, pending.back],
      [EN.heading, EN.pending.title, EN.pending.text, 'Kikoi beach wrap', 'KES 1,500', '', EN.back],
    );
    assert.equal(await page.locator('almara-pay-status [slot=footer] a').getAttribute('href'), '/');
    assert.ok(!pending.visible.includes(id), 'the payer is not shown the link’s id');
    const navigations = await watchNavigations(page);

    await settleOnSandbox(context, id, 'Mark paid', 'paid');
    const paid = await waitForReceipt(page, 'paid', 20_000);
    assert.equal(paid.title, EN.paid);
    assert.match(paid.text, EN.paidOn);
    assert.deepEqual([paid.description, paid.amount, paid.action], ['Kikoi beach wrap', 'KES 1,500', '']);
    assert.equal(paid.heading, EN.heading);
    assert.equal(paid.back, EN.back);
    assert.ok(!paid.visible.includes(id), 'the payer is not shown the link’s id');
    assert.deepEqual(await navigations(), [], 'the page turned paid by itself, without a reload');
    assert.deepEqual(await layoutShifts(page), [], 'nothing on the page moved, from its first paint to paid');

    await assertNoPii(page, told);
    assert.ok(told.scripts.length > 0);
    assert.deepEqual(
      told.scripts.filter((url) => /zod/i.test(url)),
      [],
      'the thank-you page loads no zod',
    );
    assert.deepEqual(problems, [], 'no CSP violation or script error');
    await context.close();
  });

  it('declined: "Payment not completed" with "Try again", which leads back to the shop page paid from', async () => {
    const context = await shop.browser.newContext();
    const { page, problems } = await newTab(context);
    const told = watchThankYou(page);
    await payKikoi(page);
    const id = await choose(page, 'Decline');

    const failed = await waitForReceipt(page, 'failed');
    assert.deepEqual(
      [failed.heading, failed.title, failed.text, failed.description, failed.amount, failed.action, failed.back],
      [EN.heading, EN.failed.title, EN.failed.text, 'Kikoi beach wrap', 'KES 1,500', EN.tryAgain, EN.back],
    );
    assert.ok(!failed.visible.includes(id));
    await assertNoPii(page, told);

    const tryAgain = page.locator('almara-pay-status').getByRole('link', { name: EN.tryAgain, exact: true });
    assert.equal(await tryAgain.getAttribute('href'), `${shop.origin}/`);
    await tryAgain.click();
    await page.waitForURL(`${shop.origin}/`);
    // The shop page, ready to pay again.
    await page
      .locator('#product almara-pay-link')
      .getByRole('button', { name: /^Pay KES\s1,500$/ })
      .waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('declined on another shop page (static.html): "Try again" leads back to that page', async () => {
    const context = await shop.browser.newContext();
    const { page, problems } = await newTab(context);
    await page.goto(shop.origin + '/static.html');
    const form = page.locator('almara-pay-link');
    await fillPayer(form);
    await form.getByRole('button', { name: /^Pay KES\s/ }).click();
    await page.waitForURL(/\/sandbox\/pay\/pl_/);
    await choose(page, 'Decline');

    await waitForReceipt(page, 'failed');
    const tryAgain = page.locator('almara-pay-status').getByRole('link', { name: EN.tryAgain, exact: true });
    assert.equal(await tryAgain.getAttribute('href'), `${shop.origin}/static.html`);
    await tryAgain.click();
    await page.waitForURL(`${shop.origin}/static.html`);
    await form.getByRole('button', { name: /^Pay KES\s/ }).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('declined: after "Try again" the shop page shows what the payer typed', async () => {
    const context = await shop.browser.newContext();
    const { page } = await newTab(context);
    await page.goto(shop.origin + '/');
    const form = page.locator('#donation almara-pay-link');
    await fillPayer(form);
    await form.getByLabel('Amount').fill('250');
    await form.getByRole('button', { name: /^Pay KES\s250$/ }).click();
    await page.waitForURL(/\/sandbox\/pay\/pl_/);
    await choose(page, 'Decline');
    await waitForReceipt(page, 'failed');
    await page.locator('almara-pay-status').getByRole('link', { name: EN.tryAgain, exact: true }).click();
    await page.waitForURL(`${shop.origin}/`);

    const again = page.locator('#donation almara-pay-link');
    await again.getByLabel('First name').waitFor();
    // "Try again"'s mark is read after the form's first paint: the fields fill a frame later.
    // Bounded, so that a form left empty fails on the comparison below, which shows what it holds.
    await page
      .waitForFunction(
        () => document.querySelector('#donation almara-pay-link')?.shadowRoot?.querySelector('input')?.value,
        undefined,
        { timeout: 5000 },
      )
      .catch(() => undefined);
    try {
      assert.deepEqual(
        {
          firstName: await again.getByLabel('First name').inputValue(),
          lastName: await again.getByLabel('Last name').inputValue(),
          emailAddress: await again.getByLabel('Email').inputValue(),
          phoneNumber: await again.getByLabel('Phone number').inputValue(),
          amount: await again.getByLabel('Amount').inputValue(),
        },
        { ...PAYER, amount: '250' },
      );
    } finally {
      await context.close();
    }
  });

  it('in Swahili, on a small phone: the sw form, pay later, "Tunasubiri malipo yako", then "Malipo yamepokelewa", no reload', async () => {
    // A Kenyan phone set to Swahili: its Accept-Language and navigator.languages say sw-KE.
    const context = await shop.browser.newContext({ locale: 'sw-KE', viewport: { width: 360, height: 740 } });
    const { page, problems } = await newTab(context);
    const told = watchThankYou(page);
    await page.goto(shop.origin + '/');
    // The site's language menu, as a shop would have one: the forms follow <html lang>.
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'sw'));
    const form = page.locator('#product almara-pay-link');
    await form.getByLabel('Jina la kwanza').fill(PAYER.firstName);
    await form.getByLabel('Jina la mwisho').fill(PAYER.lastName);
    await form.getByLabel('Barua pepe').fill(PAYER.emailAddress);
    await form.getByLabel('Nambari ya simu').fill(PAYER.phoneNumber);
    await form.getByRole('button', { name: /^Lipa KES\s1,500$/ }).click();
    await page.waitForURL(/\/sandbox\/pay\/pl_/);
    const id = await choose(page, 'Lipa baadaye');
    assert.match(page.url(), /\?lang=sw&/, 'the shop’s backend sent the payer back with the form’s language');

    const pending = await waitForReceipt(page, 'pending');
    assert.equal(await page.getAttribute('html', 'lang'), 'sw');
    assert.equal(await page.title(), 'Malipo yako · Duka la Amani');
    assert.deepEqual(
      [pending.heading, pending.title, pending.text, pending.description, pending.amount, pending.back],
      [SW.heading, SW.pending.title, SW.pending.text, 'Kikoi beach wrap', 'KES 1,500', SW.back],
    );
    assert.equal(await page.locator('.tagline').textContent(), 'Imetengenezwa kwa mkono Mombasa');
    const navigations = await watchNavigations(page);
    const placed = await landmarks(page);

    await settleOnSandbox(context, id, 'Mark paid', 'paid');
    const paid = await waitForReceipt(page, 'paid', 20_000);
    assert.equal(paid.title, SW.paid);
    assert.match(paid.text, SW.paidOn);
    assert.deepEqual([paid.description, paid.amount, paid.back], ['Kikoi beach wrap', 'KES 1,500', SW.back]);
    assert.ok(!paid.visible.includes(id));
    assert.deepEqual(await navigations(), [], 'the page turned paid by itself, without a reload');
    // Only the text under the title may move here: the pending title takes two lines at 360 px, the paid one one.
    assert.deepEqual(await landmarks(page), placed, 'the box, its heading, the summary and the way home stayed put');
    await assertNoPii(page, told);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('an expired link: the sandbox’s Expire, the payment page’s way back, then the expired words', async () => {
    const context = await shop.browser.newContext();
    const { page, problems } = await newTab(context);
    const told = watchThankYou(page);
    await payKikoi(page);
    const id = new URL(page.url()).pathname.split('/').pop()!;

    // The payer leaves the payment page open; the link expires meanwhile.
    await settleOnSandbox(context, id, 'Expire', 'expired');
    // Pay, too late: the payment page says the link has expired, and offers the way back.
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await page.getByRole('link', { name: 'Return to the merchant' }).click();
    await page.waitForURL(THANKS);

    const expired = await waitForReceipt(page, 'expired');
    assert.deepEqual(
      [expired.heading, expired.title, expired.text, expired.description, expired.amount, expired.action, expired.back],
      [EN.heading, EN.expired.title, EN.expired.text, 'Kikoi beach wrap', 'KES 1,500', '', EN.back],
    );
    assert.ok(!expired.visible.includes(id));
    await assertNoPii(page, told);
    // The payment page's 410 Gone, which Chromium reports as a console error, is its answer to a late Pay.
    assert.deepEqual(
      problems.filter((problem) => !/Failed to load resource: .* 410 /.test(problem)),
      [],
    );
    await context.close();
  });

  it('a made-up id, or none: "We could not find this payment", in the browser’s language too', async () => {
    const context = await shop.browser.newContext();
    const { page, problems } = await newTab(context);
    const told = watchThankYou(page);
    await page.goto(shop.origin + '/thanks.html?paymentLinkId=pl_madeup0000000000000000');
    const notFound = await waitForReceipt(page, 'notFound');
    assert.deepEqual(
      [notFound.heading, notFound.title, notFound.text, notFound.description, notFound.action, notFound.back],
      [EN.heading, EN.notFound.title, EN.notFound.text, '', '', EN.back],
    );
    assert.deepEqual(
      (await told.answers()).map((answer) => answer.slice(0, 3)),
      ['404'],
    );
    await assertNoPii(page, told);

    // No id at all (the page opened by hand): nothing to ask about.
    await page.goto(shop.origin + '/thanks.html');
    const none = await waitForReceipt(page, 'notFound');
    assert.equal(none.title, EN.notFound.title);
    assert.equal((await told.answers()).length, 1, 'without an id the backend is not asked');
    // The 404 of the status request is reported by Chromium as a console error: it is the answer.
    assert.deepEqual(
      problems.filter((problem) => !/Failed to load resource: .* 404/.test(problem)),
      [],
    );
    await context.close();

    // A browser set to Swahili, and no `lang` on the address: the page speaks Swahili.
    const swahili = await shop.browser.newContext({ locale: 'sw-KE' });
    const tab = await swahili.newPage();
    await tab.goto(shop.origin + '/thanks.html?paymentLinkId=pl_madeup0000000000000000');
    const sw: Receipt = await waitForReceipt(tab, 'notFound');
    assert.equal(await tab.getAttribute('html', 'lang'), 'sw');
    assert.deepEqual(
      [sw.heading, sw.title, sw.text, sw.back],
      [SW.heading, SW.notFound.title, SW.notFound.text, SW.back],
    );
    await swahili.close();
  });

  it('before the element is defined, the page reserves its box: the heading and the way home do not move', async () => {
    const context = await shop.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // thanks.ts runs (the page's words are set), the element's module is held back.
    await page.route('**/src/status/define.ts', async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(shop.origin + '/thanks.html?paymentLinkId=pl_madeup0000000000000000', { waitUntil: 'commit' });
    await page.waitForFunction(() => document.title === 'Your payment · Duka la Amani');
    const box = (selector: string) =>
      page.locator(selector).evaluate((node) => node.getBoundingClientRect().toJSON() as DOMRect);
    const before = {
      element: await box('almara-pay-status'),
      heading: await box('almara-pay-status [slot=header]'),
      back: await box('almara-pay-status [slot=footer] a'),
    };
    assert.equal(await page.evaluate(() => customElements.get('almara-pay-status')), undefined);
    release();
    await waitForReceipt(page, 'notFound');
    const after = {
      element: await box('almara-pay-status'),
      heading: await box('almara-pay-status [slot=header]'),
      back: await box('almara-pay-status [slot=footer] a'),
    };
    assert.deepEqual(after, before);
    assert.deepEqual(await readReceipt(page).then((receipt) => receipt.back), EN.back);
    await context.close();
  });

  it('the box’s reserved height holds every state, in both languages, 320 to 1280 px wide', async () => {
    // The backend's answers (contract §6) for the longest summary the shop has: a KES 100,000 donation.
    const link = { id: 'pl_tall', amount: 100_000, currency: 'KES', description: 'Donation: Green Belt tree fund' };
    const answers: Record<string, { status: number; body: unknown }> = {
      pending: { status: 200, body: { ...link, status: 'pending' } },
      stopped: { status: 200, body: { ...link, status: 'pending' } },
      paid: { status: 200, body: { ...link, status: 'paid', paidAt: '2026-12-31T20:59:00Z' } },
      failed: { status: 200, body: { ...link, status: 'failed' } },
      expired: { status: 200, body: { ...link, status: 'expired' } },
      notFound: { status: 404, body: { error: { code: 'not_found', message: 'Not found.' } } },
      problem: { status: 503, body: { error: { code: 'upstream_unavailable', message: 'Unavailable.' } } },
    };
    const widths = [...Array.from({ length: 51 }, (_, step) => 320 + 4 * step), 600, 768, 1024, 1280];
    const tooTall: string[] = [];
    const context = await shop.browser.newContext({ viewport: { width: 360, height: 740 } });
    for (const language of ['en', 'sw']) {
      for (const [state, answer] of Object.entries(answers)) {
        const page = await context.newPage();
        // A form left a trace in this tab, as after a payment: "Try again" has somewhere to lead.
        await page.goto(shop.origin + '/favicon.svg');
        await page.evaluate(() => sessionStorage.setItem('almara-pay-link / x', JSON.stringify([Date.now(), {}])));
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        if (state !== 'stopped') release();
        await page.route('**/api/payment-status?*', async (route) => {
          await held;
          await route.fulfill({ status: answer.status, json: answer.body });
        });
        await page.goto(`${shop.origin}/thanks.html?lang=${language}&paymentLinkId=${link.id}`);
        if (state === 'stopped') {
          // No time left to ask again: the first answer, pending, is the last one.
          await page.locator('almara-pay-status').evaluate((element) => element.setAttribute('poll-for', '0'));
          release();
        }
        await page.locator(`almara-pay-status[status="${state}"]`).waitFor();
        for (const width of widths) {
          await page.setViewportSize({ width, height: 740 });
          const [reserved, needed] = await page.locator('almara-pay-status').evaluate((element) => {
            const box = element.shadowRoot!.querySelector<HTMLElement>('[part=box]')!;
            const height = box.getBoundingClientRect().height;
            box.style.setProperty('min-height', '0');
            const natural = box.getBoundingClientRect().height;
            box.style.removeProperty('min-height');
            return [height, natural];
          });
          if (needed > reserved + 0.5) {
            tooTall.push(
              `${width}px ${language} ${state}: needs ${(needed / 16).toFixed(3)}rem, has ${(reserved / 16).toFixed(3)}rem`,
            );
          }
        }
        await page.close();
      }
    }
    await context.close();
    assert.deepEqual(tooTall, [], 'demo/styles.css: --receipt-height');
  });
});
