import './lit-warnings.js';
import { fixture, html, nextFrame } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/status/define.js';
import type { AlmaraPayStatus } from '../../src/almara-pay-status.js';
import type { Clock } from '../../src/clock.js';
import { pollerDefaults } from '../../src/status/polling.js';

/*
 * The thank-you page's tests: the merchant's backend is a stubbed `window.fetch` (not ours to
 * run in a browser), and time is a fake clock put under the poller before each test, so that
 * two minutes of polling take no real time. Nothing here reaches into the element: what it
 * shows is read from its shadow DOM, what it asks from the stub.
 */

/** Every request of this test: `settle()` waits for the answers given to be taken. */
const sent: StatusRequest[] = [];

/**
 * Lets the page react to what has happened: every answer the stub gave taken (read, shown,
 * the next wait timed), and the render done. An answer is taken once the element has cleared
 * that request's deadline, which it does after reading the body (Response.json() takes a task
 * or more, more in Firefox); the rest is microtasks, over by the next task.
 */
export async function settle(): Promise<void> {
  const end = Date.now() + 5000;
  do {
    await new Promise((resolve) => setTimeout(resolve, 0));
  } while (sent.some((request) => request.answered && current.has(request.deadline)) && Date.now() < end);
  await nextFrame();
}

/**
 * A clock the element's waits run on in place of real time: the poller's waits and each
 * request's deadline wait for `advance()`. `random` is the jitter's, fixed at the middle
 * (each wait its nominal length) unless a test sets another.
 */
export class TestClock implements Clock {
  time = 0;
  random = (): number => 0.5;
  #timers = new Map<number, { at: number; callback: () => void }>();
  #next = 0;

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): number {
    this.#timers.set(++this.#next, { at: this.time + ms, callback });
    return this.#next;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Whether the timer `handle` is set and not yet run or cleared. */
  has(handle: number): boolean {
    return this.#timers.has(handle);
  }

  /** The handle of the last timer set. */
  get last(): number {
    return this.#next;
  }

  /** How many timers are set and not yet run or cleared. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Runs the timers due in the next `ms`, in order, letting the page react after each. */
  async advance(ms: number): Promise<void> {
    await settle();
    const end = this.time + ms;
    for (;;) {
      // Sorted by time; the sort is stable, so timers due at once run in the order they were set.
      const [handle, due] = [...this.#timers].sort(([, a], [, b]) => a.at - b.at)[0] ?? [];
      if (!due || due.at > end) break;
      this.#timers.delete(handle!);
      this.time = due.at;
      due.callback();
      await settle();
    }
    this.time = end;
    await settle();
  }
}

const cleanups: (() => void)[] = [];
/** Undoes `fn`'s change after the current test. */
export function afterThisTest(fn: () => void): void {
  cleanups.push(fn);
}

let current: TestClock;
/** This test's clock: a fresh one for every test, under every element the test makes. */
export const clock = (): TestClock => current;

beforeEach(() => {
  const { clock: original } = pollerDefaults;
  current = new TestClock();
  pollerDefaults.clock = current;
  afterThisTest(() => (pollerDefaults.clock = original));
});
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
  sent.length = 0;
});

/** What the element sent to the status endpoint. */
export interface StatusRequest {
  url: URL;
  id: string | null;
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
  cache: RequestCache | undefined;
  /** When it was sent, on the test's clock. */
  at: number;
  signal: AbortSignal;
  /** The clock's handle of the request's deadline: the timer the element sets just before it asks. */
  deadline: number;
  /** The stub has answered (or failed) it. */
  answered: boolean;
}

type Answer = (request: StatusRequest) => Promise<Response> | Response;

export const jsonResponse = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** The backend's answer about a link: `{ id, status, ...more }`. */
export const answer =
  (status: string, more: Record<string, unknown> = {}, id = 'pl_1'): Answer =>
  () =>
    jsonResponse(200, { id, status, ...more });

/** A backend that is down: fetch rejects as it does when the network fails. */
export const offline: Answer = () => Promise.reject(new TypeError('Failed to fetch'));

