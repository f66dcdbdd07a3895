/**
 * Layout stability of the demo pages, measured the way Chromium reports it to a page: the
 * Layout Instability API (`layout-shift` entries, those without `hadRecentInput`, buffered
 * from the start of the page) read once the page's forms are defined and rendered, on a CPU
 * slowed through CDP (`Emulation.setCPUThrottlingRate`). Shared by `npm run bench`
 * (scripts/bench.ts), which prints the figures, and test/e2e/layout.test.ts, which holds the
 * demo to them.
 *
 * CLS is the Core Web Vitals figure: the largest session window of shifts (gaps < 1 s, at most
 * 5 s long). `total` is the sum of every shift, which is what a stricter reader would count.
 */
import type { Browser, Page } from 'playwright-core';

export interface Viewport {
  width: number;
  height: number;
}

/** The two viewports the demo is held to: a laptop and a small phone. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  mobile: { width: 360, height: 740 },
} as const satisfies Record<string, Viewport>;

export const CPU_SLOWDOWN = 4;

export interface DemoPage {
  /** Path on the demo server; `thanks` asks the demo backend for a payment link first. */
  path: string;
  /** What "rendered" means on this page (runs in the page, resolves when it is). */
  ready: 'forms' | 'receipt';
  /** The script that defines the tag, to hold back (a URL glob) for `measureLayout`'s `lateScript`. */
  script?: string;
}

const CDN_SCRIPT = '**/cdn/almara-pay-link.js';

export const DEMO_PAGES: readonly DemoPage[] = [
  { path: '/', ready: 'forms', script: '**/main.ts' },
  { path: '/static.html', ready: 'forms', script: CDN_SCRIPT },
  { path: '/cms.html', ready: 'forms', script: CDN_SCRIPT },
  { path: '/react/', ready: 'forms' },
  { path: '/vue/', ready: 'forms' },
  { path: '/thanks.html', ready: 'receipt' },
];

export interface LayoutShift {
  value: number;
  startTime: number;
  /** What moved: a short description of each source node, with its old and new box. */
  sources: string[];
}

export interface LayoutFigures {
  cls: number;
  total: number;
  shifts: LayoutShift[];
  /** The document's scroll width against its viewport width: > means it scrolls sideways. */
  scrollWidth: number;
  clientWidth: number;
}

/**
 * Installed before any script of the page: every shift, buffered from navigation on. A string,
 * not a function: tsx's transform would give a function helpers the page does not have.
 */
const OBSERVE_SHIFTS = `(() => {
  const describe = (node) => {
    if (!node) return '(gone)';
    if (!(node instanceof Element)) return node.nodeName;
    const root = node.getRootNode();
    const host = root instanceof ShadowRoot ? root.host.localName + ' » ' : '';
    const id = node.id ? '#' + node.id : '';
    const classes = typeof node.className === 'string' && node.className.trim()
      ? '.' + node.className.trim().split(/\\s+/).join('.') : '';
    return host + node.localName + id + classes;
  };
  const box = (r) => Math.round(r.x) + ',' + Math.round(r.y) + ' ' + Math.round(r.width) + '×' + Math.round(r.height);
  const shifts = (window.__layoutShifts = []);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      shifts.push({
        value: entry.value,
        startTime: entry.startTime,
        sources: entry.sources.map((s) => describe(s.node) + ': ' + box(s.previousRect) + ' → ' + box(s.currentRect)),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
})();`;

/** The largest session window: shifts less than 1 s apart, a window at most 5 s long. */
export function cumulativeLayoutShift(shifts: readonly LayoutShift[]): number {
  let best = 0;
  let window = 0;
  let start = -Infinity;
  let last = -Infinity;
  for (const shift of [...shifts].sort((a, b) => a.startTime - b.startTime)) {
    if (shift.startTime - last > 1000 || shift.startTime - start > 5000) {
      window = 0;
      start = shift.startTime;
    }
    window += shift.value;
    last = shift.startTime;
    best = Math.max(best, window);
  }
  return best;
}

/** Resolves once every <almara-pay-link> of the page is defined, rendered and painted. */
async function formsRendered(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const elements = [...document.querySelectorAll('almara-pay-link')];
      return (
        elements.length > 0 &&
        customElements.get('almara-pay-link') !== undefined &&
        elements.every((el) => el.shadowRoot?.querySelector('button'))
      );
    },
    undefined,
    { timeout: 60_000 },
  );
  await page.evaluate(async () => {
    const elements = [...document.querySelectorAll('almara-pay-link')] as (Element & {
      updateComplete?: Promise<unknown>;
    })[];
    await Promise.all(elements.map((el) => el.updateComplete ?? Promise.resolve()));
  });
}

async function receiptShown(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      // The element has had its first answer: no longer `checking`.
      document.readyState === 'complete' &&
      document.querySelector('almara-pay-status[status]:not([status=checking])') !== null,
    undefined,
    { timeout: 60_000 },
  );
}

