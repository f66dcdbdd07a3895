import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { styles } from './almara-pay-link.styles.js';
import {
  paymentEvent,
  ERROR_EVENT,
  SUBMIT_EVENT,
  SUCCESS_EVENT,
  type AlmaraPayLinkErrorDetail,
  type AlmaraPayLinkSubmitDetail,
  type AlmaraPayLinkSuccessDetail,
} from './events.js';
import { newIdempotencyKey } from './idempotency-key.js';
import { languageFor } from './language.js';
import { describeIssue } from './messages/describe.js';
import { localeOf, tables, type Strings } from './messages/index.js';
import { formatMoney, hasAtMostTwoDecimals, parseAmount } from './money.js';
import { browserNavigator, type PaymentNavigator } from './navigator.js';
import {
  createPaymentRequestSchema,
  issuesByField,
  payerFields,
  type AmountBounds,
  type PayerField,
  type PaymentRequest,
  type RequestField,
} from './schema.js';
import { postPaymentRequest, type SubmitFailure } from './submit.js';

/** Where the payment page opens. */
export type PaymentTarget = '_self' | '_top' | '_blank';

/** The element's submission state, reflected as the `state` attribute. */
export type PaymentState = 'idle' | 'submitting' | 'redirecting' | 'error';

type FieldMessages = Partial<Record<PayerField, string>>;

/** Per field, its autocomplete token; its label is the string of the same name. */
const AUTOCOMPLETE: Record<PayerField, string> = {
  firstName: 'given-name',
  lastName: 'family-name',
  emailAddress: 'email',
  phoneNumber: 'tel',
  amount: 'transaction-amount',
  description: 'off',
};

/**
 * Request schemas by amount bounds, shared by every element on the page: making one is
 * the costliest part of a first render on a slow phone, and most pages use one or two.
 */
const SCHEMAS = new Map<string, ReturnType<typeof createPaymentRequestSchema>>();

/** The messages for the failures the element words itself. */
const LOCAL_ERRORS: Record<string, keyof Strings> = {
  network_error: 'networkError',
  timeout: 'timeout',
  invalid_response: 'invalidResponse',
};

/**
 * A payment form for Almara Pay. It asks the payer for their name, email and phone
 * number (and the amount or description when the merchant did not fix them), checks
 * them, asks the merchant's backend at `endpoint` for a payment link, and sends the
 * payer to it.
 *
 * @summary Take a payment through an Almara Pay payment link.
 *
 * @fires {CustomEvent<AlmaraPayLinkSubmitDetail>} almara-pay-link-submit - The form is valid and the request is about to be sent. Cancelable: `preventDefault()` stops it. `detail.request` is the exact JSON body.
 * @fires {CustomEvent<AlmaraPayLinkSuccessDetail>} almara-pay-link-success - The backend answered with a usable link (`detail.url`, `detail.id`). Cancelable: `preventDefault()` keeps the payer on the page and shows a "Continue to payment" link.
 * @fires {CustomEvent<AlmaraPayLinkErrorDetail>} almara-pay-link-error - Validation, network, timeout, backend or response error: `detail.code`, `detail.message`, `detail.fields`.
 *
 * @slot header - Above the form: a title, a logo.
 * @slot footer - Below the form: terms, a "secured by" line.
 *
 * @csspart form - The form around the fields and the button.
 * @csspart summary - The line with the fixed description and amount.
 * @csspart field - One field: label, input, hint and error.
 * @csspart label - A field's label.
 * @csspart input - A field's input.
 * @csspart hint - The help text under a label: the phone field's wallets, the amount field's currency.
 * @csspart error - A field's error message, and the message about the whole form.
 * @csspart form-error - The message about the whole form only.
 * @csspart status - The progress message ("Creating your payment link…").
 * @csspart button - The pay button.
 * @csspart continue - The "Continue to payment" link.
 *
 * @cssprop [--almara-pay-link-accent=#0a7d4f] - The button and focus colour.
 * @cssprop [--almara-pay-link-accent-text=#ffffff] - Text on the accent colour.
 * @cssprop [--almara-pay-link-text=#1b1f24] - Text colour.
 * @cssprop [--almara-pay-link-muted=#59636e] - Hints and secondary text.
 * @cssprop [--almara-pay-link-background=#ffffff] - The form's background.
 * @cssprop [--almara-pay-link-field-background=#ffffff] - The inputs' background.
 * @cssprop [--almara-pay-link-border=#b8c0c8] - Borders of the form and inputs.
 * @cssprop [--almara-pay-link-radius=0.625em] - Corner radius of inputs and button.
 * @cssprop [--almara-pay-link-font=inherit] - Font family; the page's by default.
 * @cssprop [--almara-pay-link-spacing=1em] - The space unit between and around fields.
 * @cssprop [--almara-pay-link-error=#b3261e] - Error text and invalid borders.
 *
 * @attr {"idle" | "submitting" | "redirecting" | "error"} state - Read-only: where the submission is, for styling.
 */