/** A request that never gets an answer, and fails as a real one does when its signal aborts. */
export const never: Answer = ({ signal }) =>
  new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => {
      reject(new DOMException('The operation was aborted.', 'AbortError'));
    });
  });

/**
 * Replaces `window.fetch` for one test: each call is recorded and answered by the next
 * answer in the list (the last one repeats).
 */
export function stubStatus(...answers: Answer[]): { requests: StatusRequest[] } {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was, never called from here
  const original = window.fetch;
  const requests: StatusRequest[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const request: StatusRequest = {
      url,
      id: url.searchParams.get('id'),
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      credentials: init?.credentials,
      cache: init?.cache,
      at: current.now(),
      signal: init?.signal ?? new AbortController().signal,
      deadline: current.last,
      answered: false,
    };
    requests.push(request);
    sent.push(request);
    try {
      return await answers[Math.min(requests.length, answers.length) - 1]!(request);
    } finally {
      request.answered = true;
    }
  };
  afterThisTest(() => (window.fetch = original));
  return { requests };
}

/** The element, rendered; by default asking `/api/status` about `pl_1`. */
export async function mountStatus(
  template: TemplateResult = html`<almara-pay-status endpoint="/api/status" link-id="pl_1"></almara-pay-status>`,
): Promise<AlmaraPayStatus> {
  const el = await fixture<AlmaraPayStatus>(template);
  await el.updateComplete;
  return el;
}

export const text = (node: Node | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
export const part = (el: AlmaraPayStatus, name: string): HTMLElement | null =>
  el.shadowRoot!.querySelector<HTMLElement>(`[part=${name}]`);
/** What the payer reads: the title and the line under it, the summary, and the action's words. */
export const shown = (el: AlmaraPayStatus) => ({
  title: text(part(el, 'title')),
  text: text(part(el, 'text')),
});
/** The summary's description and amount, each as shown (side by side, apart); none before an answer. */
export const summary = (el: AlmaraPayStatus): string[] => Array.from(part(el, 'summary')?.children ?? [], text);
export const checkAgain = (el: AlmaraPayStatus) =>
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part=check-again]');
export const retryLink = (el: AlmaraPayStatus) => el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part=retry]');
export const message = (el: AlmaraPayStatus): HTMLElement => el.shadowRoot!.querySelector<HTMLElement>('#message')!;

/** Waits until `predicate` holds, a frame at a time, for at most `ms` of real time. */
export async function until(predicate: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await nextFrame();
  }
}

/** Waits until the element shows `status`, rendered. */
export async function reach(el: AlmaraPayStatus, status: AlmaraPayStatus['status']): Promise<void> {
  await until(() => el.status === status);
  await el.updateComplete;
}

/** Hides or shows the tab, as switching to the M-Pesa prompt or back does, for this test. */
export function setHidden(hidden: boolean): void {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => (hidden ? 'hidden' : 'visible'),
  });
  afterThisTest(() => {
    Reflect.deleteProperty(document, 'hidden');
    Reflect.deleteProperty(document, 'visibilityState');
  });
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Adds `?paymentLinkId=` (or any query) to the test page's address for this test, as Almara's redirect does. */
export function setPageQuery(params: Record<string, string>): void {
  const original = location.href;
  const url = new URL(original);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  history.replaceState(history.state, '', url);
  afterThisTest(() => {
    history.replaceState(history.state, '', original);
  });
}

/** The page's `document.referrer`, for this test. */
export function setReferrer(referrer: string): void {
  Object.defineProperty(document, 'referrer', { configurable: true, get: () => referrer });
  afterThisTest(() => Reflect.deleteProperty(document, 'referrer'));
}

/** A kept form entry in the tab's sessionStorage, as the form on `path` leaves it, for this test. */
export function keepFormEntry(path: string, at = Date.now()): void {
  const name = `almara-pay-link ${path} /api/pay  Kikoi`;
  sessionStorage.setItem(name, JSON.stringify([at, { firstName: 'Wanjiku', phoneNumber: '0712 345 678' }]));
  afterThisTest(() => {
    sessionStorage.removeItem(name);
  });
}

export { html };
