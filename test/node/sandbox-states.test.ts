/**
 * The sandbox's link states (A6): pending, then paid, failed or expired, by the payer's
 * choice on the hosted page, by the clock (a link's lifetime, a "Pay later"), or by hand on
 * the sandbox's own page. Over real HTTP, as a browser and a merchant's backend meet it; the
 * links' clock is the test's, so nothing sleeps.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, describe, it } from 'node:test';
import {
  createSandbox,
  SANDBOX_CREDENTIALS,
  SANDBOX_LINK_LIFETIME,
  SANDBOX_PAY_LATER_DELAY,
  startSandbox,
  type RunningSandbox,
  type StartSandboxOptions,
} from '../../src/sandbox/index.js';
import { almaraBody, listen, testClock, THANKS } from './support.js';

const SWAHILI = { 'Accept-Language': 'sw-KE,sw;q=0.9' };
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const HOUR = 3600 * 1000;

interface LinkJson {
  id: string;
  url: string;
  status: string;
  createdAt: string;
  expiresAt: string;
  amount: number;
  paidAt?: string;
  failedAt?: string;
  paysAt?: string;
}

/** A sandbox on the test's clock, a token, and what a backend and a payer's browser do with it. */
async function sandboxOnClock(options: StartSandboxOptions = {}) {
  const clock = testClock();
  const sandbox: RunningSandbox = await startSandbox({ now: clock.now, ...options });
  const grant = await fetch(`${sandbox.url}/v1/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(SANDBOX_CREDENTIALS),
  });
  const { accessToken } = (await grant.json()) as { accessToken: string };
  const api = (method: string, path: string, body?: unknown) =>
    fetch(sandbox.url + path, {
      method,
      headers: {
        Authorization: `Bearer ${accessToken}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    clock,
    sandbox,
    async createLink(overrides: Record<string, unknown> = {}): Promise<LinkJson> {
      const response = await api('POST', '/v1/payment-link/create-payment-link', almaraBody(overrides));
      assert.equal(response.status, 201);
      return (await response.json()) as LinkJson;
    },
    /** Find Payment Link By Id (A4), as the merchant's backend reads it. */
    async find(id: string): Promise<LinkJson> {
      const response = await api('GET', `/v1/payment-link/find-payment-link-by-id/${id}`);
      assert.equal(response.status, 200);
      return (await response.json()) as LinkJson;
    },
    update: (id: string, changes: Record<string, unknown>) =>
      api('PUT', `/v1/payment-link/update-payment-link/${id}`, changes),
    /** The hosted page's form posted as a browser does when one of its buttons is pressed. */
    choose: (url: string, outcome: string, fields: Record<string, string> = {}, headers: Record<string, string> = {}) =>
      fetch(url, {
        method: 'POST',
        headers: { ...FORM, ...headers },
        body: new URLSearchParams({ ...fields, outcome }).toString(),
        redirect: 'manual',
      }),
  };
}

/** The 303 back to the merchant: `redirectionSite` with the link id (A7). */
function assertSentBack(response: Response, id: string, site = THANKS): void {
  assert.equal(response.status, 303);
  assert.equal(response.headers.get('Cache-Control'), 'no-store');
  const location = new URL(response.headers.get('Location') ?? '');
  assert.equal(location.origin + location.pathname, new URL(site).origin + new URL(site).pathname);
  assert.equal(location.searchParams.get('paymentLinkId'), id);
}

const flat = async (response: Response) => (await response.text()).replace(/\s+/g, ' ');
const iso = (ms: number) => new Date(ms).toISOString();
const NO_INLINE = /<script|<style|\sstyle=|\son[a-z]+=/i;