export class AlmaraPayLink extends LitElement {
  static override styles = styles;

  // Declared here rather than with decorators: the CDN file is smaller without the
  // decorator helpers, and the manifest analyzer reads both.
  static override properties = {
    endpoint: {},
    amount: { type: Number },
    currency: {},
    description: {},
    accountReference: { attribute: 'account-reference' },
    paymentType: { attribute: 'payment-type' },
    redirectionSite: { attribute: 'redirection-site' },
    firstName: { attribute: 'first-name' },
    lastName: { attribute: 'last-name' },
    emailAddress: { attribute: 'email-address' },
    phoneNumber: { attribute: 'phone-number' },
    minAmount: { type: Number, attribute: 'min-amount' },
    maxAmount: { type: Number, attribute: 'max-amount' },
    target: { reflect: true },
    submitLabel: { attribute: 'submit-label' },
    disabled: { type: Boolean, reflect: true },
    credentials: {},
    timeout: { type: Number },
    headers: { attribute: false },
    strings: { attribute: false },
    navigator: { attribute: false },
    // The global attribute, declared so that changing it re-renders every text.
    lang: { reflect: true },
  };

  /** URL of the merchant backend that creates the payment link. Required. */
  endpoint = '';

  /** A fixed amount: the payer is not asked for one. Unset: the payer types it. */
  amount?: number | null;

  /** ISO 4217 code of the amount. */
  currency = 'KES';

  /** What is paid for, shown in the summary. Unset: the payer types a description. */
  description?: string;

  /** The merchant's order reference, passed through to the backend. */
  accountReference?: string;

  /** Passed through to the backend. */
  paymentType?: string;

  /** Where the payer returns after paying; the backend checks it. */
  redirectionSite?: string;

  /** Prefills the first name. */
  firstName?: string;

  /** Prefills the last name. */
  lastName?: string;

  /** Prefills the email address. */
  emailAddress?: string;

  /** Prefills the phone number. */
  phoneNumber?: string;

  /** Smallest amount a payer may type. */
  minAmount = 1;

  /** Largest amount a payer may type. */
  maxAmount = 250000;

  /** Where the payment page opens: this page, the top-level page, or a new window. */
  target: PaymentTarget = '_self';

  /** The button's text. Default: "Pay KES 1,500", localized. */
  submitLabel?: string;

  /** Disables the whole form. */
  disabled = false;

  /** `credentials` of the call to `endpoint`. */
  credentials: RequestCredentials = 'same-origin';

  /** Milliseconds each attempt of the call to `endpoint` may take. */
  timeout = 15000;

  /** Extra request headers for the call to `endpoint` (a CSRF token, say). */
  headers: Record<string, string> = {};

  /** Replacements for any UI text of the current language. */
  strings: Partial<Strings> = {};

  /**
   * How the payer is sent to the payment page. The default navigates for real; a page
   * that wants to keep the payer (a preview, a test) can give its own.
   */
  navigator: PaymentNavigator = browserNavigator;

  /** UI language, `en` or `sw`. Unset: the nearest ancestor's `lang`, else English. */
  declare lang: string;

  /** Where the submission is: `idle`, `submitting`, `redirecting` or `error`. */
  get state(): PaymentState {
    return this.#state;
  }

