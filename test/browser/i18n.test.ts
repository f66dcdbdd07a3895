import './lit-warnings.js';
import { expect, fixture } from '@open-wc/testing';
import {
  button,
  errorOf,
  fillPayer,
  formError,
  html,
  input,
  jsonResponse,
  leave,
  mount,
  shadow,
  stubFetch,
  text,
  type,
  until,
} from './helpers.js';
import type { AlmaraPayLink } from '../../src/almara-pay-link.js';

const labels = (el: AlmaraPayLink) => Array.from(shadow(el).querySelectorAll('label'), (label) => text(label));

describe('languages', () => {
  it('speaks Swahili with lang="sw": labels, button, errors', async () => {
    const { el } = await mount(html`<almara-pay-link lang="sw" endpoint="/api/pay" amount="1500"></almara-pay-link>`);
    expect(labels(el)).to.deep.equal(['Jina la kwanza', 'Jina la mwisho', 'Barua pepe', 'Nambari ya simu', 'Maelezo']);
    expect(text(button(el))).to.equal('Lipa KES 1,500');
    await type(el, 'emailAddress', 'x');
    await leave(el, 'emailAddress');
    expect(errorOf(el, 'emailAddress')).to.equal('Weka barua pepe kama jina@mfano.com.');
  });

  it('follows the nearest ancestor’s lang, region subtags included', async () => {
    const page = await fixture<HTMLElement>(
      html`<section lang="sw-KE">
        <div><almara-pay-link endpoint="/api/pay"></almara-pay-link></div>
      </section>`,
    );
    const el = page.querySelector('almara-pay-link')!;
    expect(labels(el)[0]).to.equal('Jina la kwanza');
  });

  it('looks through a shadow root to its host for the language', async () => {
    const page = await fixture<HTMLElement>(html`<div lang="sw"></div>`);
    const root = page.attachShadow({ mode: 'open' });
    root.innerHTML = '<almara-pay-link endpoint="/api/pay"></almara-pay-link>';
    const el = root.querySelector('almara-pay-link')!;
    await el.updateComplete;
    expect(labels(el)[0]).to.equal('Jina la kwanza');
  });

  it('falls back to English for other languages and for none', async () => {
    const { el } = await mount(html`<almara-pay-link lang="fr" endpoint="/api/pay"></almara-pay-link>`);
    expect(labels(el)[0]).to.equal('First name');
  });

  it('re-renders when its lang changes', async () => {
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay" amount="10"></almara-pay-link>`);
    expect(text(button(el))).to.equal('Pay KES 10');
    el.setAttribute('lang', 'sw');
    await el.updateComplete;
    expect(text(button(el))).to.equal('Lipa KES 10');
    el.lang = 'en';
    await el.updateComplete;
    expect(text(button(el))).to.equal('Pay KES 10');
  });

  it('lets the merchant override any string, in any language', async () => {
    const { el } = await mount(html`<almara-pay-link lang="sw" endpoint="/api/pay" amount="10"></almara-pay-link>`);
    el.strings = { firstName: 'Jina', pay: (amount) => `Changia ${amount}` };
    await el.updateComplete;
    expect(labels(el)[0]).to.equal('Jina');
    expect(labels(el)[1]).to.equal('Jina la mwisho');
    expect(text(button(el))).to.equal('Changia KES 10');
    expect(input(el, 'firstName')!.labels![0]!.textContent).to.equal('Jina');
  });
});

/** Clicks Pay and waits until the form shows the backend's refusal. */
async function payAndFail(el: AlmaraPayLink): Promise<void> {
  button(el).click();
  await until(() => el.getAttribute('state') === 'error');
  await el.updateComplete;
}

