import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ReactiveController } from 'lit';
import { AlmaraPayLinkErrorEvent, AlmaraPayLinkSubmitEvent, AlmaraPayLinkSuccessEvent } from '../../src/events.js';
import { checkForm, type FormCheck } from '../../src/form/payment-form.js';
import { Submission, type PaymentTarget, type SubmissionHost } from '../../src/form/submission.js';
import { en, sw } from '../../src/messages/index.js';
import type { PaymentNavigator, PendingWindow } from '../../src/navigator.js';
import { RETRY_DELAYS, submitDefaults } from '../../src/submit.js';
import { PAYER, PAYMENT_REQUEST } from '../payer.js';

// The submission's state machine in Node: a stand-in host (the element's settings, its
// events, its `state` attribute) whose `fetch` answers from a list, and retries that do
// not wait.
const link = { url: 'https://pay.almara.example/l/pl_1', id: 'pl_1' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Answer = () => Response | Promise<Response>;
const json =
  (status: number, body: unknown): Answer =>
  () =>
    Response.json(body, { status });
const refused: Answer = () => Promise.reject(new TypeError('fetch failed'));

class Host extends EventTarget implements SubmissionHost {
  endpoint = '/api/payment-link';
  amount: number | null = 1500;
  description = 'Order 1042';
  currency = 'KES';
  minAmount = 1;
  maxAmount = 250000;
  headers = {};
  credentials: RequestCredentials = 'same-origin';
  timeout = 1000;
  target: PaymentTarget = '_self';
  /** Where the payer was sent, and the windows opened for `_blank`. */
  assigned: string[] = [];
  opened: (PendingWindow & { closed: boolean })[] = [];
  allowPopups = true;
  navigator: PaymentNavigator = {
    assign: (url, target) => void this.assigned.push(`${target} ${url}`),
    openBlank: () => {
      if (!this.allowPopups) return null;
      const pending = { location: { href: 'about:blank' }, closed: false, close: () => void (pending.closed = true) };
      this.opened.push(pending);
      return pending;
    },
  };
  /** What was sent, and how each attempt is answered (the last answer repeats). */
  sent: { headers: Headers; body: unknown }[] = [];
  sentSignals: { signal: AbortSignal }[] = [];
  answers: Answer[] = [json(201, link)];
  fetch = async (_url: RequestInfo | URL, init?: RequestInit) => {
    this.sent.push({ headers: new Headers(init?.headers), body: JSON.parse(init?.body as string) });
    this.sentSignals.push({ signal: init!.signal! });
    return this.answers[Math.min(this.sent.length, this.answers.length) - 1]!();
  };
  /** The `state` attribute after each change, and the events in order. */
  states: string[] = [];
  events: string[] = [];
  controllers: ReactiveController[] = [];
  updates = 0;
  updateComplete = Promise.resolve(true);

  constructor() {
    super();
    for (const type of ['almara-pay-link-submit', 'almara-pay-link-success', 'almara-pay-link-error']) {
      this.addEventListener(type, () => void this.events.push(type.slice('almara-pay-link-'.length)));
    }
  }
  setAttribute(name: string, value: string): void {
    if (name === 'state') this.states.push(value);
  }
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates++;
  }
  /** The form as the element would check it, with the test payer typed in. */
  check(typed = { ...PAYER }): FormCheck {
    return checkForm(typed, this, en);
  }
}

const keys = (host: Host) => host.sent.map((sent) => sent.headers.get('idempotency-key'));

