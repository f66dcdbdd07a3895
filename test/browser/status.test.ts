import './lit-warnings.js';
import { expect, fixture } from '@open-wc/testing';
import type { AlmaraPayStatus } from '../../src/almara-pay-status.js';
import { AlmaraPayStatusChangeEvent, type AlmaraPayStatusChangeDetail } from '../../src/status/status-event.js';
import {
  answer,
  checkAgain,
  clock,
  html,
  jsonResponse,
  keepFormEntry,
  mountStatus,
  never,
  offline,
  part,
  reach,
  retryLink,
  setPageQuery,
  setReferrer,
  shown,
  stubStatus,
  summary,
  text,
  until,
} from './status-helpers.js';

const PAID_AT = '2026-12-01T11:05:00Z'; // 14:05 in Nairobi

/** Renders the element in `lang` with the backend giving `answers`, and waits for `status`. */
async function showing(
  status: AlmaraPayStatus['status'],
  lang: 'en' | 'sw',
  ...answers: Parameters<typeof stubStatus>
): Promise<AlmaraPayStatus> {
  stubStatus(...answers);
  const el = await mountStatus(
    html`<almara-pay-status lang=${lang} endpoint="/api/status" link-id="pl_1"></almara-pay-status>`,
  );
  await reach(el, status);
  return el;
}