describe('language across the wire (contract §3)', () => {
  const donation = (lang: string) =>
    mount(html`<almara-pay-link lang=${lang} endpoint="/api/pay" description="Miti" min-amount="1"></almara-pay-link>`);
  const LINK = { url: 'https://pay.almara.example/l/pl_1', id: 'pl_1' };

  it('asks the backend for its own language, then English; in English, English alone', async () => {
    const fetch = stubFetch(() => jsonResponse(201, LINK));
    const page = await fixture<HTMLElement>(
      html`<div>
        <almara-pay-link lang="sw" endpoint="/api/pay" amount="100" description="Miti"></almara-pay-link>
        <section lang="sw-KE">
          <almara-pay-link endpoint="/api/pay" amount="100" description="Miti"></almara-pay-link>
        </section>
        <almara-pay-link endpoint="/api/pay" amount="100" description="Miti"></almara-pay-link>
      </div>`,
    );
    for (const el of page.querySelectorAll('almara-pay-link')) {
      el.navigator = { assign: () => undefined, openBlank: () => null };
      await el.updateComplete;
      await fillPayer(el);
      button(el).click();
      await until(() => el.getAttribute('state') === 'redirecting');
    }
    expect(fetch.requests.map((request) => request.headers['accept-language'])).to.deep.equal([
      'sw, en;q=0.5',
      'sw, en;q=0.5',
      'en',
    ]);
  });

  it('the merchant’s headers may still say otherwise', async () => {
    const fetch = stubFetch(() => jsonResponse(201, LINK));
    const { el } = await mount(
      html`<almara-pay-link lang="sw" endpoint="/api/pay" amount="100" description="Miti"></almara-pay-link>`,
    );
    el.headers = { 'Accept-Language': 'en-KE' };
    await fillPayer(el);
    button(el).click();
    await until(() => fetch.requests.length === 1);
    expect(fetch.requests[0]!.headers['accept-language']).to.equal('en-KE');
  });

  it('a code it knows, in a Swahili form: its own sentence, never the backend’s English', async () => {
    stubFetch(() =>
      jsonResponse(502, { error: { code: 'upstream_error', message: 'Something went wrong. Please try again.' } }),
    );
    const { el } = await donation('sw');
    await fillPayer(el, { amount: '10' });
    expect(text(button(el))).to.equal('Lipa KES 10');
    await payAndFail(el);
    expect(formError(el)).to.equal('Hitilafu imetokea. Tafadhali jaribu tena.');
    await expect(el).to.be.accessible();
  });

  it('a backend’s validation_failed in a Swahili form: its own sentence over the form, the fields beside theirs', async () => {
    stubFetch(() =>
      jsonResponse(400, {
        error: {
          code: 'validation_failed',
          message: 'Please correct the highlighted fields.',
          fields: { amount: 'Kiasi kisipungue KES 50.' },
        },
      }),
    );
    const { el } = await donation('sw');
    await fillPayer(el, { amount: '10' });
    await payAndFail(el);
    expect(formError(el)).to.equal('Tafadhali sahihisha sehemu zilizowekwa alama.');
    expect(errorOf(el, 'amount')).to.equal('Kiasi kisipungue KES 50.');
    expect(input(el, 'amount')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('a code it does not know: the backend’s own sentence, as it sent it, said once', async () => {
    const message = 'Toa kati ya KES 50 na KES 100,000.';
    stubFetch(() =>
      jsonResponse(400, { error: { code: 'amount_out_of_range', message, fields: { amount: message } } }),
    );
    const { el } = await donation('sw');
    await fillPayer(el, { amount: '10' });
    await payAndFail(el);
    // Beside the field; the box under the button points at it rather than say it again.
    expect(errorOf(el, 'amount')).to.equal(message);
    expect(formError(el)).to.equal('Tafadhali sahihisha sehemu zilizowekwa alama.');
    await expect(el).to.be.accessible();
  });

  it('a code it does not know, about no field: the backend’s own sentence in the box', async () => {
    const message = 'Duka limefungwa kwa sasa.';
    stubFetch(() => jsonResponse(403, { error: { code: 'shop_closed', message } }));
    const { el } = await donation('sw');
    await fillPayer(el, { amount: '100' });
    await payAndFail(el);
    expect(formError(el)).to.equal(message);
  });
});
