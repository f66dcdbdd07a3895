import { html, LitElement, nothing, type TemplateResult } from 'lit';
// Ahead of the form's logic for the CDN file's sake only: it keeps import order, and this
// order of its modules gzips 18 bytes smaller (measured).
import { Submission, type PaymentState, type PaymentTarget, type SubmissionFocus } from './form/submission.js';
import {
  AUTOCOMPLETE,
  amountOf,
  checkForm,
  currencyOf,
  fieldValue,
  firstField,
  formatAmount,
  isShown,
  payLabel,
  type FieldTexts,
  type FormCheck,
} from './form/payment-form.js';
import { isRetry, keptFields } from './form/saved-fields.js';
import { followLanguage, languageFor } from './language.js';
import { elementTables, type ElementStrings, type Strings } from './messages/index.js';
import { browserNavigator, type PaymentNavigator } from './navigator.js';
import { payerFields, type PayerField } from './schema.js';
// Last: the CDN file keeps import order, and the stylesheet's class names then sit beside
// the templates that use them, where gzip finds them (about 40 bytes).
import { styles } from './almara-pay-link.styles.js';

export type { PaymentState, PaymentTarget };

/**
 * A payment form for Almara Pay. It asks the payer for their name, email and phone
 * number (and the amount or description when the merchant did not fix them), checks
 * them, asks the merchant's backend at `endpoint` for a payment link, and sends the
 * payer to it.
 *
 * The colour defaults of the custom properties below are the light scheme's; under
 * `prefers-color-scheme: dark` the fallbacks are dark ones. A property the page sets wins in both.
 *
 * @summary Take a payment through an Almara Pay payment link.
 *
 * @fires {AlmaraPayLinkSubmitEvent} almara-pay-link-submit - The form is valid and the request is about to be sent. Cancelable: `preventDefault()` stops it. `detail.request` is the exact JSON body.
 * @fires {AlmaraPayLinkSuccessEvent} almara-pay-link-success - The backend answered with a usable link (`detail.url`, `detail.id`). Cancelable: `preventDefault()` keeps the payer on the page and shows a "Continue to payment" link.
 * @fires {AlmaraPayLinkErrorEvent} almara-pay-link-error - Validation, network, timeout, backend or response error: `detail.code`, `detail.message`, `detail.fields`.
 *
 * @slot header - Above the form: a title, a logo.
 * @slot footer - Under the button, in place of the line that says where the payment is finished ("You'll pay on Almara Pay: M-Pesa, Airtel Money or card."; `strings.payOn`): terms, a "secured by" line.
 *
 * @csspart form - The form around the fields and the button.
 * @csspart summary - The line with the fixed description and amount.
 * @csspart field - One field: label, input, hint and error.
 * @csspart label - A field's label.
 * @csspart input - A field's input.
 * @csspart hint - The help text under a label: the phone field's wallets, the amount field's bounds ("KES 50 – 100,000").
 * @csspart presets - The row of preset amounts (`amount-presets`).
 * @csspart preset - One preset amount's button.
 * @csspart error - A field's error message, and the message about the whole form.
 * @csspart form-error - The message about the whole form only, under the button.
 * @csspart status - The progress message under the button ("Opening Almara Pay…").
 * @csspart button - The pay button.
 * @csspart cancel - The button that stops a submission the payer has waited a few seconds for.
 * @csspart continue - The "Continue to payment" link.
 * @csspart footer - The line under the button that says where the payment is finished.
 *
 * @cssprop [--almara-pay-link-accent=#0a7d4f] - The button and focus colour.
 * @cssprop [--almara-pay-link-accent-text=#fff] - Text on the accent colour.
 * @cssprop [--almara-pay-link-text=#1b1f24] - Text colour.
 * @cssprop [--almara-pay-link-muted=#59636e] - Hints and secondary text.
 * @cssprop [--almara-pay-link-background=#fff] - The form's background.
 * @cssprop [--almara-pay-link-field-background=#fff] - The inputs' background.
 * @cssprop [--almara-pay-link-border=#868f99] - Borders of the form and inputs.
 * @cssprop [--almara-pay-link-radius=0.625em] - Corner radius of inputs and button.
 * @cssprop [--almara-pay-link-font=inherit] - Font family; the page's by default.
 * @cssprop [--almara-pay-link-spacing=1em] - The space unit between and around fields.
 * @cssprop [--almara-pay-link-error=#b3261e] - Error text and invalid borders.
 *
 * @attr {"idle" | "submitting" | "redirecting" | "error"} state - Read-only: where the submission is, for styling.
 */
export class AlmaraPayLink extends LitElement {
  /** The package's version, by which define.ts tells another copy of the element from this one. */
  static readonly version = '0.1.0';

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
    amountPresets: {
      attribute: 'amount-presets',
      converter: (value: string | null) =>
        value
          ?.split(/[\s,]+/)
          .filter(Boolean)
          .map(Number),
    },
    noRestore: { type: Boolean, attribute: 'no-restore' },
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