describe('<almara-pay-status>: what the payer reads', () => {
  describe('in English', () => {
    it('says it is checking until the backend answers', async () => {
      const el = await showing('checking', 'en', never);
      expect(shown(el)).to.deep.equal({ title: 'Checking your payment…', text: '' });
      expect(part(el, 'summary')).to.equal(null);
      expect(checkAgain(el)).to.equal(null);
    });

    it('pending: waiting, with the M-Pesa instruction, and the description and amount', async () => {
      const el = await showing(
        'pending',
        'en',
        answer('pending', { amount: 1500, currency: 'KES', description: 'Kikoi' }),
      );
      expect(shown(el)).to.deep.equal({
        title: 'Waiting for your payment',
        text: 'Check your phone for the M-Pesa prompt and enter your PIN. This page updates by itself.',
      });
      expect(summary(el)).to.deep.equal(['Kikoi', 'KES 1,500']);
      expect(checkAgain(el)).to.equal(null);
    });

    it('paid: received, on which date and at what time in Nairobi', async () => {
      const el = await showing(
        'paid',
        'en',
        answer('paid', { amount: 250.5, currency: 'KES', description: 'Order 1042', paidAt: PAID_AT }),
      );
      expect(shown(el).title).to.equal('Payment received');
      // The joining word is the engine's own (CLDR's): "at" or a comma.
      expect(shown(el).text).to.match(/^Paid on 1 December 2026(,| at) 14:05$/);
      expect(summary(el)).to.deep.equal(['Order 1042', 'KES 250.50']);
      expect(part(el, 'retry')).to.equal(null);
      expect(checkAgain(el)).to.equal(null);
    });

    it('paid without a readable date: thanked for all the same, with no date line', async () => {
      const el = await showing('paid', 'en', answer('paid', { paidAt: 'yesterday' }));
      expect(shown(el)).to.deep.equal({ title: 'Payment received', text: '' });
      expect(part(el, 'text')).to.equal(null);
    });

    it('failed: not completed, not charged, with a Try again link', async () => {
      const el = await showing('failed', 'en', answer('failed', { amount: 1500, description: 'Kikoi' }));
      expect(shown(el)).to.deep.equal({
        title: 'Payment not completed',
        text: 'The payment was declined or did not go through. You have not been charged.',
      });
      expect(summary(el)).to.deep.equal(['Kikoi', 'KES 1,500']);
      el.retryUrl = '/shop.html';
      await el.updateComplete;
      expect(text(retryLink(el))).to.equal('Try again');
    });

    it('expired', async () => {
      const el = await showing('expired', 'en', answer('expired'));
      expect(shown(el)).to.deep.equal({
        title: 'This payment link has expired',
        text: 'Nothing was paid with it. Start a new payment from the seller’s page.',
      });
      expect(checkAgain(el)).to.equal(null);
      expect(retryLink(el)).to.equal(null);
    });

    for (const status of [404, 400]) {
      it(`not found: a ${status} is a link that names no payment`, async () => {
        const el = await showing('notFound', 'en', () =>
          jsonResponse(status, { error: { code: 'not_found', message: 'No such link.' } }),
        );
        expect(shown(el)).to.deep.equal({
          title: 'We could not find this payment',
          text: 'Check the link you followed, or contact the seller with the time you paid.',
        });
        expect(checkAgain(el)).to.equal(null);
      });
    }

    it('not found, asking nothing, when the page has no id at all', async () => {
      const { requests } = stubStatus(answer('paid'));
      const el = await mountStatus(html`<almara-pay-status endpoint="/api/status"></almara-pay-status>`);
      await el.updateComplete;
      expect(el.status).to.equal('notFound');
      expect(shown(el).title).to.equal('We could not find this payment');
      expect(requests).to.deep.equal([]);
    });

    const problems = {
      'the network fails': offline,
      'the backend answers 500': () => jsonResponse(500, { error: { code: 'internal', message: 'Oops' } }),
      'a 200 is no JSON (a proxy’s page)': () => new Response('<html>Welcome</html>', { status: 200 }),
      'a 200 is JSON but no answer': () => jsonResponse(200, { id: 'pl_1', status: 'dunno' }),
    };
    for (const [when, reply] of Object.entries(problems)) {
      it(`problem when ${when}: could not check, with Check again`, async () => {
        const el = await showing('problem', 'en', reply);
        expect(shown(el)).to.deep.equal({ title: 'We could not check your payment. Check your connection.', text: '' });
        expect(text(checkAgain(el))).to.equal('Check again');
        expect(part(el, 'summary')).to.equal(null);
      });
    }
  });

  describe('in Swahili', () => {
    it('checking', async () => {
      const el = await showing('checking', 'sw', never);
      expect(shown(el).title).to.equal('Tunaangalia malipo yako…');
    });

    it('pending, with the M-Pesa instruction and the amount', async () => {
      const el = await showing('pending', 'sw', answer('pending', { amount: 1500, description: 'Kikoi' }));
      expect(shown(el)).to.deep.equal({
        title: 'Tunasubiri malipo yako',
        text: 'Angalia simu yako uone ombi la M-Pesa, kisha uweke PIN yako. Ukurasa huu utajisasisha wenyewe.',
      });
      expect(summary(el)).to.deep.equal(['Kikoi', 'KES 1,500']);
    });

    it('paid, with the date and time', async () => {
      const el = await showing('paid', 'sw', answer('paid', { paidAt: PAID_AT }));
      expect(shown(el).title).to.equal('Malipo yamepokelewa');
      expect(shown(el).text).to.match(/^Yalilipwa tarehe 1 Desemba 2026(,| saa) 14:05$/);
    });

    it('failed, with Jaribu tena', async () => {
      const el = await showing('failed', 'sw', answer('failed'));
      el.retryUrl = '/shop.html';
      await el.updateComplete;
      expect(shown(el)).to.deep.equal({
        title: 'Malipo hayakukamilika',
        text: 'Malipo yalikataliwa au hayakufanikiwa. Hujakatwa pesa yoyote.',
      });
      expect(text(retryLink(el))).to.equal('Jaribu tena');
    });

    it('expired', async () => {
      const el = await showing('expired', 'sw', answer('expired'));
      expect(shown(el)).to.deep.equal({
        title: 'Kiungo hiki cha malipo kimeisha muda wake',
        text: 'Hakuna kilicholipwa kupitia kiungo hiki. Anza malipo mapya kwenye ukurasa wa muuzaji.',
      });
    });

    it('not found', async () => {
      const el = await showing('notFound', 'sw', () => jsonResponse(404, {}));
      expect(shown(el)).to.deep.equal({
        title: 'Hatukuweza kupata malipo haya',
        text: 'Angalia kiungo ulichofuata, au wasiliana na muuzaji ukitaja saa uliyolipa.',
      });
    });

    it('problem, with Angalia tena', async () => {
      const el = await showing('problem', 'sw', offline);
      expect(shown(el).title).to.equal('Hatukuweza kuangalia malipo yako. Angalia mtandao wako.');
      expect(text(checkAgain(el))).to.equal('Angalia tena');
    });
  });

  describe('language and words', () => {
    let original: string | null;
    beforeEach(() => (original = document.documentElement.getAttribute('lang')));
    afterEach(() => {
      if (original === null) document.documentElement.removeAttribute('lang');
      else document.documentElement.setAttribute('lang', original);
    });

    it('takes `strings` over the language’s words, keeping the rest', async () => {
      stubStatus(answer('pending'));
      const el = await mountStatus(
        html`<almara-pay-status
          endpoint="/api/status"
          link-id="pl_1"
          .strings=${{ pendingTitle: 'Hang on, we are waiting for M-Pesa' }}
        ></almara-pay-status>`,
      );
      await reach(el, 'pending');
      expect(shown(el)).to.deep.equal({
        title: 'Hang on, we are waiting for M-Pesa',
        text: 'Check your phone for the M-Pesa prompt and enter your PIN. This page updates by itself.',
      });
      el.strings = { pendingAction: 'Look at your phone.' };
      await el.updateComplete;
      expect(shown(el)).to.deep.equal({ title: 'Waiting for your payment', text: 'Look at your phone.' });
      el.lang = 'sw';
      await el.updateComplete;
      expect(shown(el)).to.deep.equal({ title: 'Tunasubiri malipo yako', text: 'Look at your phone.' });
      el.strings = null;
      await el.updateComplete;
      expect(shown(el).text).to.match(/^Angalia simu yako/);
    });

    it('follows the lang of an ancestor', async () => {
      stubStatus(answer('expired'));
      const page = await fixture<HTMLElement>(
        html`<section lang="sw-KE">
          <almara-pay-status endpoint="/api/status" link-id="pl_1"></almara-pay-status>
        </section>`,
      );
      const el = page.querySelector('almara-pay-status')!;
      await reach(el, 'expired');
      expect(shown(el).title).to.equal('Kiungo hiki cha malipo kimeisha muda wake');
    });

    it('re-renders when <html lang> changes, and keeps the date in the new language', async () => {
      document.documentElement.lang = 'en';
      const { requests } = stubStatus(answer('paid', { paidAt: PAID_AT, amount: 1500, description: 'Kikoi' }));
      const el = await mountStatus();
      await reach(el, 'paid');
      expect(shown(el).title).to.equal('Payment received');
      document.documentElement.lang = 'sw';
      await until(() => shown(el).title === 'Malipo yamepokelewa');
      expect(shown(el).text).to.match(/^Yalilipwa tarehe 1 Desemba 2026/);
      expect(summary(el)).to.deep.equal(['Kikoi', 'KES 1,500']);
      document.documentElement.removeAttribute('lang');
      await until(() => shown(el).title === 'Payment received');
      // A change of words asks nothing of the backend.
      expect(requests).to.have.length(1);
    });
  });
});

