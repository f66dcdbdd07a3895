import './lit-warnings.js';
import { expect, fixture } from '@open-wc/testing';
import { nothing } from 'lit';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { AlmaraPayStatus } from '../../src/almara-pay-status.js';
import {
  answer,
  checkAgain,
  clock,
  html,
  jsonResponse,
  message,
  mountStatus,
  never,
  offline,
  part,
  reach,
  setReferrer,
  shown,
  stubStatus,
  until,
} from './status-helpers.js';

type Scheme = 'light' | 'dark';

/**
 * The dark scheme for the element. Chromium emulates `prefers-color-scheme` (the command
 * goes through its DevTools protocol); Firefox, driven over WebDriver BiDi, and WebKitGTK,
 * over WebDriver, have no such emulation here. There the stylesheet's own dark rule (the
 * declarations under its `prefers-color-scheme: dark` query) is put on the host, so that axe
 * checks the same colours in every engine. Returns how the scheme was had.
 */
async function useScheme(el: AlmaraPayStatus, scheme: Scheme): Promise<'emulated' | 'applied' | 'light'> {
  if (scheme === 'light') return 'light';
  try {
    await emulateMedia({ colorScheme: 'dark' });
    if (matchMedia('(prefers-color-scheme: dark)').matches) return 'emulated';
  } catch {
    // No emulation in this engine's driver: apply the rule below.
  }
  const sheet = el.shadowRoot!.adoptedStyleSheets[0]!;
  const dark = [...sheet.cssRules].find(
    (rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && rule.conditionText.includes('dark'),
  )!;
  const declarations = (dark.cssRules[0] as CSSStyleRule).style;
  for (const name of declarations) el.style.setProperty(name, declarations.getPropertyValue(name));
  return 'applied';
}

afterEach(async () => {
  try {
    await emulateMedia({ colorScheme: 'light' });
  } catch {
    // Nothing was emulated.
  }
});

const PAID_AT = '2026-12-01T11:05:00Z';
const states: Record<
  string,
  { status: AlmaraPayStatus['status']; answers: Parameters<typeof stubStatus>; attrs?: string }
> = {
  checking: { status: 'checking', answers: [never] },
  pending: { status: 'pending', answers: [answer('pending', { amount: 1500, description: 'Kikoi' })] },
  paid: { status: 'paid', answers: [answer('paid', { amount: 1500, description: 'Kikoi', paidAt: PAID_AT })] },
  'failed, with a way back': { status: 'failed', answers: [answer('failed')], attrs: 'retry' },
  'failed, with no way back': { status: 'failed', answers: [answer('failed')] },
  expired: { status: 'expired', answers: [answer('expired')] },
  stopped: { status: 'stopped', answers: [answer('pending')], attrs: 'stop' },
  notFound: { status: 'notFound', answers: [() => jsonResponse(404, {})] },
  problem: { status: 'problem', answers: [offline] },
};

describe('<almara-pay-status>: accessibility', () => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const [name, { status, answers, attrs }] of Object.entries(states)) {
      it(`passes axe when ${name}, in the ${scheme} scheme, in both languages`, async () => {
        // No way back but the one given: the runner's own page is no shop page.
        setReferrer('');
        stubStatus(...answers);
        const el = await mountStatus(
          html`<almara-pay-status
            endpoint="/api/status"
            link-id="pl_1"
            retry-url=${attrs === 'retry' ? '/shop.html' : nothing}
            poll-for=${attrs === 'stop' ? '0' : nothing}
          ></almara-pay-status>`,
        );
        await reach(el, status);
        const how = await useScheme(el, scheme);
        const box = getComputedStyle(part(el, 'box')!).backgroundColor;
        // The scheme did change the colours: a dark box, or the light one.
        expect(box).to.equal(scheme === 'dark' ? 'rgb(21, 25, 30)' : 'rgb(255, 255, 255)', how);
        await expect(el).to.be.accessible();
        el.lang = 'sw';
        await el.updateComplete;
        await expect(el).to.be.accessible();
      });
    }
  }

  it('has its live region from the first render, the same node through every change', async () => {
    let reply!: (response: Response) => void;
    stubStatus(() => new Promise<Response>((resolve) => (reply = resolve)), answer('paid'));
    const el = await mountStatus();
    const region = message(el);
    expect(region.getAttribute('role')).to.equal('status');
    expect(shown(el).title).to.equal('Checking your payment…');
    // The title and text are inside it: what changes is announced.
    expect(region.contains(part(el, 'title'))).to.equal(true);
    reply(jsonResponse(200, { id: 'pl_1', status: 'pending' }));
    await reach(el, 'pending');
    expect(message(el)).to.equal(region);
    expect(region.contains(part(el, 'text'))).to.equal(true);
    await clock().advance(2000);
    await reach(el, 'paid');
    expect(message(el)).to.equal(region);
  });

  it('leaves the live region alone while a pending payment is asked about again', async () => {
    stubStatus(
      answer('pending', { amount: 1500 }),
      answer('pending', { amount: 1500 }),
      () => jsonResponse(503, {}),
      answer('pending', { amount: 2000 }),
      answer('paid', { amount: 2000 }),
    );
    const el = await mountStatus();
    await reach(el, 'pending');
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(message(el), { subtree: true, childList: true, characterData: true, attributes: true });
    try {
      // Asked again at 2 s, 5 s and 9.5 s: pending, a failure, pending with another amount.
      await clock().advance(9500);
      expect(el.status).to.equal('pending');
      expect(changes.concat(observer.takeRecords())).to.deep.equal([]);
      await clock().advance(6750);
      await reach(el, 'paid');
      expect(changes.concat(observer.takeRecords()).length).to.be.greaterThan(0);
      expect(shown(el).title).to.equal('Payment received');
    } finally {
      observer.disconnect();
    }
  });

  it('hides its icon from assistive technology', async () => {
    for (const reply of [never, answer('paid'), offline]) {
      stubStatus(reply);
      const el = await mountStatus();
      if (reply !== never) await until(() => el.status !== 'checking');
      expect(part(el, 'icon')!.getAttribute('aria-hidden')).to.equal('true');
      el.remove();
    }
  });

  it('offers Check again as a real button, reached with Tab and pressed with Enter', async () => {
    const { requests } = stubStatus(offline, answer('paid'));
    const page = await fixture<HTMLElement>(
      html`<div>
        <button type="button">Before</button>
        <almara-pay-status endpoint="/api/status" link-id="pl_1"></almara-pay-status>
      </div>`,
    );
    const el = page.querySelector('almara-pay-status')!;
    await reach(el, 'problem');
    const button = checkAgain(el)!;
    expect(button.localName).to.equal('button');
    expect(button.type).to.equal('button');
    page.querySelector('button')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(button);
    await sendKeys({ press: 'Enter' });
    await reach(el, 'paid');
    expect(requests).to.have.length(2);
    // The button went with the state: the focus is on the words that replaced it.
    await until(() => el.shadowRoot!.activeElement === message(el));
    expect(document.activeElement).to.equal(el);
  });
});