  // Internal state lives in #private fields, which the CDN build's minifier renames
  // (it cannot rename `_underscored` properties). Whatever changes them calls
  // `requestUpdate()`, directly or through #setState.
  #state: PaymentState = 'idle';
  /** What the payer typed, per field; a field not typed in shows its prefill. */
  #typed: FieldMessages = {};
  /** Fields whose errors show: typed in and then left, or all of them once a submit was tried. */
  #touched = new Set<PayerField>();
  /** The backend's messages per field, until the payer changes that field. */
  #serverErrors: FieldMessages = {};
  #formError = '';
  #status = '';
  #continueUrl = '';
  #idempotency?: { key: string; body: string };
  #emitting = false;
  /** Bumped by `reset()`, so that a submission it interrupted cannot act on its answer. */
  #generation = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('state', this.#state);
    addEventListener('pageshow', this.#onPageShow);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('pageshow', this.#onPageShow);
  }

  /** Validates, then sends the form as if the payer pressed the button. */
  submit(): void {
    void this.#submit();
  }

  /** Clears what the payer typed, every message, and the state. */
  reset(): void {
    this.#generation++;
    this.#typed = {};
    this.#touched.clear();
    this.#serverErrors = {};
    this.#formError = this.#status = this.#continueUrl = '';
    this.#idempotency = undefined;
    this.#setState('idle');
  }

  /** True when the form would pass the element's own checks; shows nothing. */
  checkValidity(): boolean {
    return !!this.#validate().request;
  }

  /** Like `checkValidity()`, and shows every error and focuses the first invalid field. */
  reportValidity(): boolean {
    this.#touchAll();
    const { request, fieldErrors } = this.#validate();
    this.#focusFirst(fieldErrors);
    return !!request;
  }