describe('<almara-pay-status>: what it asks', () => {
  it('asks endpoint?id=… with JSON accepted, same-origin credentials and no cache', async () => {
    const { requests } = stubStatus(answer('paid'));
    const el = await mountStatus();
    await reach(el, 'paid');
    expect(requests).to.have.length(1);
    const [request] = requests;
    expect(request!.url.href).to.equal(new URL('/api/status?id=pl_1', location.href).href);
    expect(request!.headers.accept).to.equal('application/json');
    expect(request!.credentials).to.equal('same-origin');
    expect(request!.cache).to.equal('no-store');
  });

  it('keeps the endpoint’s own query, and encodes the id', async () => {
    const { requests } = stubStatus(answer('paid', {}, 'pl 1/é&x'));
    const el = await mountStatus(
      html`<almara-pay-status endpoint="/api/status?shop=7" link-id="pl 1/é&x"></almara-pay-status>`,
    );
    await reach(el, 'paid');
    expect(requests[0]!.url.pathname).to.equal('/api/status');
    expect(requests[0]!.url.searchParams.get('shop')).to.equal('7');
    expect(requests[0]!.id).to.equal('pl 1/é&x');
  });

  it('sends `credentials` and `headers` as set, even when set right after the tag is inserted', async () => {
    const { requests } = stubStatus(answer('paid'));
    const parent = await fixture<HTMLElement>(html`<div></div>`);
    const el = document.createElement('almara-pay-status');
    parent.append(el);
    // A framework sets properties one by one after inserting the tag: the first request waits.
    el.endpoint = '/api/status';
    el.linkId = 'pl_1';
    el.credentials = 'include';
    el.headers = { 'X-Shop': 'kikoi', Authorization: 'Bearer t' };
    await reach(el, 'paid');
    expect(requests).to.have.length(1);
    expect(requests[0]!.credentials).to.equal('include');
    expect(requests[0]!.headers).to.include({
      'x-shop': 'kikoi',
      authorization: 'Bearer t',
      accept: 'application/json',
    });
    expect(el.getAttribute('credentials')).to.equal('include');
  });

  it('takes the id from ?paymentLinkId= when it has no link-id', async () => {
    setPageQuery({ paymentLinkId: 'pl_from_url' });
    const { requests } = stubStatus(answer('paid', {}, 'pl_from_url'));
    const el = await mountStatus(html`<almara-pay-status endpoint="/api/status"></almara-pay-status>`);
    await reach(el, 'paid');
    expect(requests.map((request) => request.id)).to.deep.equal(['pl_from_url']);
  });

  it('prefers link-id to the page’s ?paymentLinkId=', async () => {
    setPageQuery({ paymentLinkId: 'pl_from_url' });
    const { requests } = stubStatus(answer('paid'));
    const el = await mountStatus();
    await reach(el, 'paid');
    expect(requests.map((request) => request.id)).to.deep.equal(['pl_1']);
  });

  it('never reads the outcome from the page’s address', async () => {
    setPageQuery({ paymentLinkId: 'pl_1', status: 'paid' });
    stubStatus(answer('failed'));
    const el = await mountStatus(html`<almara-pay-status endpoint="/api/status"></almara-pay-status>`);
    await reach(el, 'failed');
    expect(shown(el).title).to.equal('Payment not completed');
  });

  it('asks once when link-id is set later to the id the address already gave, or endpoint to the same URL', async () => {
    setPageQuery({ paymentLinkId: 'pl_1' });
    const { requests } = stubStatus(answer('pending'));
    const el = await mountStatus(html`<almara-pay-status endpoint="/api/status"></almara-pay-status>`);
    await reach(el, 'pending');
    // A framework setting its properties in a later task, to what the element already asks about.
    el.linkId = 'pl_1';
    el.removeAttribute('endpoint');
    el.endpoint = '/api/status';
    await el.updateComplete;
    await clock().advance(1999);
    expect(requests).to.have.length(1);
    expect(el.status).to.equal('pending');
  });

  it('asks again, about the new id, when link-id changes', async () => {
    const { requests } = stubStatus(answer('paid', { amount: 10 }), answer('failed', {}, 'pl_2'));
    const el = await mountStatus();
    await reach(el, 'paid');
    el.linkId = 'pl_2';
    await reach(el, 'failed');
    expect(requests.map((request) => request.id)).to.deep.equal(['pl_1', 'pl_2']);
    expect(el.link).to.deep.equal({ id: 'pl_2', status: 'failed' });
    expect(part(el, 'summary')).to.equal(null);
  });
});