describe('sandbox states: the payer’s three outcomes', async () => {
  const s = await sandboxOnClock();
  after(() => s.sandbox.close());

  it('every link is pending at first, with its lifetime as expiresAt (24 hours by default)', async () => {
    const link = await s.createLink();
    assert.equal(link.status, 'pending');
    assert.equal(link.createdAt, iso(s.clock.time));
    assert.equal(SANDBOX_LINK_LIFETIME, 24 * 3600);
    assert.equal(link.expiresAt, iso(s.clock.time + SANDBOX_LINK_LIFETIME * 1000));
    assert.equal(link.paidAt, undefined);
  });

  it('Pay: paid now, paidAt set, and the payer sent back to redirectionSite with the link id', async () => {
    const link = await s.createLink({ redirectionSite: 'https://shop.example/thanks?order=1042' });
    s.clock.time += 1000;
    const response = await s.choose(link.url, 'pay');
    assertSentBack(response, link.id, 'https://shop.example/thanks');
    assert.equal(new URL(response.headers.get('Location') ?? '').searchParams.get('order'), '1042');
    const found = await s.find(link.id);
    assert.equal(found.status, 'paid');
    assert.equal(found.paidAt, iso(s.clock.time));
    assert.equal(found.failedAt, undefined);
  });

  it('Pay on a link without a set amount: the payer’s amount is kept; a wrong one is refused', async () => {
    const link = await s.createLink({ isAmountSpecified: false, amount: 0 });
    assert.equal((await s.choose(link.url, 'pay', { amount: 'abc' })).status, 400);
    assert.equal((await s.find(link.id)).status, 'pending');
    assertSentBack(await s.choose(link.url, 'pay', { amount: '250.50' }), link.id);
    const found = await s.find(link.id);
    assert.equal(found.status, 'paid');
    assert.equal(found.amount, 250.5);
  });

  it('Decline: failed, failedAt set, no paidAt, and the payer sent back too (no amount needed)', async () => {
    const link = await s.createLink({ isAmountSpecified: false, amount: 0 });
    const page = await flat(await fetch(link.url));
    assert.match(page, /value="decline"[^>]*formnovalidate|formnovalidate[^>]*>\s?Decline/, 'no amount asked first');
    assertSentBack(await s.choose(link.url, 'decline'), link.id);
    const found = await s.find(link.id);
    assert.equal(found.status, 'failed');
    assert.equal(found.failedAt, iso(s.clock.time));
    assert.equal(found.paidAt, undefined);
  });

  it('Pay later: sent back at once, still pending until the delay the page states, then paid at that moment', async () => {
    const link = await s.createLink();
    const page = await flat(await fetch(link.url));
    assert.match(page, /it completes by itself 10 seconds later/);
    const chosenAt = s.clock.time;
    assertSentBack(await s.choose(link.url, 'later'), link.id);

    s.clock.time += SANDBOX_PAY_LATER_DELAY - 1;
    const before = await s.find(link.id);
    assert.equal(before.status, 'pending');
    assert.equal(before.paidAt, undefined);
    assert.equal(before.paysAt, undefined, 'when it completes is not in the API’s answer');
    const waiting = await fetch(link.url);
    assert.equal(waiting.status, 200);
    const text = await flat(waiting);
    assert.match(text, /The payment is on its way: this link turns paid by itself in 1 second\./);
    assert.doesNotMatch(text, /name="outcome"/, 'the payer has chosen: no buttons again');
    assert.equal((await s.choose(link.url, 'pay')).status, 409, 'nor a second choice');

    s.clock.time += 60_000;
    const found = await s.find(link.id);
    assert.equal(found.status, 'paid');
    assert.equal(found.paidAt, iso(chosenAt + SANDBOX_PAY_LATER_DELAY), 'paid when due, not when read');
  });

  it('an unknown outcome: 400, the link still pending; a bare post pays, as the old single button', async () => {
    const link = await s.createLink();
    assert.equal((await s.choose(link.url, 'maybe')).status, 400);
    assert.equal((await s.find(link.id)).status, 'pending');
    assertSentBack(await fetch(link.url, { method: 'POST', redirect: 'manual' }), link.id);
    assert.equal((await s.find(link.id)).status, 'paid');
  });

  it('a finished link’s page shows its state, not the buttons, and a second post is refused (409)', async () => {
    for (const [outcome, status, line] of [
      ['pay', 'paid', 'This link has been paid.'],
      ['decline', 'failed', 'This payment failed: the payer declined the M-Pesa prompt.'],
    ] as const) {
      const link = await s.createLink();
      assertSentBack(await s.choose(link.url, outcome), link.id);
      const response = await fetch(link.url);
      assert.equal(response.status, 200);
      const page = await flat(response);
      assert.ok(page.includes(line), line);
      assert.match(page, new RegExp(`status-${status}`));
      assert.match(page, /Return to the merchant/);
      assert.doesNotMatch(page, /<form|name="outcome"/);
      assert.doesNotMatch(page, NO_INLINE);
      for (const again of ['pay', 'later', 'decline']) {
        const refused = await s.choose(link.url, again);
        assert.equal(refused.status, 409, `${status}, then ${again}`);
        assert.ok((await flat(refused)).includes(line));
      }
      assert.equal((await s.find(link.id)).status, status, 'unchanged');
    }
  });

  it('Update refuses a link that is no longer pending, naming its state', async () => {
    const paid = await s.createLink();
    await s.choose(paid.url, 'pay');
    const failed = await s.createLink();
    await s.choose(failed.url, 'decline');
    for (const [link, code] of [
      [paid, 'already_paid'],
      [failed, 'payment_failed'],
    ] as const) {
      const response = await s.update(link.id, { amount: 1 });
      assert.equal(response.status, 409);
      assert.equal(((await response.json()) as { code: string }).code, code);
    }
  });
});

