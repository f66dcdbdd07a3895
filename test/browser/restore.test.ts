import './lit-warnings.js';
import { expect, fixture, html } from '@open-wc/testing';
import type { AlmaraPayLink } from '../../src/almara-pay-link.js';
import { markRetry } from '../../src/status/way-back.js';
import { until } from './helpers.js';

// Back from the payment page: a real navigation away and back in a frame, where the browser
// loads the shop page again (no back/forward cache for a frame's own history), and the payer
// finds what they typed.
describe('restore after Back', () => {
  type ShopWindow = Window & { loadedAt: number };
  const TYPED = { firstName: 'Wanjiku', lastName: 'Kamau', emailAddress: 'w@example.com', phoneNumber: '0712 345 678' };

  let frame: HTMLIFrameElement;
  const win = () => frame.contentWindow as ShopWindow;
  const el = () => win().document.querySelector<AlmaraPayLink>('almara-pay-link')!;
  const field = (name: string) => el().shadowRoot!.querySelector<HTMLInputElement>(`input[name=${name}]`)!;
  const shopReady = () =>
    new Promise<void>((resolve) => {
      window.addEventListener('message', function ready(event) {
        // The frame may speak before `fixture()` has handed it over: any frame of this page counts.
        const frames = Array.from(document.querySelectorAll('iframe'), (each) => each.contentWindow);
        if (event.data === 'shop-ready' && frames.includes(event.source as Window)) {
          window.removeEventListener('message', ready);
          resolve();
        }
      });
    });

  // The runner reuses this tab, and its sessionStorage, for the next test file: leave it empty.
  afterEach(() => {
    sessionStorage.clear();
  });

  async function openShop(query = '') {
    const ready = shopReady();
    frame = await fixture<HTMLIFrameElement>(
      html`<iframe src=${`/test/browser/fixtures/shop-frame.html${query}`}></iframe>`,
    );
    await ready;
    // Loaded in full: a navigation before the load event would replace this entry of the history.
    await until(() => win().document.readyState === 'complete');
    win().sessionStorage.clear();
    await el().updateComplete;
  }

  async function fill(values: Record<string, string>) {
    for (const [name, value] of Object.entries(values)) {
      field(name).value = value;
      field(name).dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    await el().updateComplete;
  }

  /** Pay, land on the payment page, and come back with Back: a fresh load of the shop page. */
  async function payAndComeBack(pay = true) {
    const before = win().loadedAt;
    if (pay) el().shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!.click();
    else win().location.href = new URL('landed.html', win().location.href).href;
    // Polled rather than awaited as a load event: the shop page's own load may come first.
    await until(
      () =>
        win().location.pathname === '/test/browser/fixtures/landed.html' && win().document.readyState === 'complete',
    );
    const ready = shopReady();
    win().history.back();
    await ready;
    await el().updateComplete;
    expect(win().loadedAt, 'the page was loaded again').not.to.equal(before);
    const [navigation] = win().performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    expect(navigation!.type).to.equal('back_forward');
  }

  /** Everything the frame's session storage holds, as one string. */
  const keptText = () => {
    const storage = win().sessionStorage;
    return Array.from({ length: storage.length }, (_, i) => storage.getItem(storage.key(i)!)).join();
  };
  // The kept fields alone: each entry is [savedAt, fields], and a timestamp may hold any digits.
  const keptFields = (): Record<string, string>[] => {
    const storage = win().sessionStorage;
    return Array.from({ length: storage.length }, (_, i) => {
      const entry: unknown = JSON.parse(storage.getItem(storage.key(i)!)!);
      return (entry as [number, Record<string, string>])[1];
    });
  };
  const values = () => Object.fromEntries(Object.keys(TYPED).map((name) => [name, field(name).value]));

  it('shows the payer’s fields as they left them, and nothing marked wrong', async () => {
    await openShop('?amount=1500');
    await fill(TYPED);
    await payAndComeBack();
    expect(values()).to.deep.equal(TYPED);
    expect(el().shadowRoot!.querySelectorAll('[aria-invalid=true]')).to.have.length(0);
    expect(el().getAttribute('state')).to.equal('idle');
    // axe in the frame's own document: the element lives there.
    const axe = win().document.createElement('script');
    axe.src = '/node_modules/axe-core/axe.min.js';
    await new Promise((resolve) => {
      axe.onload = resolve;
      win().document.head.append(axe);
    });
    const { violations } = await (win() as ShopWindow & { axe: typeof import('axe-core') }).axe.run(el());
    expect(violations.map((violation) => violation.id)).to.deep.equal([]);
  });

  it('keeps a typed amount and description, and never the amount of a fixed-price form', async () => {
    await openShop('?min-amount=50');
    await fill({ ...TYPED, amount: '500/=' });
    await payAndComeBack();
    expect(field('amount').value).to.equal('500/=');
    const kept = keptText();
    expect(kept).to.include('500/=');

    await openShop('?amount=1500');
    await fill(TYPED);
    await payAndComeBack();
    const fixed = keptFields();
    expect(fixed).to.have.length(1);
    expect(fixed[0]).to.not.have.property('amount');
    expect(Object.values(fixed[0]!)).to.not.include('1500');
  });

  it('keeps nothing with no-restore', async () => {
    await openShop('?amount=1500&no-restore=');
    await fill(TYPED);
    expect(win().sessionStorage.length).to.equal(0);
    await payAndComeBack();
    expect(values()).to.deep.equal({ firstName: '', lastName: '', emailAddress: '', phoneNumber: '' });
  });

  it('forgets them on reset()', async () => {
    await openShop('?amount=1500');
    await fill(TYPED);
    el().reset();
    expect(win().sessionStorage.length).to.equal(0);
    await payAndComeBack(false);
    expect(values().firstName).to.equal('');
  });

  /** Loads the shop page again (not Back), and waits past its first paint, when its form looks for "Try again"'s mark. */
  async function reloadShop() {
    const ready = shopReady();
    win().location.reload();
    await ready;
    await el().updateComplete;
    await new Promise((resolve) => win().requestAnimationFrame(() => win().setTimeout(resolve)));
    await el().updateComplete;
  }

  it('does not fill a form the payer opens anew (not with Back)', async () => {
    await openShop('?amount=1500');
    await fill(TYPED);
    await reloadShop();
    expect(values().firstName).to.equal('');
  });

  it('fills the form the thank-you page’s "Try again" leads to, after its first paint', async () => {
    await openShop('?amount=1500');
    await fill(TYPED);
    // What <almara-pay-status> notes as the payer follows its "Try again" link to this page.
    markRetry(() => win().sessionStorage, win().location.href, Date.now());
    await reloadShop();
    expect(values()).to.deep.equal(TYPED);
    expect(el().shadowRoot!.querySelectorAll('[aria-invalid=true]')).to.have.length(0);
  });

  it('does not fill it for a mark left for another page', async () => {
    await openShop('?amount=1500');
    await fill(TYPED);
    markRetry(() => win().sessionStorage, new URL('/elsewhere.html', win().location.href).href, Date.now());
    await reloadShop();
    expect(values().firstName).to.equal('');
  });
});