describe('<almara-pay-status>: the almara-pay-status-change event', () => {
  it('fires once per change, with {id, status, link}, bubbling out of shadow roots, typed', async () => {
    const controller = new AbortController();
    const events: AlmaraPayStatusChangeEvent[] = [];
    const details: AlmaraPayStatusChangeDetail[] = [];
    // Typed through the global event maps: no cast.
    document.addEventListener(
      'almara-pay-status-change',
      (event) => {
        events.push(event);
        details.push({ ...event.detail });
        const status: AlmaraPayStatus['status'] = event.detail.status;
        expect(status).to.be.a('string');
      },
      { signal: controller.signal },
    );
    try {
      const pending = { id: 'pl_1', status: 'pending', amount: 1500, currency: 'KES', description: 'Kikoi' };
      const paid = { ...pending, status: 'paid', paidAt: PAID_AT };
      stubStatus(
        () => jsonResponse(200, pending),
        () => jsonResponse(200, pending),
        () => jsonResponse(200, paid),
      );
      // Inside another component's shadow root: the event must still reach the document.
      const host = await fixture<HTMLElement>(html`<div></div>`);
      host.attachShadow({ mode: 'open' }).innerHTML =
        '<almara-pay-status endpoint="/api/status" link-id="pl_1"></almara-pay-status>';
      const el = host.shadowRoot!.querySelector('almara-pay-status')!;
      const own: string[] = [];
      el.addEventListener('almara-pay-status-change', (event) => own.push(event.detail.status));
      await reach(el, 'pending');
      await clock().advance(2000);
      expect(el.status).to.equal('pending');
      await clock().advance(3000);
      await reach(el, 'paid');
      expect(details).to.deep.equal([
        { id: 'pl_1', status: 'pending', link: pending },
        { id: 'pl_1', status: 'paid', link: paid },
      ]);
      expect(own).to.deep.equal(['pending', 'paid']);
      for (const event of events) {
        expect(event).to.be.instanceOf(AlmaraPayStatusChangeEvent);
        expect(event.bubbles).to.equal(true);
        expect(event.composed).to.equal(true);
        expect(event.cancelable).to.equal(false);
      }
      expect(el.link).to.deep.equal(paid);
      expect(el.getAttribute('status')).to.equal('paid');
    } finally {
      controller.abort();
    }
  });

  it('reports not found with the page’s id and no link', async () => {
    stubStatus(() => jsonResponse(404, {}));
    const details: AlmaraPayStatusChangeDetail[] = [];
    const parent = await fixture<HTMLElement>(html`<div></div>`);
    parent.addEventListener('almara-pay-status-change', (event) => details.push(event.detail));
    parent.innerHTML = '<almara-pay-status endpoint="/api/status" link-id="pl_gone"></almara-pay-status>';
    await reach(parent.firstElementChild as AlmaraPayStatus, 'notFound');
    expect(details).to.deep.equal([{ id: 'pl_gone', status: 'notFound', link: undefined }]);
  });
});

