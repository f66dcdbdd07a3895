/**
 * A submission's life, as a Lit reactive controller: `idle → submitting → redirecting |
 * error`, reflected on the host as its `state` attribute, with the events of contract §2,
 * the Idempotency-Key (same data, same key) and the call with its retries (submit.ts). No
 * rendering and no DOM of its own: test/unit/submission.test.ts drives it in Node with a
 * stand-in host and a fake `fetch`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AlmaraPayLinkErrorEvent, AlmaraPayLinkSubmitEvent, AlmaraPayLinkSuccessEvent } from '../events.js';
import { newIdempotencyKey } from '../idempotency-key.js';
import type { ElementStrings } from '../messages/index.js';
import type { PaymentNavigator } from '../navigator.js';
import type { PayerField } from '../schema.js';
import { postPaymentRequest, submitDefaults, type SubmitSettings } from '../submit.js';
import {
  firstField,
  shownMessages,
  submitFailure,
  validationFailure,
  type FieldTexts,
  type FormCheck,
  type FormConfig,
} from './payment-form.js';

/** Where the payment page opens. */
export type PaymentTarget = '_self' | '_top' | '_blank';

/** The element's submission state, reflected as the `state` attribute. */
export type PaymentState = 'idle' | 'submitting' | 'redirecting' | 'error';

/** What a submission needs of its element: its settings, its events, its `state` attribute. */
export interface SubmissionHost
  extends
    ReactiveControllerHost,
    Pick<EventTarget, 'dispatchEvent'>,
    Pick<Element, 'setAttribute'>,
    FormConfig,
    SubmitSettings {
  target: PaymentTarget;
  navigator: PaymentNavigator;
}

/**
 * Where the focus goes once a submission ends: the first field at fault, the "Continue to
 * payment" link, or the pay button after a cancel (the cancel button it was on is gone).
 */
export type SubmissionFocus = PayerField | 'continue' | 'pay';

/** How long the payer waits before the status says the link is still being made, and offers to cancel. */
export const STILL_WORKING_MS = 4000;

export class Submission implements ReactiveController {
  /** The sentence about the whole form: the last failure's. */
  message = '';
  /** The backend's messages beside the payer's fields, each until the payer changes that field. */
  fieldErrors: FieldTexts = {};
  /** A link the payer follows by hand: the merchant kept them here, or the payment page opened beside. */
  continueUrl = '';
  /** The payer has waited {@link STILL_WORKING_MS}: the status says so, and they may cancel. */
  slow = false;

  #host: SubmissionHost;
  #state: PaymentState = 'idle';
  #idempotency?: { key: string; body: string };
  #emitting = false;
  /** Bumped by `reset()`, so that a submission it interrupted cannot act on its answer. */
  #generation = 0;
  /** Stops the call under way: a cancel, or a reset. */
  #abort?: AbortController;

  constructor(host: SubmissionHost) {
    this.#host = host;
    host.addController(this);
  }

  get state(): PaymentState {
    return this.#state;
  }

  /** A submission is under way; another one now does nothing. */
  get busy(): boolean {
    return this.#emitting || this.#state === 'submitting' || this.#state === 'redirecting';
  }

  /** The progress line, while a submission is under way: the next step, or that it is still being worked on. */
  status(strings: ElementStrings): string {
    return this.#state == 'submitting' || this.#state == 'redirecting'
      ? strings[this.slow ? 'stillWorking' : 'submitting']
      : '';
  }