describe('a submission', () => {
  // The suite's own, not the file's: Stryker runs every unit test file in one process, where a
  // file-level hook would run among another file's tests.
  before(() => {
    submitDefaults.retryDelays = [0, 0];
  });
  after(() => {
    submitDefaults.retryDelays = RETRY_DELAYS;
  });

  it('registers with its host and starts idle', () => {
    const host = new Host();
    const submission = new Submission(host);
    assert.deepEqual(host.controllers, [submission]);
    assert.equal(submission.state, 'idle');
    assert.equal(submission.busy, false);
    assert.equal(submission.status(en), '');
    assert.equal(submission.message, '');
    assert.equal(submission.continueUrl, '');
    assert.equal(submission.slow, false);
    // Nothing under way: a cancel or a reset does nothing, and throws nothing.
    submission.cancel();
    submission.reset();
    assert.equal(submission.state, 'idle');
  });

  it('goes idle → submitting → redirecting, firing submit then success, and sends the payer to the link', async () => {
    const host = new Host();
    const submission = new Submission(host);
    let during = '';
    host.addEventListener('almara-pay-link-success', () => (during = `${submission.state} ${submission.status(en)}`));
    const done = submission.submit(host.check(), en);
    assert.equal(submission.state, 'submitting');
    assert.equal(submission.busy, true);
    assert.equal(submission.status(en), en.submitting);
    assert.equal(await done, undefined);
    assert.deepEqual(host.states, ['submitting', 'redirecting']);
    assert.deepEqual(host.events, ['submit', 'success']);
    assert.equal(during, `submitting ${en.submitting}`);
    // The same next step while the payer is sent there.
    assert.equal(submission.status(en), en.submitting);
    assert.deepEqual(host.assigned, [`_self ${link.url}`]);
    assert.deepEqual(host.sent[0]!.body, PAYMENT_REQUEST);
    assert.match(host.sent[0]!.headers.get('idempotency-key')!, UUID);
    assert.ok(host.updates > 0);
    // `_self`: no window was opened ahead.
    assert.deepEqual(host.opened, []);
  });

  it('gives the submit event the exact body it is about to send', async () => {
    const host = new Host();
    const submission = new Submission(host);
    let request: unknown;
    host.addEventListener('almara-pay-link-submit', (event) => {
      if (event instanceof AlmaraPayLinkSubmitEvent) request = event.detail.request;
    });
    await submission.submit(host.check(), en);
    assert.deepEqual(request, PAYMENT_REQUEST);
    assert.deepEqual(host.sent[0]!.body, request);
  });

  it('leaves the _blank window where it was when the merchant keeps the payer (success prevented)', async () => {
    const host = new Host();
    host.target = '_blank';
    host.addEventListener('almara-pay-link-success', (event) => event.preventDefault());
    const submission = new Submission(host);
    assert.equal(await submission.submit(host.check(), en), 'continue');
    assert.equal(host.opened[0]!.location.href, 'about:blank');
    assert.equal(host.opened[0]!.closed, true);
    assert.equal(submission.continueUrl, link.url);
  });

  it('gives the success event the link and the request', async () => {
    const host = new Host();
    let detail: unknown;
    host.addEventListener('almara-pay-link-success', (event) => {
      if (event instanceof AlmaraPayLinkSuccessEvent) detail = event.detail;
    });
    await new Submission(host).submit(host.check(), en);
    assert.deepEqual(detail, { ...link, request: PAYMENT_REQUEST });
  });

  it('stops at the element’s own checks: error state, error event, focus on the first field at fault', async () => {
    const host = new Host();
    const submission = new Submission(host);
    let detail: unknown;
    host.addEventListener('almara-pay-link-error', (event) => {
      if (event instanceof AlmaraPayLinkErrorEvent) detail = event.detail;
    });
    const check = host.check({ ...PAYER, lastName: '', phoneNumber: '12' });
    assert.equal(await submission.submit(check, en), 'lastName');
    assert.equal(submission.state, 'error');
    assert.equal(submission.message, en.fixErrors);
    assert.deepEqual(detail, { code: 'validation_failed', message: en.fixErrors, fields: check.fieldErrors });
    assert.deepEqual(host.sent, []);
  });

  it('sends nothing when the submit event is cancelled, and stays where it was', async () => {
    const host = new Host();
    const submission = new Submission(host);
    host.addEventListener('almara-pay-link-submit', (event) => event.preventDefault());
    assert.equal(await submission.submit(host.check(), en), undefined);
    assert.deepEqual(host.sent, []);
    assert.equal(submission.state, 'idle');
    assert.equal(submission.busy, false);
  });

  it('keeps the payer here with a link to follow when the success event is cancelled', async () => {
    const host = new Host();
    const submission = new Submission(host);
    host.addEventListener('almara-pay-link-success', (event) => event.preventDefault());
    assert.equal(await submission.submit(host.check(), en), 'continue');
    assert.equal(submission.state, 'idle');
    assert.equal(submission.continueUrl, link.url);
    assert.deepEqual(host.assigned, []);
    // The next submission clears the link first.
    host.answers = [json(400, { error: { code: 'refused', message: 'No.' } })];
    await submission.submit(host.check(), en);
    assert.equal(submission.continueUrl, '');
  });

  it('opens the _blank window before the call and points it at the link; closes it when the call fails', async () => {
    const host = new Host();
    host.target = '_blank';
    let openedFirst = false;
    const answer = host.answers[0]!;
    host.answers = [() => ((openedFirst = host.opened.length === 1), answer())];
    const submission = new Submission(host);
    assert.equal(await submission.submit(host.check(), en), 'continue');
    assert.equal(openedFirst, true);
    assert.equal(host.opened[0]!.location.href, link.url);
    assert.equal(host.opened[0]!.closed, false);
    assert.equal(submission.continueUrl, link.url);

    host.answers = [json(400, { error: { code: 'refused', message: 'No.' } })];
    await submission.submit(host.check({ ...PAYER, firstName: 'Akinyi' }), en);
    assert.equal(host.opened[1]!.closed, true);
  });

  it('does nothing for a second submit while one is under way, nor for one from a submit listener', async () => {
    const host = new Host();
    const submission = new Submission(host);
    let answer!: (response: Response) => void;
    host.answers = [() => new Promise((resolve) => (answer = resolve))];
    let fromListener: unknown = 'not called';
    host.addEventListener('almara-pay-link-submit', () => void (fromListener = submission.submit(host.check(), en)), {
      once: true,
    });
    const first = submission.submit(host.check(), en);
    assert.equal(await fromListener, undefined);
    assert.equal(await submission.submit(host.check(), en), undefined);
    await new Promise((resolve) => setImmediate(resolve));
    answer(Response.json(link));
    await first;
    assert.equal(host.sent.length, 1);
    // Leaving for the payment page: busy until the page is left (or comes back from the cache).
    assert.equal(await submission.submit(host.check(), en), undefined);
    assert.equal(host.sent.length, 1);
  });

  it('retries with the same key, reuses it for the same data tried again, and makes a new one for new data', async () => {
    const host = new Host();
    const submission = new Submission(host);
    host.answers = [json(503, {}), json(409, { error: { code: 'conflict', message: 'Try again.' } })];
    await submission.submit(host.check(), en);
    await submission.submit(host.check(), en);
    await submission.submit(host.check({ ...PAYER, lastName: 'Otieno' }), en);
    const [first, retry, again, changed] = keys(host);
    assert.match(first!, UUID);
    assert.equal(retry, first);
    assert.equal(again, first);
    assert.notEqual(changed, first);
  });

  it('reads the retry delays when it starts: three attempts now, two after a change', async () => {
    const host = new Host();
    host.answers = [refused];
    const submission = new Submission(host);
    await submission.submit(host.check(), en);
    assert.equal(host.sent.length, 3);
    submitDefaults.retryDelays = [0];
    try {
      await submission.submit(host.check(), en);
    } finally {
      submitDefaults.retryDelays = [0, 0];
    }
    assert.equal(host.sent.length, 5);
    assert.equal(submission.message, en.networkError);
  });

  it('shows the backend’s messages beside the fields the payer sees, each once, and focuses the first', async () => {
    const host = new Host();
    const fields = { amount: 'Too much.', phoneNumber: 'Not M-Pesa.', emailAddress: 'Use another.' };
    // A merchant's own refusal (`prepare` threw a PaymentLinkError): a code the element has no words for.
    host.answers = [json(422, { error: { code: 'refused', message: 'Check your details.', fields } })];
    const submission = new Submission(host);
    let detail: unknown;
    host.addEventListener('almara-pay-link-error', (event) => {
      if (event instanceof AlmaraPayLinkErrorEvent) detail = event.detail;
    });
    assert.equal(await submission.submit(host.check(), en), 'emailAddress');
    assert.equal(submission.state, 'error');
    // The box under the button points at the fields rather than saying one of their messages again.
    assert.equal(submission.message, en.fixErrors);
    // The amount is fixed here: its message stays in the event, not beside a field that is not there.
    assert.deepEqual(submission.fieldErrors, { emailAddress: 'Use another.', phoneNumber: 'Not M-Pesa.' });
    assert.deepEqual(detail, { code: 'refused', message: en.fixErrors, fields });
    assert.equal(submission.status(en), '');
  });

  it('words a code it knows itself, in its own language, and asks for that language', async () => {
    const host = new Host();
    const fields = { emailAddress: 'Use another.' };
    host.answers = [json(400, { error: { code: 'validation_failed', message: 'Please correct…', fields } })];
    const submission = new Submission(host);
    assert.equal(await submission.submit(host.check(), sw), 'emailAddress');
    assert.equal(submission.message, sw.fixErrors);
    assert.equal(host.sent[0]!.headers.get('Accept-Language'), 'sw, en;q=0.5');
  });

  it('ignores the answer to a submission that reset() interrupted', async () => {
    const host = new Host();
    host.target = '_blank';
    const submission = new Submission(host);
    let answer!: (response: Response) => void;
    host.answers = [() => new Promise((resolve) => (answer = resolve))];
    const done = submission.submit(host.check(), en);
    await new Promise((resolve) => setImmediate(resolve));
    submission.reset();
    assert.equal(submission.state, 'idle');
    answer(Response.json(link));
    assert.equal(await done, undefined);
    assert.deepEqual(host.events, ['submit']);
    assert.equal(submission.state, 'idle');
    assert.equal(submission.continueUrl, '');
    assert.equal(host.opened[0]!.closed, true);
  });

  it('forgets the key on reset(): the same data then gets a new one', async () => {
    const host = new Host();
    host.answers = [json(400, { error: { code: 'refused', message: 'No.' } })];
    const submission = new Submission(host);
    await submission.submit(host.check(), en);
    submission.reset();
    assert.equal(submission.message, '');
    await submission.submit(host.check(), en);
    const [first, second] = keys(host);
    assert.notEqual(second, first);
  });

  describe('while the payer waits', () => {
    /** A clock whose timers run when the test says, and a fetch that hangs until aborted. */
    function waiting() {
      const timers = new Map<number, { at: number; run: () => void }>();
      let now = 0;
      let next = 0;
      const clock = submitDefaults.clock;
      submitDefaults.clock = {
        now: () => now,
        setTimeout: (run, ms) => (timers.set(++next, { at: now + ms, run }), next),
        clearTimeout: (handle) => void timers.delete(handle as number),
      };
      const advance = (ms: number) => {
        now += ms;
        for (const [handle, timer] of timers)
          if (timer.at <= now) {
            timers.delete(handle);
            timer.run();
          }
      };
      const host = new Host();
      host.answers = [
        () =>
          new Promise<Response>((_resolve, reject) => {
            const { signal } = host.sentSignals.at(-1)!;
            signal.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
          }),
      ];
      return { host, advance, timers, restore: () => (submitDefaults.clock = clock) };
    }

    it('says after 4 s that the link is still being made; a cancel makes it idle, quietly, under the same key', async () => {
      const { host, advance, timers, restore } = waiting();
      try {
        const submission = new Submission(host);
        const done = submission.submit(host.check(), en);
        advance(3999);
        assert.equal(submission.slow, false);
        assert.equal(submission.status(en), en.submitting);
        advance(1);
        assert.equal(submission.slow, true);
        assert.equal(submission.status(en), en.stillWorking);
        submission.cancel();
        assert.equal(await done, 'pay');
        assert.equal(submission.state, 'idle');
        assert.equal(submission.slow, false);
        assert.equal(submission.status(en), '');
        assert.equal(submission.message, '');
        assert.deepEqual(host.events, ['submit']);
        // No timer of the cancelled submission is left behind.
        assert.equal(timers.size, 0);
        host.answers = [json(201, link)];
        assert.equal(await submission.submit(host.check(), en), undefined);
        assert.deepEqual(host.assigned, [`_self ${link.url}`]);
        assert.equal(keys(host)[0], keys(host)[1]);
      } finally {
        restore();
      }
    });

    it('reset() stops the call under way, and its answer changes nothing', async () => {
      const { host, restore } = waiting();
      try {
        const submission = new Submission(host);
        const done = submission.submit(host.check(), en);
        submission.reset();
        assert.equal(await done, undefined);
        assert.equal(host.sentSignals[0]!.signal.aborted, true);
        assert.equal(submission.state, 'idle');
        assert.deepEqual(host.events, ['submit']);
      } finally {
        restore();
      }
    });
  });

  describe('back from the payment page through the back/forward cache', () => {
    // The page's own `pageshow`: Node has no window, so the test gives the global functions the
    // controller listens with, and fires the event itself.
    function page() {
      const target = new EventTarget();
      const global = globalThis as { addEventListener?: unknown; removeEventListener?: unknown };
      global.addEventListener = target.addEventListener.bind(target);
      global.removeEventListener = target.removeEventListener.bind(target);
      const show = (persisted: boolean) => {
        const event = Object.assign(new Event('pageshow'), { persisted });
        target.dispatchEvent(event);
      };
      const restore = () => {
        delete global.addEventListener;
        delete global.removeEventListener;
      };
      return { show, restore };
    }

    it('makes a form that sent the payer away idle again, only when the page comes back from the cache', async () => {
      const { show, restore } = page();
      try {
        const host = new Host();
        const submission = new Submission(host);
        submission.hostConnected();
        assert.equal(host.states.at(-1), 'idle');
        await submission.submit(host.check(), en);
        assert.equal(submission.state, 'redirecting');
        show(false);
        assert.equal(submission.state, 'redirecting');
        show(true);
        assert.equal(submission.state, 'idle');
        assert.equal(submission.busy, false);
        assert.deepEqual(host.states.slice(-2), ['redirecting', 'idle']);

        // A form in any other state is left as it is; a disconnected one no longer listens.
        host.answers = [json(400, { error: { code: 'refused', message: 'No.' } })];
        await submission.submit(host.check({ ...PAYER, lastName: 'Otieno' }), en);
        assert.equal(submission.state, 'error');
        show(true);
        assert.equal(submission.state, 'error');
        host.answers = [json(201, link)];
        await submission.submit(host.check(), en);
        submission.hostDisconnected();
        show(true);
        assert.equal(submission.state, 'redirecting');
      } finally {
        restore();
      }
    });
  });
});