describe('<almara-pay-status>: the way back after a failed payment', () => {
  beforeEach(() => {
    // The test page's own referrer (the runner's) is no shop page.
    setReferrer('');
    // Nor is any form page another test file left in this tab's storage (the runner reuses the
    // tab, and its sessionStorage, from one file to the next): each test keeps its own.
    for (const name of Object.keys(sessionStorage))
      if (name.startsWith('almara-pay-link')) sessionStorage.removeItem(name);
  });

  it('leads to retry-url first, whatever the tab kept', async () => {
    keepFormEntry('/shop.html');
    stubStatus(answer('failed'));
    const el = await mountStatus(
      html`<almara-pay-status endpoint="/api/status" link-id="pl_1" retry-url="/cart?step=pay"></almara-pay-status>`,
    );
    await reach(el, 'failed');
    expect(retryLink(el)!.getAttribute('href')).to.equal('/cart?step=pay');
    expect(text(retryLink(el))).to.equal('Try again');
  });

  it('else to the shop page the tab’s newest form entry names', async () => {
    keepFormEntry('/old-shop.html', Date.now() - 60_000);
    keepFormEntry('/shop.html');
    stubStatus(answer('failed'));
    const el = await mountStatus();
    await reach(el, 'failed');
    expect(retryLink(el)!.href).to.equal(new URL('/shop.html', location.href).href);
  });

  it('else to a same-origin referrer', async () => {
    setReferrer(new URL('/checkout.html?cart=3', location.href).href);
    stubStatus(answer('failed'));
    const el = await mountStatus();
    await reach(el, 'failed');
    expect(retryLink(el)!.href).to.equal(new URL('/checkout.html?cart=3', location.href).href);
  });

  it('else to nowhere: no link, only the words, and never to another site', async () => {
    setReferrer('https://pay.almara.example/l/pl_1');
    stubStatus(answer('failed'));
    const el = await mountStatus();
    await reach(el, 'failed');
    // A boolean, not the element: a failure then reports a link, instead of serialising a DOM node.
    expect(retryLink(el) === null, `no way back, not ${retryLink(el)?.href}`).to.equal(true);
    expect(shown(el).title).to.equal('Payment not completed');
  });

  it('shows the shop’s own slotted retry content instead of the link', async () => {
    stubStatus(answer('failed'));
    const el = await mountStatus(
      html`<almara-pay-status endpoint="/api/status" link-id="pl_1" retry-url="/shop.html">
        <a slot="retry" href="/cart">Back to your cart</a>
      </almara-pay-status>`,
    );
    await reach(el, 'failed');
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name=retry]')!;
    const own = el.querySelector('a[slot=retry]')!;
    expect(slot.assignedElements()).to.deep.equal([own]);
    expect(own.getClientRects().length).to.be.greaterThan(0);
    // The fallback link is not rendered: the payer sees one way back, the shop's.
    expect(retryLink(el)?.getClientRects().length ?? 0).to.equal(0);
  });

  it('offers no way back in the other states, even with retry content', async () => {
    stubStatus(answer('expired'));
    const el = await mountStatus(
      html`<almara-pay-status endpoint="/api/status" link-id="pl_1" retry-url="/shop.html">
        <a slot="retry" href="/cart">Back to your cart</a>
      </almara-pay-status>`,
    );
    await reach(el, 'expired');
    expect(el.shadowRoot!.querySelector('slot[name=retry]')).to.equal(null);
    expect(el.querySelector('a[slot=retry]')!.getClientRects().length).to.equal(0);
  });
});

