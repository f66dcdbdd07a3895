/**
 * The CDN files in jsdom and happy-dom, where merchants' component tests run (Vitest's and
 * Jest's DOM environments): no uncaught error, the form rendered and paid through a real
 * no-code backend on loopback (its sandbox behind it), the thank-you page's status read from it.
 * Neither environment has everything a browser has (jsdom: no navigation timing, no
 * `requestAnimationFrame` unless asked, no fetch, no constructable stylesheets), and a
 * merchant's test must not fail for it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { Window as HappyWindow } from 'happy-dom';
import { JSDOM, VirtualConsole } from 'jsdom';
import { createBackend } from '../../src/backend/index.js';
import { toNodeHandler } from '../../src/server/index.js';
import { PAYER, PAYMENT_REQUEST } from '../payer.js';
import { exampleConfig } from './backend-support.js';
import { listen, type Listening } from './support.js';

/** The shop's pages, on a merchant's development server: http, since happy-dom (as browsers) blocks mixed content. */
const PAGES = 'http://localhost:8080';

const FORM_FILE = readFileSync(new URL('../../dist/cdn/almara-pay-link.js', import.meta.url), 'utf8');
const STATUS_FILE = readFileSync(new URL('../../dist/cdn/almara-pay-status.js', import.meta.url), 'utf8');

/** A page of the shop in one environment: its window, and the errors nothing caught. */
interface Page {
  window: Window & typeof globalThis;
  errors: string[];
  close(): Promise<void>;
}

/**
 * jsdom has no fetch: Vitest's and Jest's jsdom environments give Node's, and with it Node's
 * AbortController (Node 24's fetch refuses another realm's signal: vitest-dev/vitest#8374).
 */
function withNodeFetch(window: unknown): Page['window'] {
  return Object.assign(window as Page['window'], { fetch, AbortController, AbortSignal });
}

/** A jsdom page; `pretendToBeVisual` as Vitest's `environmentOptions.jsdom` sets it: a visible tab with requestAnimationFrame. */
function jsdomPage(url: string, pretendToBeVisual: boolean): Page {
  const virtualConsole = new VirtualConsole();
  const errors: string[] = [];
  virtualConsole.on('jsdomError', (error) => errors.push(error.message));
  const dom = new JSDOM('<!doctype html><html lang="en"><body></body></html>', {
    url,
    runScripts: 'outside-only',
    pretendToBeVisual,
    virtualConsole,
  });
  return { window: withNodeFetch(dom.window), errors, close: async () => dom.window.close() };
}

const ENVIRONMENTS: Record<string, (url: string) => Page> = {
  jsdom: (url) => jsdomPage(url, false),
  'jsdom, visual': (url) => jsdomPage(url, true),
  // happy-dom has a fetch of its own, which its test environments keep.
  'happy-dom': (url) => {
    const window = new HappyWindow({ url });
    const errors: string[] = [];
    window.addEventListener('error', (event) => errors.push(String((event as unknown as ErrorEvent).error ?? event)));
    window.document.write('<!doctype html><html lang="en"><body></body></html>');
    return {
      window: window as unknown as Page['window'],
      errors,
      close: () => window.happyDOM.close(),
    };
  },
};

/** The page's script: the CDN file, run in the page as its script tag would run it. */
function load(page: Page, code: string): void {
  (page.window as unknown as { eval(code: string): void }).eval(code);
}

/** Polls the environment's DOM until `read` answers, for at most two seconds. */
async function until<T>(read: () => T | undefined | null | false, what: string): Promise<T> {
  const end = Date.now() + 2000;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > end) throw new Error(`not in time: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The shadow root's text, less its stylesheet (a <style> where there are no adopted sheets). */
const shownText = (element: Element) =>
  Array.from(element.shadowRoot?.childNodes ?? [])
    .filter((node) => node.nodeName !== 'STYLE')
    .map((node) => node.textContent)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('in jsdom and happy-dom, as merchants’ component tests run the tags', () => {
  let backend: Listening;
  let made: ReturnType<typeof createBackend>;

  before(async () => {
    made = createBackend(exampleConfig({ allowedOrigins: [PAGES] }), {});
    backend = await listen(createServer(toNodeHandler(made)));
  });
  after(async () => {
    await backend.close();
    await made.close();
  });

  for (const [name, open] of Object.entries(ENVIRONMENTS)) {
    it(`${name}: the form renders, is filled and pays through the backend, with no uncaught error`, async () => {
      const page = open(`${PAGES}/kikoi.html`);
      try {
        const { window } = page;
        load(page, FORM_FILE);
        const form = window.document.createElement('almara-pay-link');
        form.setAttribute('endpoint', `${backend.url}/api/payment-link`);
        form.setAttribute('account-reference', 'kikoi-wrap');
        form.setAttribute('description', 'Kikoi beach wrap');
        form.setAttribute('amount', '1500');
        let paidAt: string | undefined;
        // The merchant's test keeps the page: the payment page's URL is what it checks.
        form.addEventListener('almara-pay-link-success', (event) => {
          event.preventDefault();
          paidAt = (event as CustomEvent<{ url: string }>).detail.url;
        });
        window.document.body.append(form);

        const input = (field: string) =>
          form.shadowRoot?.querySelector<HTMLInputElement>(`input[name=${field}]`) ?? undefined;
        await until(() => input('phoneNumber'), 'the form');
        assert.match(shownText(form), /^Kikoi beach wrap ?KES\s1,500 First name Last name Email Phone number/);
        for (const field of ['firstName', 'lastName', 'emailAddress', 'phoneNumber'] as const) {
          input(field)!.value = PAYER[field];
          input(field)!.dispatchEvent(new window.Event('input', { bubbles: true, composed: true }));
        }
        form.shadowRoot!.querySelector<HTMLButtonElement>('button[part=button]')!.click();
        const url = await until(() => paidAt, 'the payment link');
        assert.match(url, new RegExp(`^${backend.url}/sandbox/pay/pl_`));
        assert.deepEqual(page.errors, []);
      } finally {
        await page.close();
      }
    });

    it(`${name}: the status element reads the payment from the backend, with no uncaught error`, async () => {
      // A payment made as the form makes one: the thank-you page then holds its id.
      const created = await fetch(`${backend.url}/api/payment-link`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), Origin: PAGES },
        body: JSON.stringify({ ...PAYMENT_REQUEST, accountReference: 'kikoi-wrap' }),
      });
      assert.equal(created.status, 200);
      const link = (await created.json()) as { id: string };
      const page = open(`${PAGES}/thanks?paymentLinkId=${link.id}`);
      try {
        const { window } = page;
        load(page, STATUS_FILE);
        const status = window.document.createElement('almara-pay-status');
        status.setAttribute('endpoint', `${backend.url}/api/payment-status`);
        window.document.body.append(status);
        // jsdom's tab is hidden unless it pretends to be visual: the element waits, as in a hidden tab.
        const expected = name === 'jsdom' ? 'checking' : 'pending';
        await until(() => status.getAttribute('status') === expected, `status ${expected}`);
        assert.match(
          shownText(status),
          expected === 'pending' ? /^Waiting for your payment/ : /^Checking your payment…$/,
        );
        assert.deepEqual(page.errors, []);
      } finally {
        await page.close();
      }
    });
  }
});