/** A real payment link of the demo backend, for the thank-you page to show. */
async function thanksUrl(page: Page, origin: string): Promise<string> {
  await page.goto(origin + '/favicon.svg');
  const id = await page.evaluate(async () => {
    const response = await fetch('/api/payment-link', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({
        firstName: 'Wanjiku',
        lastName: 'Kamau',
        emailAddress: 'wanjiku@example.com',
        phoneNumber: '254712345678',
        description: 'Kikoi beach wrap',
        accountReference: 'kikoi-wrap',
        isAmountSpecified: true,
        amount: 1500,
        currency: 'KES',
      }),
    });
    const body = (await response.json()) as { id?: string };
    return body.id;
  });
  if (!id) throw new Error('the demo backend made no payment link for the thank-you page');
  return `${origin}/thanks.html?paymentLinkId=${encodeURIComponent(id)}`;
}

const TWO_FRAMES = 'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))';

export interface MeasureOptions {
  viewport: Viewport;
  cpuSlowdown?: number;
  /** How long to keep observing after the page is rendered (wall-clock ms). */
  settleMs?: number;
  /**
   * Hold the page's `script` back until the page has been parsed and painted without it, as
   * a slow network would: the worst case for a page that reserves its forms' space.
   */
  lateScript?: boolean;
}

/**
 * Opens `page.path` of the demo at `origin` in a fresh page, CPU slowed, and returns its
 * layout shifts up to a moment after its forms (or receipt) are rendered.
 */
export async function measureLayout(
  browser: Browser,
  origin: string,
  demoPage: DemoPage,
  { viewport, cpuSlowdown = CPU_SLOWDOWN, settleMs = 500, lateScript = false }: MeasureOptions,
): Promise<LayoutFigures> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  try {
    const url = demoPage.ready === 'receipt' ? await thanksUrl(page, origin) : origin + demoPage.path;
    await page.addInitScript(OBSERVE_SHIFTS);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    if (lateScript && demoPage.script) {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      await page.route(demoPage.script, async (route) => {
        await released;
        await route.continue();
      });
      await page.goto(url, { waitUntil: 'commit' });
      await page.waitForFunction(() => document.readyState !== 'loading', undefined, { timeout: 60_000 });
      await page.evaluate(TWO_FRAMES);
      if (await page.evaluate('customElements.get("almara-pay-link") !== undefined')) {
        throw new Error(`${demoPage.path}: the tag was defined before its script was let through`);
      }
      release();
    } else {
      await page.goto(url);
    }
    await (demoPage.ready === 'forms' ? formsRendered(page) : receiptShown(page));
    // Two frames for the last layout to be painted and reported, then a little longer.
    await page.evaluate(TWO_FRAMES);
    await page.waitForTimeout(settleMs);
    const { shifts, scrollWidth, clientWidth } = await page.evaluate(() => ({
      shifts: (window as unknown as { __layoutShifts: LayoutShift[] }).__layoutShifts,
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    return {
      cls: cumulativeLayoutShift(shifts),
      total: shifts.reduce((sum, shift) => sum + shift.value, 0),
      shifts,
      scrollWidth,
      clientWidth,
    };
  } finally {
    await context.close();
  }
}

export interface Reservation {
  /** The element, as `#id` or its position on the page. */
  element: string;
  /** Its height before the tag is defined (what the page's CSS reserves), in CSS px. */
  reserved: number;
  /** Its height once the form is rendered. */
  rendered: number;
  /** Its width once rendered, and its font size: the inputs of the stylesheet's container queries. */
  width: number;
  fontSize: number;
}

const ELEMENT_BOXES = `[...document.querySelectorAll('almara-pay-link')].map((el, i) => {
  const box = el.getBoundingClientRect();
  return { element: el.id ? '#' + el.id : 'almara-pay-link:nth(' + i + ')', height: box.height, width: box.width,
    fontSize: parseFloat(getComputedStyle(el).fontSize) };
})`;

/**
 * The space each <almara-pay-link> of `demoPage` has before its script arrives (held back
 * until the page is parsed and painted) against the form it then renders, at `viewport`. The
 * direct check of a reservation, also below the fold, where a shift counts for nothing in CLS.
 */
export async function measureReservation(
  browser: Browser,
  origin: string,
  demoPage: DemoPage,
  viewport: Viewport,
): Promise<Reservation[]> {
  if (!demoPage.script) throw new Error(`${demoPage.path} has no script to hold back`);
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  try {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(demoPage.script, async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(origin + demoPage.path, { waitUntil: 'commit' });
    await page.waitForFunction(() => document.readyState !== 'loading', undefined, { timeout: 60_000 });
    await page.evaluate(TWO_FRAMES);
    type Box = { element: string; height: number; width: number; fontSize: number };
    const before = await page.evaluate<Box[]>(ELEMENT_BOXES);
    release();
    await formsRendered(page);
    await page.evaluate(TWO_FRAMES);
    const after = await page.evaluate<Box[]>(ELEMENT_BOXES);
    return after.map((box, i) => ({
      element: box.element,
      reserved: before[i]?.height ?? 0,
      rendered: box.height,
      width: box.width,
      fontSize: box.fontSize,
    }));
  } finally {
    await context.close();
  }
}