  /** Milliseconds the whole submission may take, retries included. */
  timeout = 15000;

  /**
   * Amounts offered as buttons that fill the amount field (attribute: `"500 1000 2500"`);
   * those outside the bounds are left out. Only for a payer-typed amount.
   */
  amountPresets: number[] = [];

  /**
   * Do not keep what the payer typed. By default it is kept in the tab's `sessionStorage` for
   * at most 30 minutes and put back when the payer returns with Back from the payment page
   * (a page the browser restores from its back/forward cache keeps it anyway).
   */
  noRestore = false;

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
    return this.#submission.state;
  }

  // Internal state lives in #private fields, which the CDN build's minifier renames
  // (it cannot rename `_underscored` properties). Whatever changes them calls
  // `requestUpdate()`; the submission's own state is its controller's.
  #submission = new Submission(this);
  /** What the payer typed, per field; a field not typed in shows its prefill. */
  #typed: FieldTexts = {};
  /** Fields whose errors show: typed in and then left, or all of them once a submit was tried. */
  #touched = new Set<PayerField>();
  /** The UI text of this update: the language's table under the merchant's `strings`. */
  #strings!: ElementStrings;
  /** What the element's checks made of the form at this update, once something asked (`#checked`). */
  #check?: FormCheck | undefined;
  #languageObserver?: MutationObserver;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#languageObserver = followLanguage(this);
    if (this.noRestore) return;
    // Back from the payment page to a page the browser loaded again: the form as it was.
    const restore = () => {
      this.#typed = { ...keptFields(storage, this.#saveName(), Date.now()), ...this.#typed };
      this.requestUpdate();
    };
    // Optional calls: jsdom, where merchants' component tests run, has neither.
    if (
      (
        (performance as Partial<Performance>).getEntriesByType?.('navigation')[0] as
          PerformanceNavigationTiming | undefined
      )?.type == 'back_forward'
    )
      restore();
    // Or by the thank-you page's "Try again" after a failed payment. Opening the tab's storage
    // is a tenth of the first render on a slow phone, and most loads are no retry: its mark
    // is looked for after the first paint.
    else
      ((window as Partial<Window>).requestAnimationFrame ?? setTimeout)(() =>
        setTimeout(() => {
          if (isRetry(storage, location.pathname, Date.now())) restore();
        }),
      );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#languageObserver?.disconnect();
  }

  /** Validates, then sends the form as if the payer pressed the button. */
  submit(): void {
    if (this.disabled) return;
    const check = this.#checkNow();
    this.#touched = new Set(payerFields);
    void this.#submission.submit(check, this.#strings).then((focus) => {
      this.#focus(focus);
    });
  }

  /** Clears what the payer typed, every message, and the state. */
  reset(): void {
    keptFields(storage, this.#saveName(), 0, null);
    this.#typed = {};
    this.#touched.clear();
    this.#submission.reset();
  }

  /** True when the form would pass the element's own checks; shows nothing. */
  checkValidity(): boolean {
    return !!this.#checkNow().request;
  }

  /** Like `checkValidity()`, and shows every error and focuses the first invalid field. */
  reportValidity(): boolean {
    const { request, fieldErrors } = this.#checkNow();
    this.#touched = new Set(payerFields);
    this.requestUpdate();
    this.#focus(firstField(fieldErrors));
    return !!request;
  }

  protected override willUpdate(): void {
    // Once per update, not per text: an ancestor's `lang` may have changed since the last one.
    this.#strings = { ...elementTables[languageFor(this)], ...this.strings };
    // Checked only when an error or the amount on the button is to show: a first render shows
    // neither, and the checks' first run (zod's, cold) is a fifth of it on a slow phone.
    this.#check = undefined;
  }

  /** The checks of this update, run once when first needed. */
  get #checked(): FormCheck {
    return (this.#check ??= checkForm(this.#typed, this, this.#strings));
  }

  /** The form as it stands, checked in the language as it stands. */
  #checkNow(): FormCheck {
    this.#strings = { ...elementTables[languageFor(this)], ...this.strings };
    return checkForm(this.#typed, this, this.#strings);
  }

  /** Which form of which page the kept fields are this one's. */
  #saveName(): string {
    return [location.pathname, this.endpoint, this.accountReference, this.description].join(' ');
  }

  /** Takes what the payer typed or chose for `name`: its server error goes, and it is kept for Back. */
  #type(name: PayerField, value: string): void {
    this.#typed[name] = value;
    this.#submission.fieldErrors[name] = '';
    if (!this.noRestore) keptFields(storage, this.#saveName(), Date.now(), this.#typed);
    this.requestUpdate();
  }

  /** Focuses the element of that id once the pending render is done. */
  #focus(id: SubmissionFocus | undefined): void {
    if (id) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#' + id)?.focus());
  }

  #onInput(event: Event): void {
    const { name, value } = event.target as HTMLInputElement;
    this.#type(name as PayerField, value);
  }

  #onPreset(event: Event): void {
    this.#type('amount', (event.target as HTMLButtonElement).value);
    this.#touched.add('amount');
  }

  #onCancel(): void {
    this.#submission.cancel();
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
    const submission = this.#submission;
    const amount = amountOf(this.#typed, this);
    const fixed = !isShown('amount', this);
    const description = isShown('description', this) ? '' : this.description;
    const field = (name: PayerField) =>
      isShown(name, this)
        ? this.#renderField(
            name,
            submission.fieldErrors[name] || (this.#touched.has(name) && this.#checked.fieldErrors[name]) || '',
          )
        : nothing;

    // Nothing above the button changes height while a submission runs or fails: the status,
    // the cancel button and the message about the whole form are under it.
    return html`
      <slot name="header"></slot>
      <form part="form" novalidate @submit=${this.#onSubmit}>
        ${
          description || fixed
            ? html`<p part="summary" class="summary">
                <span>${description}</span>
                <span class="amount">${fixed ? formatAmount(amount!, this, strings) : ''}</span>
              </p>`
            : nothing
        }
        <div class="names">${payerFields.slice(0, 2).map(field)}</div>
        ${payerFields.slice(2).map(field)}
        <button
          id="pay"
          part="button"
          ?disabled=${this.disabled}
          aria-disabled=${submission.busy || nothing}
          aria-busy=${submission.busy}
        >
          ${
            this.submitLabel ||
            payLabel(
              isShown('amount', this) && amount !== undefined && this.#checked.fieldErrors.amount ? undefined : amount,
              this,
              strings,
            )
          }
        </button>
        <p part="status" class="status" role="status">${submission.status(strings)}</p>
        ${
          submission.slow
            ? html`<button part="cancel" class="cancel" type="button" @click=${this.#onCancel}>
                ${strings.cancel}
              </button>`
            : nothing
        }
        <p part="error form-error" class="error form-error" role="alert">${submission.message}</p>
        ${
          submission.continueUrl
            ? html`<a id="continue" part="continue" href=${submission.continueUrl} target=${this.target} rel="noopener"
                >${strings.continueToPayment}</a
              >`
            : nothing
        }
        <slot name="footer"><p part="footer" class="hint">${strings.payOn}</p></slot>
      </form>
    `;
  }

  #renderField(name: PayerField, error: string): TemplateResult {
    const strings = this.#strings;
    const amount = name === 'amount';
    // Which wallets work; between which amounts, in which currency.
    const hint = name === 'phoneNumber' ? strings.phoneHint : amount && this.#bounds();
    const describedBy = `${hint ? name + '-hint ' : ''}${error ? name + '-error' : ''}`.trim();
    const typed = amount && amountOf(this.#typed, this);
    const presets =
      amount && this.amountPresets.filter((preset) => preset >= this.minAmount && preset <= this.maxAmount);
    return html`<div part="field" class="field">
      <label part="label" for=${name}>${strings[name]}</label>
      ${hint ? html`<p part="hint" class="hint" id="${name}-hint">${hint}</p>` : nothing}
      <input
        part="input"
        id=${name}
        name=${name}
        type=${name === 'emailAddress' ? 'email' : name === 'phoneNumber' ? 'tel' : 'text'}
        autocomplete=${AUTOCOMPLETE[name]}
        inputmode=${amount ? 'decimal' : nothing}
        spellcheck="false"
        required
        .value=${fieldValue(name, this.#typed, this)}
        ?readonly=${this.#submission.busy}
        ?disabled=${this.disabled}
        aria-invalid=${error ? 'true' : nothing}
        aria-describedby=${describedBy || nothing}
        @input=${this.#onInput}
        @blur=${this.#onBlur}
      />
      ${
        presets && presets.length
          ? html`<div part="presets" class="presets">
              ${presets.map(
                (preset) =>
                  html`<button
                    part="preset"
                    type="button"
                    value=${preset}
                    aria-pressed=${preset === typed}
                    ?disabled=${this.disabled || this.#submission.busy}
                    @click=${this.#onPreset}
                  >
                    ${formatAmount(preset, this, strings)}
                  </button>`,
              )}
            </div>`
          : nothing
      }
      <p part="error" class="error" id="${name}-error" aria-live="polite">${error}</p>
    </div>`;
  }

  /** The amounts a payer may type, as "KES 50 – 100,000": the currency said once. */
  #bounds(): string {
    const format = (amount: number) => formatAmount(amount, this, this.#strings);
    return `${format(this.minAmount)} – ${format(this.maxAmount).replace(currencyOf(this), '').trim()}`;
  }
}

/** The tab's storage for what the payer typed; read when used, as reading it may throw. */
const storage = () => sessionStorage;