describe('<almara-pay-status>: theming', () => {
  const background = (node: Element | null) => getComputedStyle(node!).backgroundColor;

  it('paints Check again with --almara-pay-status-accent, else --almara-pay-link-accent, else its green', async () => {
    stubStatus(offline);
    const page = await fixture<HTMLElement>(
      html`<div>
        <almara-pay-status id="plain" endpoint="/api/status" link-id="pl_1"></almara-pay-status>
        <div style="--almara-pay-link-accent: rgb(1, 2, 3)">
          <almara-pay-status id="form" endpoint="/api/status" link-id="pl_1"></almara-pay-status>
          <div style="--almara-pay-status-accent: rgb(4, 5, 6)">
            <almara-pay-status id="own" endpoint="/api/status" link-id="pl_1"></almara-pay-status>
          </div>
        </div>
      </div>`,
    );
    const [plain, form, own] = page.querySelectorAll('almara-pay-status');
    for (const el of [plain!, form!, own!]) await reach(el, 'problem');
    expect(background(checkAgain(plain!))).to.equal('rgb(10, 125, 79)');
    expect(background(checkAgain(form!))).to.equal('rgb(1, 2, 3)');
    expect(background(checkAgain(own!))).to.equal('rgb(4, 5, 6)');
  });

  it('paints the Try again link the same way', async () => {
    stubStatus(answer('failed'));
    const el = await mountStatus(
      html`<almara-pay-status
        style="--almara-pay-link-accent: rgb(1, 2, 3); --almara-pay-status-accent: rgb(4, 5, 6)"
        endpoint="/api/status"
        link-id="pl_1"
        retry-url="/shop.html"
      ></almara-pay-status>`,
    );
    await reach(el, 'failed');
    expect(background(retryLink(el))).to.equal('rgb(4, 5, 6)');
    el.style.removeProperty('--almara-pay-status-accent');
    expect(background(retryLink(el))).to.equal('rgb(1, 2, 3)');
  });

  it('reflects what it shows in a read-only status attribute, for the page’s own styles', async () => {
    stubStatus(never);
    const el = await mountStatus();
    expect(el.getAttribute('status')).to.equal('checking');
    expect(part(el, 'icon')!.getAttribute('aria-hidden')).to.equal('true');
  });
});

describe('<almara-pay-status> while its tag is still being given its attributes', () => {
  it('an id that arrives a render after the endpoint: one request, and never "not found"', async () => {
    const { requests } = stubStatus(answer('paid'));
    const seen: string[] = [];
    const el = document.createElement('almara-pay-status');
    el.addEventListener('almara-pay-status-change', (event) => seen.push(event.detail.status));
    el.setAttribute('endpoint', '/api/status');
    const parent = await fixture(html`<div></div>`);
    parent.append(el);
    // A render with the endpoint alone, as WebKit's parser gives a tag's attributes one at a time.
    await Promise.resolve();
    await Promise.resolve();
    el.setAttribute('link-id', 'pl_1');
    await reach(el, 'paid');
    expect(seen).to.deep.equal(['paid']);
    expect(requests.map((request) => request.url.href)).to.deep.equal([`${location.origin}/api/status?id=pl_1`]);
  });

  it('an endpoint a framework sets after inserting the tag, within the grace: no problem shown', async () => {
    const { requests } = stubStatus(answer('pending'));
    const seen: string[] = [];
    const el = await mountStatus(html`<almara-pay-status link-id="pl_1"></almara-pay-status>`);
    el.addEventListener('almara-pay-status-change', (event) => seen.push(event.detail.status));
    await clock().advance(1500);
    expect(el.status).to.equal('checking');
    expect(requests).to.deep.equal([]);
    el.endpoint = '/api/status';
    await reach(el, 'pending');
    expect(seen).to.deep.equal(['pending']);
    expect(requests).to.have.length(1);
  });

  it('no endpoint at all: "checking" for the grace, then the problem, with Check again', async () => {
    const { requests } = stubStatus(answer('paid'));
    const el = await mountStatus(html`<almara-pay-status link-id="pl_1"></almara-pay-status>`);
    await clock().advance(1999);
    expect(el.status).to.equal('checking');
    await clock().advance(1);
    await el.updateComplete;
    expect(el.status).to.equal('problem');
    expect(shown(el).title).to.equal('We could not check your payment. Check your connection.');
    expect(checkAgain(el)).to.not.equal(null);
    expect(requests).to.deep.equal([]);
  });
});