  #touchAll(): void {
    this.#touched = new Set(payerFields);
    this.requestUpdate();
  }

  #setState(next: PaymentState): void {
    this.#state = next;
    this.setAttribute('state', next);
    this.requestUpdate();
  }

  get #strings(): Strings {
    return { ...tables[languageFor(this)], ...this.strings };
  }

  get #amountFixed(): boolean {
    return this.amount != null;
  }

  get #busy(): boolean {
    return this.#emitting || this.#state === 'submitting' || this.#state === 'redirecting';
  }

  get #bounds(): AmountBounds {
    return this.#amountFixed ? {} : { minAmount: this.minAmount, maxAmount: this.maxAmount };
  }

  #shown(field: PayerField): boolean {
    return field === 'amount' ? !this.#amountFixed : field !== 'description' || !this.description?.trim();
  }

  /** What the payer typed, else the prefill attribute of that field (amount and description have none). */
  #value(field: PayerField): string {
    return this.#typed[field] ?? (field === 'amount' || field === 'description' ? '' : this[field]) ?? '';
  }

  #format = (amount: number): string => formatMoney(amount, this.currency || 'KES', localeOf(languageFor(this)));

  /** The amount to pay: the fixed one, else what the payer typed (maybe `NaN`, maybe unset). */
  #amount(): number | undefined {
    return this.#amountFixed ? this.amount! : parseAmount(this.#value('amount'));
  }

  /**
   * The element's own checks. Errors of fields the payer sees are theirs to fix; an
   * error anywhere else (a bad fixed amount, a bad redirection site, no endpoint) is the
   * merchant's, and the payer is told the form is not set up.
   */
  #validate(): { request?: PaymentRequest; fieldErrors: FieldMessages; misconfigured: boolean } {
    const bounds = this.#bounds;
    const boundsKey = JSON.stringify(bounds);
    let schema = SCHEMAS.get(boundsKey);
    if (!schema) SCHEMAS.set(boundsKey, (schema = createPaymentRequestSchema(bounds)));
    const raw: Record<string, unknown> = {
      isAmountSpecified: true,
      amount: this.#amount(),
      currency: this.currency || 'KES',
    };
    for (const field of payerFields) if (field !== 'amount') raw[field] = this.#value(field);
    if (!this.#shown('description')) raw['description'] = this.description;
    // Optional keys are left out when unset, so the body is exactly what was given.
    for (const field of ['accountReference', 'paymentType', 'redirectionSite'] as const) {
      if (this[field]) raw[field] = this[field];
    }
    const parsed = schema.safeParse(raw);
    const fieldErrors: FieldMessages = {};
    let misconfigured = !this.endpoint;
    if (!parsed.success) {
      const issues = issuesByField(parsed.error);
      for (const field in issues) {
        if (this.#shown(field as PayerField) && payerFields.includes(field as PayerField)) {
          fieldErrors[field as PayerField] = describeIssue(
            issues[field as RequestField]!,
            this.#strings,
            this.#format,
            bounds,
          );
        } else {
          misconfigured = true;
        }
      }
    }
    return { request: misconfigured ? undefined : parsed.data, fieldErrors, misconfigured };
  }

  async #submit(): Promise<void> {
    // One request per submission: a second click, Enter or submit() meanwhile does nothing.
    if (this.#busy || this.disabled) return;
    const strings = this.#strings;
    const { request, fieldErrors, misconfigured } = this.#validate();
    this.#touchAll();
    this.#continueUrl = this.#status = '';
    if (!request) {
      this.#error({
        code: 'validation_failed',
        message: misconfigured ? strings.misconfigured : strings.fixErrors,
        fields: fieldErrors,
      });
      return;
    }
    // Busy already while the submit event runs: a listener that calls submit() gets nowhere.
    this.#emitting = true;
    const proceed = this.#emit(SUBMIT_EVENT, { request } satisfies AlmaraPayLinkSubmitDetail, true);
    this.#emitting = false;
    if (!proceed) return;

    // Same data, same key: trying again by hand must not create a second payment.
    const body = JSON.stringify(request);
    if (this.#idempotency?.body !== body) this.#idempotency = { key: newIdempotencyKey(), body };
    const generation = this.#generation;
    this.#formError = '';
    this.#serverErrors = {};
    this.#status = strings.submitting;
    this.#setState('submitting');
    // Opened now, inside the payer's click: popup blockers refuse windows opened later.
    const pending = this.target === '_blank' ? this.navigator.openBlank() : null;

    const result = await postPaymentRequest({
      endpoint: this.endpoint,
      body: request,
      idempotencyKey: this.#idempotency.key,
      headers: this.headers,
      credentials: this.credentials,
      timeout: this.timeout,
    });
    const go =
      generation === this.#generation &&
      result.ok &&
      this.#emit(SUCCESS_EVENT, { url: result.url, id: result.id, request } satisfies AlmaraPayLinkSuccessDetail, true);
    if (!go) pending?.close();
    if (generation !== this.#generation) return;
    if (!result.ok) {
      this.#fail(result);
    } else if (this.target !== '_blank' && go) {
      this.#status = strings.redirecting;
      this.#setState('redirecting');
      this.navigator.assign(result.url, this.target);
    } else {
      // The merchant keeps the payer here, or the payment page opened beside this one (a
      // blocked popup opened nothing): the link stays one click away, and takes the focus
      // so that a screen reader says it appeared.
      if (go && pending) pending.location.href = result.url;
      this.#continueUrl = result.url;
      this.#status = '';
      this.#setState('idle');
      this.#focus('[part=continue]');
    }
  }

  #fail(failure: SubmitFailure): void {
    const strings = this.#strings;
    const local = LOCAL_ERRORS[failure.code];
    const message = failure.message || (local ? (strings[local] as string) : strings.serverError);
    const serverErrors: FieldMessages = {};
    for (const field of payerFields) {
      const text = failure.fields?.[field];
      if (text && this.#shown(field)) serverErrors[field] = text;
    }
    this.#serverErrors = serverErrors;
    this.#status = '';
    const detail: AlmaraPayLinkErrorDetail = { code: failure.code, message };
    if (failure.fields) detail.fields = failure.fields;
    this.#error(detail, serverErrors);
  }

  /** Shows `detail.message` above the button, fires the error event, focuses the first field at fault. */
  #error(detail: AlmaraPayLinkErrorDetail, focus: FieldMessages | undefined = detail.fields): void {
    this.#formError = detail.message;
    this.#setState('error');
    this.#emit(ERROR_EVENT, detail, false);
    if (focus) this.#focusFirst(focus);
  }

  /** Fires one of the three events; false when a listener cancelled it. */
  #emit(type: string, detail: unknown, cancelable: boolean): boolean {
    return this.dispatchEvent(paymentEvent(type, detail, cancelable));
  }

  #focusFirst(errors: FieldMessages): void {
    const first = payerFields.find((field) => errors[field]);
    if (first) this.#focus('#' + first);
  }

  /** Focuses what `selector` finds once the pending render is done. */
  #focus(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  #onPageShow = (event: PageTransitionEvent): void => {
    // Back from the payment page through the back/forward cache: the form must work again.
    if (event.persisted && this.#state === 'redirecting') {
      this.#status = '';
      this.#setState('idle');
    }
  };

  #onInput(event: Event): void {
    const { name, value } = event.target as HTMLInputElement;
    this.#typed[name as PayerField] = value;
    this.#serverErrors[name as PayerField] = '';
    this.requestUpdate();
  }

  #onBlur(event: Event): void {
    const field = (event.target as HTMLInputElement).name as PayerField;
    if (this.#typed[field] !== undefined) {
      this.#touched.add(field);
      this.requestUpdate();
    }
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.submit();
  }

  protected override render(): TemplateResult {
    const strings = this.#strings;
    const { fieldErrors } = this.#validate();
    const busy = this.#busy;
    const amount = this.#amount();
    const description = this.#shown('description') ? '' : this.description;
    const field = (name: PayerField) =>
      this.#shown(name)
        ? this.#renderField(
            name,
            strings,
            this.#serverErrors[name] || (this.#touched.has(name) && fieldErrors[name]) || '',
          )
        : nothing;

    return html`
      <slot name="header"></slot>
      <form part="form" novalidate @submit=${this.#onSubmit}>
        ${
          description || this.#amountFixed
            ? html`<p part="summary" class="summary">
                <span>${description}</span>
                <span class="amount">${this.#amountFixed ? this.#format(amount!) : ''}</span>
              </p>`
            : nothing
        }
        <div class="names">${field('firstName')} ${field('lastName')}</div>
        ${field('emailAddress')} ${field('phoneNumber')} ${field('amount')} ${field('description')}
        <p part="error form-error" class="error form-error" role="alert">${this.#formError}</p>
        <p part="status" class="status" role="status">${this.#status}</p>
        <button part="button" ?disabled=${this.disabled} aria-disabled=${busy || nothing} aria-busy=${busy}>
          ${
            this.submitLabel ||
            strings.pay(amount! > 0 && hasAtMostTwoDecimals(amount!) ? this.#format(amount!) : '').trim()
          }
        </button>
        ${
          this.#continueUrl
            ? html`<a part="continue" href=${this.#continueUrl} target=${this.target} rel="noopener"
                >${strings.continueToPayment}</a
              >`
            : nothing
        }
      </form>
      <slot name="footer"></slot>
    `;
  }

  #renderField(name: PayerField, strings: Strings, error: string): TemplateResult {
    // Which wallets work; which currency an amount is in.
    const hint = name === 'phoneNumber' ? strings.phoneHint : name === 'amount' && (this.currency || 'KES');
    const describedBy = [hint && name + '-hint', error && name + '-error'].filter(Boolean).join(' ');
    return html`<div part="field" class="field">
      <label part="label" for=${name}>${strings[name]}</label>
      ${hint ? html`<p part="hint" class="hint" id="${name}-hint">${hint}</p>` : nothing}
      <input
        part="input"
        id=${name}
        name=${name}
        type=${name === 'emailAddress' ? 'email' : name === 'phoneNumber' ? 'tel' : 'text'}
        autocomplete=${AUTOCOMPLETE[name]}
        inputmode=${name === 'amount' ? 'decimal' : nothing}
        spellcheck="false"
        required
        .value=${this.#value(name)}
        ?readonly=${this.#busy}
        ?disabled=${this.disabled}
        aria-invalid=${error ? 'true' : nothing}
        aria-describedby=${describedBy || nothing}
        @input=${this.#onInput}
        @blur=${this.#onBlur}
      />
      <p part="error" class="error" id="${name}-error">${error}</p>
    </div>`;
  }
}
