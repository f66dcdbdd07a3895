import './lit-warnings.js';
import { fixture, html, nextFrame } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import '../../src/define.js';
import type { AlmaraPayLink } from '../../src/almara-pay-link.js';
import type { PaymentNavigator, PendingWindow } from '../../src/navigator.js';
import { submitDefaults, type Clock } from '../../src/submit.js';

/** What the element sent to `window.fetch`. */
export interface SentRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

type Answer = (request: SentRequest, signal: AbortSignal) => Promise<Response> | Response;

export const jsonResponse = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** A fetch that never answers, and fails as a real one does when its signal aborts. */
export const never: Answer = (_request, signal) =>
  new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
  });

/**
 * Replaces `window.fetch` for one test: each call is recorded and answered by the next
 * answer in the list (the last one repeats). The element is never reached into.
 */
export function stubFetch(...answers: Answer[]): { requests: SentRequest[]; restore(): void } {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was, never called from here
  const original = window.fetch;
  const requests: SentRequest[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request: SentRequest = {
      url: input instanceof Request ? input.url : String(input),
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body,
      credentials: init?.credentials,
    };
    requests.push(request);
    const answer = answers[Math.min(requests.length, answers.length) - 1]!;
    return answer(request, init?.signal ?? new AbortController().signal);
  };
  stubs.push(() => (window.fetch = original));
  return { requests, restore: () => (window.fetch = original) };
}

/**
 * Retries at once instead of after the real 0.5 s and 1.5 s, for one test: the number of
 * attempts stays what the payer gets.
 */
export function retryAtOnce(): void {
  const { retryDelays } = submitDefaults;
  submitDefaults.retryDelays = retryDelays.map(() => 0);
  stubs.push(() => (submitDefaults.retryDelays = retryDelays));
}

/**
 * A clock the page's submissions run on for one test, in place of real time: the
 * deadline, the pauses between attempts and the "still working" line wait for `advance()`.
 * Jitter is pinned to the middle, so each pause is its nominal length.
 */
export class FakeClock implements Clock {
  time = 0;
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

  random(): number {
    return 0.5;
  }

  /** Runs the timers due in the next `ms`, in order, letting the page react after each. */
  async advance(ms: number): Promise<void> {
    // What the page was doing (an answer read, a failure handled) sets its timers first.
    await nextFrame();
    const end = this.time + ms;
    for (;;) {
      const [handle, due] = [...this.#timers].sort(([, a], [, b]) => a.at - b.at)[0] ?? [];
      if (!due || due.at > end) break;
      this.#timers.delete(handle!);
      this.time = due.at;
      due.callback();
      await nextFrame();
    }
    this.time = end;
    await nextFrame();
  }
}

/** Puts a {@link FakeClock} under the page's submissions for one test. */
export function useFakeClock(): FakeClock {
  const { clock } = submitDefaults;
  const fake = new FakeClock();
  submitDefaults.clock = fake;
  stubs.push(() => (submitDefaults.clock = clock));
  return fake;
}

const stubs: (() => void)[] = [];
afterEach(() => {
  while (stubs.length) stubs.pop()!();
});

/** A navigator that records where the payer would have been sent. */
export class RecordingNavigator implements PaymentNavigator {
  assigned: { url: string; target: string }[] = [];
  opened: (PendingWindow & { closed: boolean })[] = [];
  /** Whether a window could be opened (false: a popup blocker said no). */
  allowPopups = true;

  assign(url: string, target: '_self' | '_top'): void {
    this.assigned.push({ url, target });
  }

  openBlank(): PendingWindow | null {
    if (!this.allowPopups) return null;
    const pending = {
      location: { href: 'about:blank' },
      closed: false,
      close() {
        pending.closed = true;
      },
    };
    this.opened.push(pending);
    return pending;
  }
}

export async function mount(template: TemplateResult): Promise<{ el: AlmaraPayLink; nav: RecordingNavigator }> {
  const el = await fixture<AlmaraPayLink>(template);
  const nav = new RecordingNavigator();
  el.navigator = nav;
  return { el, nav };
}

export const shadow = (el: AlmaraPayLink) => el.shadowRoot!;
export const input = (el: AlmaraPayLink, name: string) =>
  shadow(el).querySelector<HTMLInputElement>(`input[name=${name}]`);
export const button = (el: AlmaraPayLink) => shadow(el).querySelector<HTMLButtonElement>('[part=button]')!;
export const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
export const errorOf = (el: AlmaraPayLink, name: string) => text(shadow(el).getElementById(`${name}-error`));
export const formError = (el: AlmaraPayLink) => text(shadow(el).querySelector('[part~=form-error]'));

/*
 * The payer's keyboard: real key presses from the browser's driver (puppeteer for Chromium
 * and Firefox, WebDriver for WebKit), sent to the field that has the focus. Each is a
 * round trip to the test runner, so a value goes in one `type`, not key by key.
 */

/** Puts the focus in a field, as a click or a Tab into it does. */
function focusField(el: AlmaraPayLink, name: string): HTMLInputElement {
  const field = input(el, name);
  if (!field) throw new Error(`no field ${name}`);
  if (shadow(el).activeElement !== field) field.focus();
  return field;
}

/**
 * Types into a field as a payer does, key by key. What the field held already is selected
 * first, so the keys type over it (and an empty `value` deletes it with Backspace).
 */
export async function type(el: AlmaraPayLink, name: string, value: string): Promise<void> {
  const field = focusField(el, name);
  if (field.value) field.select();
  await sendKeys(value ? { type: value } : { press: 'Backspace' });
  await el.updateComplete;
}

/** Types at the end of what a field holds: a payer finishing or fixing it. */
export async function typeMore(el: AlmaraPayLink, name: string, value: string): Promise<void> {
  focusField(el, name);
  await sendKeys({ press: 'End' });
  await sendKeys({ type: value });
  await el.updateComplete;
}

/** Deletes the last `count` characters of a field with Backspace. */
export async function backspace(el: AlmaraPayLink, name: string, count: number): Promise<void> {
  focusField(el, name);
  await sendKeys({ press: 'End' });
  for (let i = 0; i < count; i++) await sendKeys({ press: 'Backspace' });
  await el.updateComplete;
}

/** Leaves a field as a payer does: Tab to the next one. */
export async function leave(el: AlmaraPayLink, name: string): Promise<void> {
  focusField(el, name);
  await sendKeys({ press: 'Tab' });
  await el.updateComplete;
}

/** Presses Enter in a field: the form's implicit submission. */
export async function pressEnter(el: AlmaraPayLink, name: string): Promise<void> {
  focusField(el, name);
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
}

export async function fillPayer(el: AlmaraPayLink, overrides: Record<string, string> = {}): Promise<void> {
  const values: Record<string, string> = {
    firstName: 'Wanjiku',
    lastName: 'Kamau',
    emailAddress: 'w@example.com',
    phoneNumber: '0712 345 678',
    ...overrides,
  };
  for (const [name, value] of Object.entries(values)) {
    if (input(el, name)) await type(el, name, value);
  }
}

/** Waits until `predicate` holds, a frame at a time, for at most `ms`. */
export async function until(predicate: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await nextFrame();
  }
}

export { html };