describe('sandbox states: expiry', async () => {
  const s = await sandboxOnClock({ linkLifetime: 3600, payLaterDelay: 5000 });
  after(() => s.sandbox.close());

  it('a link still pending at its expiresAt reports expired, computed when read', async () => {
    const link = await s.createLink();
    assert.equal(link.expiresAt, iso(s.clock.time + HOUR));
    s.clock.time += HOUR - 1;
    assert.equal((await s.find(link.id)).status, 'pending');
    assert.equal(s.sandbox.getLink(link.id)?.status, 'pending');
    s.clock.time += 1;
    const found = await s.find(link.id);
    assert.equal(found.status, 'expired');
    assert.equal(found.expiresAt, link.expiresAt);
    assert.equal(found.paidAt, undefined);
  });

  it('an expired link cannot be paid: its page says so with a 410, and so does a post', async () => {
    const link = await s.createLink();
    s.clock.time += HOUR;
    const response = await fetch(link.url);
    assert.equal(response.status, 410);
    const page = await flat(response);
    assert.match(page, /This link has expired and can no longer be paid\./);
    assert.match(page, /status-expired">expired</);
    assert.doesNotMatch(page, /name="outcome"/);
    for (const outcome of ['pay', 'later', 'decline']) {
      assert.equal((await s.choose(link.url, outcome)).status, 410, outcome);
    }
    assert.equal((await s.find(link.id)).status, 'expired');
    const update = await s.update(link.id, { amount: 1 });
    assert.equal(update.status, 409);
    assert.equal(((await update.json()) as { code: string }).code, 'link_expired');
  });

  it('a paid link does not expire; a "Pay later" due before expiry pays, one due at or after it does not', async () => {
    const paid = await s.createLink();
    await s.choose(paid.url, 'pay');
    const early = await s.createLink();
    const late = await s.createLink();
    s.clock.time += HOUR - 5000;
    await s.choose(late.url, 'later'); // due exactly at expiry
    s.clock.time -= 1;
    await s.choose(early.url, 'later'); // due 1 ms before it
    s.clock.time += 2 * HOUR;
    assert.equal((await s.find(paid.id)).status, 'paid');
    assert.equal((await s.find(early.id)).status, 'paid');
    assert.equal((await s.find(late.id)).status, 'expired');
  });

  it('payLaterDelay: the page states it, and the link turns paid after it', async () => {
    const link = await s.createLink();
    assert.match(await flat(await fetch(link.url)), /it completes by itself 5 seconds later/);
    await s.choose(link.url, 'later');
    assert.match(await flat(await fetch(link.url)), /turns paid by itself in 5 seconds\./);
    s.clock.time += 5000;
    assert.equal((await s.find(link.id)).status, 'paid');
  });
});

describe('sandbox states: setLinkStatus and the sandbox’s own page', async () => {
  const s = await sandboxOnClock();
  after(() => s.sandbox.close());

  it('setLinkStatus ends a pending link now; a finished one is left as it is; an unknown id: undefined', async () => {
    for (const status of ['paid', 'failed', 'expired'] as const) {
      const link = await s.createLink();
      s.clock.time += 1000;
      const set = s.sandbox.setLinkStatus(link.id, status);
      assert.equal(set?.status, status);
      const found = await s.find(link.id);
      assert.equal(found.status, status);
      if (status === 'paid') assert.equal(found.paidAt, iso(s.clock.time));
      if (status === 'failed') assert.equal(found.failedAt, iso(s.clock.time));
      if (status === 'expired') assert.equal(found.expiresAt, iso(s.clock.time), 'expired now, not at its lifetime');
      const other = status === 'paid' ? 'failed' : 'paid';
      assert.equal(s.sandbox.setLinkStatus(link.id, other)?.status, status, 'not changed again');
    }
    assert.equal(s.sandbox.setLinkStatus('pl_unknown', 'paid'), undefined);
  });

  it('lists each recent link with its status, and controls for the pending ones only', async () => {
    const pending = await s.createLink({ description: 'Kikoi wrap' });
    const later = await s.createLink({ description: 'Kanga set' });
    await s.choose(later.url, 'later');
    const paid = await s.createLink();
    s.sandbox.setLinkStatus(paid.id, 'paid');
    const response = await fetch(`${s.sandbox.url}/`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('Content-Security-Policy') ?? '', /default-src 'self'/);
    const page = await flat(response);
    assert.doesNotMatch(page, NO_INLINE);
    const row = (id: string) => new RegExp(`<tr>((?!</tr>).)*${id}((?!</tr>).)*</tr>`).exec(page)?.[0] ?? '';
    for (const [link, label] of [
      ['paid', 'Mark paid'],
      ['failed', 'Decline'],
      ['expired', 'Expire'],
    ] as const) {
      assert.match(
        row(pending.id),
        new RegExp(
          `<form method="post" action="/links/${pending.id}/${link}"> <button type="submit"[^>]*aria-describedby="link-${pending.id}"[^>]*> ?${label} ?</button>`,
        ),
      );
    }
    assert.match(row(pending.id), /status-pending">pending</);
    assert.match(page, new RegExp(`<code id="link-${pending.id}">`), 'the buttons’ description exists');
    assert.match(row(later.id), /pays by itself in 10 s/);
    assert.match(row(later.id), /action="\/links\/[^"]+\/paid"/, 'a "Pay later" can still be marked paid by hand');
    assert.match(row(paid.id), /status-paid">paid</);
    assert.doesNotMatch(row(paid.id), /<form/);
  });

  it('its controls set the state and answer 303 back to the index', async () => {
    for (const status of ['paid', 'failed', 'expired'] as const) {
      const link = await s.createLink();
      const response = await fetch(`${s.sandbox.url}/links/${link.id}/${status}`, {
        method: 'POST',
        headers: FORM,
        body: '',
        redirect: 'manual',
      });
      assert.equal(response.status, 303, status);
      assert.equal(response.headers.get('Location'), '/');
      assert.equal((await s.find(link.id)).status, status);
      assert.match(
        await flat(await fetch(`${s.sandbox.url}/`)),
        new RegExp(`${link.id}.*?status-${status}">${status}<`),
      );

      const again = await fetch(`${s.sandbox.url}/links/${link.id}/paid`, { method: 'POST', redirect: 'manual' });
      assert.equal(again.status, 409, 'only a pending link can be set');
      assert.match(await flat(again), new RegExp(`Link already ${status}`));
    }
  });

  it('a control for an unknown link, an unknown state or by GET: 404', async () => {
    const link = await s.createLink();
    assert.equal((await fetch(`${s.sandbox.url}/links/pl_unknown/paid`, { method: 'POST' })).status, 404);
    assert.equal((await fetch(`${s.sandbox.url}/links/${link.id}/pending`, { method: 'POST' })).status, 404);
    assert.equal((await fetch(`${s.sandbox.url}/links/${link.id}/paid/x`, { method: 'POST' })).status, 404);
    assert.equal((await fetch(`${s.sandbox.url}/links/%E0/paid`, { method: 'POST' })).status, 404);
    assert.equal((await fetch(`${s.sandbox.url}/links/${link.id}/paid`)).status, 404);
    assert.equal((await s.find(link.id)).status, 'pending');
  });

  it('under a base path (as in npm start): the controls post there, and send back to its index', async () => {
    const sandbox = createSandbox({ basePath: '/sandbox', now: s.clock.now });
    const server = await listen(createServer((req, res) => sandbox.middleware(req, res)));
    try {
      const token = await fetch(`${server.url}/sandbox/v1/auth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(SANDBOX_CREDENTIALS),
      });
      const { accessToken } = (await token.json()) as { accessToken: string };
      const created = await fetch(`${server.url}/sandbox/v1/payment-link/create-payment-link`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
        body: JSON.stringify(almaraBody()),
      });
      const { id } = (await created.json()) as LinkJson;
      assert.match(await flat(await fetch(`${server.url}/sandbox/`)), new RegExp(`action="/sandbox/links/${id}/paid"`));
      const response = await fetch(`${server.url}/sandbox/links/${id}/paid`, { method: 'POST', redirect: 'manual' });
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('Location'), '/sandbox/');
      assert.equal(sandbox.getLink(id)?.status, 'paid');
    } finally {
      await server.close();
    }
  });
});

describe('sandbox states: the new page parts in Swahili', async () => {
  const s = await sandboxOnClock();
  after(() => s.sandbox.close());

  it('the three buttons and what they do', async () => {
    const link = await s.createLink();
    const response = await fetch(link.url, { headers: SWAHILI });
    assert.equal(response.headers.get('Content-Language'), 'sw');
    const page = await flat(response);
    for (const [outcome, label] of [
      ['pay', 'Lipa'],
      ['later', 'Lipa baadaye'],
      ['decline', 'Kataa'],
    ]) {
      assert.match(page, new RegExp(`name="outcome" value="${outcome}"[^>]*> ?${label} ?</button>`));
    }
    assert.match(page, /yanakamilika yenyewe baada ya sekunde 10\./);
    assert.match(page, /Vitufe hivi vinasimama badala yake/);
    assert.doesNotMatch(page, /Pay later|Decline|>\s?Pay\s?</);
  });

  it('a ?lang=sw is kept through a choice; each finished state in Swahili', async () => {
    const later = await s.createLink();
    const response = await s.choose(`${later.url}?lang=sw`, 'later', {}, { 'Accept-Language': 'en' });
    assertSentBack(response, later.id);
    const waiting = await flat(await fetch(`${later.url}?lang=sw`));
    assert.match(waiting, /Malipo yako yanashughulikiwa: kiungo hiki kitalipwa chenyewe baada ya sekunde 10\./);
    assert.match(waiting, /inasubiri/);

    const declined = await s.createLink();
    await s.choose(declined.url, 'decline');
    const failed = await flat(await fetch(declined.url, { headers: SWAHILI }));
    assert.match(failed, /Malipo haya yameshindwa: mlipaji alikataa ombi la M-Pesa\./);
    assert.match(failed, /status-failed">imeshindwa</);
    assert.match(failed, /Rudi kwa muuzaji/);
    const refused = await s.choose(declined.url, 'pay', {}, SWAHILI);
    assert.equal(refused.status, 409);
    assert.match(await flat(refused), /<html lang="sw">/);

    const old = await s.createLink();
    s.clock.time += SANDBOX_LINK_LIFETIME * 1000;
    const expired = await fetch(old.url, { headers: SWAHILI });
    assert.equal(expired.status, 410);
    const page = await flat(expired);
    assert.match(page, /Muda wa kiungo hiki umekwisha na hakiwezi kulipwa tena\./);
    assert.match(page, /status-expired">imeisha muda</);
    assert.doesNotMatch(page, /expired and can no longer|declined the M-Pesa/);
  });
});