  hostConnected(): void {
    this.#host.setAttribute('state', this.#state);
    addEventListener('pageshow', this.#onPageShow);
  }

  hostDisconnected(): void {
    removeEventListener('pageshow', this.#onPageShow);
  }

  /**
   * Sends the checked form, or says why not. Resolves once the submission ended, to where
   * the focus should go (nothing when it was cancelled, interrupted, or is leaving the page).
   */
  async submit(check: FormCheck, strings: ElementStrings): Promise<SubmissionFocus | undefined> {
    // One request per submission: a second click, Enter or submit() meanwhile does nothing.
    if (this.busy) return;
    const host = this.#host;
    const { request } = check;
    this.continueUrl = '';
    host.requestUpdate();
    if (!request) return this.#fail(validationFailure(check, strings), check.fieldErrors);
    // Busy already while the submit event runs: a listener that calls submit() gets nowhere.
    this.#emitting = true;
    const proceed = host.dispatchEvent(new AlmaraPayLinkSubmitEvent({ request }));
    this.#emitting = false;
    if (!proceed) return;

    // Same data, same key: trying again by hand must not create a second payment.
    const body = JSON.stringify(request);
    if (this.#idempotency?.body !== body) this.#idempotency = { key: newIdempotencyKey(), body };
    const generation = this.#generation;
    this.message = '';
    this.fieldErrors = {};
    this.#set('submitting');
    // Opened now, inside the payer's click: popup blockers refuse windows opened later.
    const pending = host.target === '_blank' ? host.navigator.openBlank() : null;
    const clock = submitDefaults.clock;
    const slow = clock.setTimeout(() => {
      this.slow = true;
      host.requestUpdate();
    }, STILL_WORKING_MS);
    const abort = (this.#abort = new AbortController());

    // The host's endpoint, headers, credentials and timeout (for the whole submission); the
    // retry delays and clock of `submitDefaults` as they are now. The language is the
    // table's: its locale's primary subtag (`sw-KE` → `sw`).
    const result = await postPaymentRequest(
      request,
      this.#idempotency.key,
      host,
      strings.locale.split('-')[0],
      abort.signal,
    );
    clock.clearTimeout(slow);
    this.slow = false;
    const current = generation === this.#generation;
    const go =
      current &&
      result.ok &&
      host.dispatchEvent(new AlmaraPayLinkSuccessEvent({ url: result.url, id: result.id, request }));
    if (!go) pending?.close();
    if (!current) return;
    if (!result.ok && result.code == 'cancelled') {
      // The payer stopped waiting: back to a form they can send again, under the same key.
      this.#set('idle');
      return 'pay';
    }
    if (!result.ok) {
      this.fieldErrors = shownMessages(result.fields, host, strings);
      return this.#fail(submitFailure(result, strings, this.fieldErrors), this.fieldErrors);
    }
    if (go && host.target !== '_blank') {
      this.#set('redirecting');
      host.navigator.assign(result.url, host.target);
      return;
    }
    // The merchant keeps the payer here, or the payment page opened beside this one (a
    // blocked popup opened nothing): the link stays one click away, and takes the focus so
    // that a screen reader says it appeared.
    if (go && pending) pending.location.href = result.url;
    this.continueUrl = result.url;
    this.#set('idle');
    return 'continue';
  }

  /** Forgets the submission: its messages, its key, and whatever answer is still on its way. */
  reset(): void {
    this.#abort?.abort();
    this.slow = false;
    this.#generation++;
    this.#idempotency = undefined;
    this.message = this.continueUrl = '';
    this.fieldErrors = {};
    this.#set('idle');
  }

  /** Stops the submission under way, as the payer's cancel button does; the key stays for the next try. */
  cancel(): void {
    this.#abort?.abort();
  }

  /** Says `detail.message` about the whole form and fires the error event. */
  #fail(detail: AlmaraPayLinkErrorEvent['detail'], atFault: FieldTexts): PayerField | undefined {
    this.message = detail.message;
    this.#set('error');
    this.#host.dispatchEvent(new AlmaraPayLinkErrorEvent(detail));
    return firstField(atFault);
  }

  #set(state: PaymentState): void {
    this.#state = state;
    this.#host.setAttribute('state', state);
    this.#host.requestUpdate();
  }

  #onPageShow = (event: PageTransitionEvent): void => {
    // Back from the payment page through the back/forward cache: the form must work again.
    if (event.persisted && this.#state === 'redirecting') this.#set('idle');
  };
}
