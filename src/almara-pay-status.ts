import { html, nothing, render, type TemplateResult } from 'lit/html.js';
import { followLanguage, languageFor } from './language.js';
import { statusTables, type StatusStrings } from './messages/index.js';
import { formatMoney } from './money.js';
import { REDIRECT_ID_PARAM } from './server/almara/constants.js';
import { Poller, pollerDefaults, POLL_FOR_MS, type PollerState } from './status/polling.js';
import { AlmaraPayStatusChangeEvent } from './status/status-event.js';
import { readStatusReply, type PaymentStatusAnswer, type StatusReply } from './status/status-schema.js';
import { statusWords, type StatusView } from './status/status-words.js';
import { markRetry, wayBack } from './status/way-back.js';
import { styles } from './almara-pay-status.styles.js';

export type { StatusView };

/**
 * How long a tag with an id but no endpoint waits for one (a framework setting it after
 * hydrating) before it says it cannot check, on the polling clock.
 */
export const ENDPOINT_GRACE_MS = 2000;

/** How long one status request may take before it counts as a problem (and is asked again). */
export const STATUS_REQUEST_TIMEOUT_MS = 10_000;

/**
 * What the element extends: `HTMLElement`, or in Node (a framework's server build imports the
 * page's modules, as Lit's server build allows for the form) a class that is never constructed,
 * so that importing the module there does not throw.
 */
const Base: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (Object as unknown as typeof HTMLElement) : HTMLElement;

/**
 * The thank-you page's account of a payment: asks the merchant's backend at `endpoint`
 * (`createPaymentStatusHandler`, contract §6) what became of the payment link the payer
 * comes back with, and says it in the payer's language: checking, waiting for the payment
 * (with what to do), paid (with the date and time), not completed (with a way back to try
 * again), expired, or not found. It never trusts the page's address for the outcome: only
 * the id is read from it.
 *
 * While the payment is pending it asks again, about 2 s after the first answer and growing
 * to 15 s, jittered, for at most `poll-for` ms of the time the page is shown; never while
 * the tab is hidden. Then it offers "Check again".
 *
 * Colours follow `--almara-pay-status-*`, else the form's `--almara-pay-link-*`, so one
 * theme styles both; the defaults are the light scheme's, with dark ones under
 * `prefers-color-scheme: dark`.
 *
 * Rendered with Lit's templates (lit-html) on a plain `HTMLElement` rather than a
 * `LitElement`: its reactive base is some 2.6 KB gzipped, a quarter of this element's CDN
 * budget, for six attributes that are simply reflected, as a native element's are. Renders
 * are batched to the end of the task, as Lit's, and `updateComplete` says when one is done.
 *
 * @summary Show the payer what really happened to their payment.
 *
 * @fires {AlmaraPayStatusChangeEvent} almara-pay-status-change - What the page shows has changed: `detail.id`, `detail.status`, `detail.link` (the backend's answer, once there is one).
 *
 * @slot header - Above the status: the shop's own title or logo.
 * @slot retry - In place of the "Try again" link after a failed payment: the shop's own way back.
 * @slot footer - Under the status: the shop's own words, a link home.
 *
 * @csspart box - The box around everything.
 * @csspart summary - The line with the description and the amount, once the backend has answered.
 * @csspart icon - The state's sign beside the title (decorative).
 * @csspart message - The live region: the title and the text.
 * @csspart title - What happened, in a few words ("Payment received").
 * @csspart text - What the payer can do now, or when they paid.
 * @csspart retry - The "Try again" link back to the form after a failed payment.
 * @csspart check-again - The "Check again" button after a problem, or once checking has stopped.
 *
 * @cssprop [--almara-pay-status-accent=var(--almara-pay-link-accent, #0a7d4f)] - The paid sign, the link and button, and focus.
 * @cssprop [--almara-pay-status-accent-text=var(--almara-pay-link-accent-text, #fff)] - Text on the accent colour.
 * @cssprop [--almara-pay-status-text=var(--almara-pay-link-text, #1b1f24)] - Text colour.
 * @cssprop [--almara-pay-status-muted=var(--almara-pay-link-muted, #59636e)] - Secondary text.
 * @cssprop [--almara-pay-status-background=var(--almara-pay-link-background, #fff)] - The box's background.
 * @cssprop [--almara-pay-status-border=var(--almara-pay-link-border, #868f99)] - The box's border.
 * @cssprop [--almara-pay-status-error=var(--almara-pay-link-error, #b3261e)] - The sign of a payment not made.
 * @cssprop [--almara-pay-status-radius=var(--almara-pay-link-radius, 0.625em)] - Corner radius.
 * @cssprop [--almara-pay-status-font=var(--almara-pay-link-font, inherit)] - Font family; the page's by default.
 * @cssprop [--almara-pay-status-spacing=var(--almara-pay-link-spacing, 1em)] - The space unit.
 *
 * @attr {string} lang - UI language, `en` or `sw`. Unset: the nearest ancestor's `lang`, else English.
 * @attr {"checking" | "pending" | "paid" | "failed" | "expired" | "stopped" | "notFound" | "problem"} status - Read-only: what the page shows, for styling.
 */
export class AlmaraPayStatus extends Base {
  /** The package's version, as `AlmaraPayLink.version`: define.ts tells another copy by it. */
  static readonly version = '0.1.0';

  /** The attributes, each the reflection of a property (kebab-case of its name). */
  static readonly observedAttributes = ['endpoint', 'link-id', 'poll-for', 'retry-url', 'credentials', 'lang'];

  /** URL of the merchant backend's status handler (`createPaymentStatusHandler`). Required. */
  get endpoint(): string {
    return this.getAttribute('endpoint') ?? '';
  }
  set endpoint(value: string) {
    this.#reflect('endpoint', value);
  }

  /** The payment link's id. Unset: the page URL's `paymentLinkId`, which Almara adds when it sends the payer back. */
  get linkId(): string | undefined {
    return this.getAttribute('link-id') ?? undefined;
  }
  set linkId(value: string | undefined) {
    this.#reflect('link-id', value);
  }

  /** Milliseconds, of the time the page is shown, for which a pending payment is asked about again. Default 120000. */
  get pollFor(): number {
    const value = this.getAttribute('poll-for');
    // A `poll-for` that is no number must not poll for ever.
    return value !== null && Number(value) >= 0 ? Number(value) : POLL_FOR_MS;
  }
  set pollFor(value: number) {
    this.#reflect('poll-for', value);
  }

  /**
   * Where "Try again" leads after a failed payment. Unset: the shop page the payer paid from,
   * when this tab's form left a trace of it (or the page's referrer is of this site); else no link.
   */
  get retryUrl(): string | undefined {
    return this.getAttribute('retry-url') ?? undefined;
  }
  set retryUrl(value: string | undefined) {
    this.#reflect('retry-url', value);
  }

  /** `credentials` of the calls to `endpoint`. Default `same-origin`. */
  get credentials(): RequestCredentials {
    return (this.getAttribute('credentials') as RequestCredentials | null) ?? 'same-origin';
  }
  set credentials(value: RequestCredentials) {
    this.#reflect('credentials', value);
  }

  /** Extra request headers for the calls to `endpoint`. */
  get headers(): Record<string, string> {
    return this.#headers;
  }
  set headers(value: Record<string, string> | null | undefined) {
    this.#headers = value ?? {};
  }

  /** Replacements for any text of the current language. */
  get strings(): Partial<StatusStrings> {
    return this.#overrides;
  }
  set strings(value: Partial<StatusStrings> | null | undefined) {
    this.#overrides = value ?? {};
    this.#update();
  }

  /** What the page shows: `checking`, one of `pending`, `paid`, `failed`, `expired`, or `stopped`, `notFound`, `problem`. */
  get status(): StatusView {
    return this.#view;
  }

  /** The backend's last answer about the link (amount, currency, description, `paidAt`), once there is one. */
  get link(): PaymentStatusAnswer | undefined {
    return this.#link;
  }

  #view: StatusView = 'checking';
  #link: PaymentStatusAnswer | undefined;
  /** The id being asked about: the one of the last start. */
  #id = '';
  #headers: Record<string, string> = {};
  #overrides: Partial<StatusStrings> = {};
  /** A render is due at the end of the current task (`#update`). */
  #due = false;
  #pending: Promise<boolean> = Promise.resolve(true);
  /** Asked at the next render: set by a change of the id or the endpoint, and by connecting. */
  #restart = true;
  /** The endpoint and id of the last start (`#startKey`); forgotten on disconnecting, so that connecting again asks again. */
  #started: string | undefined;
  /** The pending decision on a tag without an id or endpoint, and the promise it keeps. */
  #settling: (() => void) | undefined;
  #settled: Promise<void> = Promise.resolve();
  #languageObserver?: MutationObserver;
  readonly #root = this.attachShadow({ mode: 'open' });
  readonly #clock = pollerDefaults.clock;
  readonly #poller: Poller;

  constructor() {
    super();
    adoptStyles(this.#root);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the options' getter has a `this` of its own
    const element = this;
    this.#poller = new Poller({
      ask: (signal) => this.#ask(signal),
      onState: (state) => {
        this.#onPollerState(state);
      },
      clock: this.#clock,
      // Read at each answer, so that a `poll-for` set later counts.
      get pollFor() {
        return element.pollFor;
      },
    });
  }

  connectedCallback(): void {
    this.#languageObserver = followLanguage(this);
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#onVisibility();
    this.#restart = true;
    this.#update();
  }

  disconnectedCallback(): void {
    this.#languageObserver?.disconnect();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#poller.stop();
    this.#settling?.();
    this.#started = undefined;
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (old === value) return;
    if (name === 'endpoint' || name === 'link-id') this.#restart = true;
    this.#update();
  }

  /** Asks the backend again now, with the whole `poll-for` budget: what "Check again" does. */
  check(): void {
    this.#start();
  }

  /** Resolves once the pending render, and any it led to, is done: as a Lit element's `updateComplete`. */
  get updateComplete(): Promise<boolean> {
    // After a decision under way on a tag without an id or endpoint (`#start`), and its render.
    return this.#settled.then(() => this.#pending);
  }

  /** Renders again at the end of the current task: what a change of the page's language calls. */
  requestUpdate(): void {
    this.#update();
  }

  /** A property's attribute: set, or removed for `null` and `undefined`. */
  #reflect(name: string, value: string | number | null | undefined): void {
    if (value === null || value === undefined) this.removeAttribute(name);
    else this.setAttribute(name, String(value));
  }

  /**
   * Renders at the end of the current task, once for however many changes: properties a
   * framework sets one by one after inserting the tag all count, and the first request waits
   * for them.
   */
  #update(): void {
    if (this.#due) return;
    this.#due = true;
    this.#pending = Promise.resolve().then(() => {
      this.#due = false;
      if (this.isConnected) {
        // Started again only for something new to ask about. WebKit calls a parsed element's
        // attributeChangedCallback once per attribute *after* connecting it, with a microtask
        // checkpoint (so a render) after each, then connectedCallback: starting over at each
        // sent three requests on a thank-you page's load (two aborted), where a backend's
        // rate limit may answer the third with a 429 and the payer read "we could not check".
        if (this.#restart && this.#startKey() !== this.#started) this.#start();
        this.#restart = false;
        this.setAttribute('status', this.#view);
        render(this.#render(), this.#root, { host: this });
      }
      // Complete when the render this one asked for (its state changed meanwhile) is.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- #start() may have set it again
      return this.#due ? this.#pending : true;
    });
  }

  /** The link's id: `link-id`, else the page URL's `paymentLinkId`, else none (`''`). */
  #linkIdNow(): string {
    return this.linkId || new URLSearchParams(location.search).get(REDIRECT_ID_PARAM) || '';
  }

  /** What a start asks about: the endpoint and the id. */
  #startKey(): string {
    return `${this.endpoint} ${this.#linkIdNow()}`;
  }

  #start(): void {
    this.#restart = false;
    this.#started = this.#startKey();
    const id = this.#linkIdNow();
    // Asked again about the same link ("Check again"), the page keeps what it knows meanwhile.
    if (id !== this.#id) this.#link = undefined;
    this.#id = id;
    this.#settling?.();
    if (this.#id && this.endpoint) {
      this.#show('checking');
      this.#poller.start();
      return;
    }
    // Without an id or an endpoint, the tag may not be whole yet: WebKit's parser hands a
    // tag's attributes over one render at a time, and a framework sets properties after
    // inserting the tag (React after hydrating a server-rendered page). So the page keeps
    // saying "checking" and decides once they have had time to arrive: at the next task for
    // an id, after a grace period for an endpoint; a change meanwhile starts over.
    this.#poller.stop();
    this.#show('checking');
    const settled = new Promise<void>((resolve) => {
      const decide = () => {
        this.#settling = undefined;
        if (!this.#id) {
          // No id, no payment to ask about: the page was opened by hand, or the address was cut.
          this.#show('notFound');
        } else {
          console.warn('almara-pay-status: no endpoint to ask about the payment');
          this.#show('problem');
        }
        resolve();
      };
      // The next task is a real one; the grace for an endpoint is a wait on the element's clock.
      const onClock = !!this.#id;
      const handle = onClock ? this.#clock.setTimeout(decide, ENDPOINT_GRACE_MS) : setTimeout(decide, 0);
      this.#settling = () => {
        if (onClock) this.#clock.clearTimeout(handle);
        else clearTimeout(handle as ReturnType<typeof setTimeout>);
        resolve();
      };
    });
    // `updateComplete` waits for the decision of the next task, not for the grace on the clock.
    if (!this.#id) this.#settled = settled;
  }

  #onVisibility = (): void => {
    if (document.hidden) this.#poller.pause();
    else this.#poller.resume();
  };

  #onPollerState(state: PollerState): void {
    // Out of time on a pending payment: say so, and offer to ask again. A problem stays one.
    if (state === 'exhausted' && this.#view === 'pending') this.#show('stopped');
  }

  /** One request; true when the answer is final. */
  async #ask(signal: AbortSignal): Promise<boolean> {
    const id = this.#id;
    const url = new URL(this.endpoint, location.href);
    url.searchParams.set('id', id);
    const request = new AbortController();
    const abort = () => {
      request.abort();
    };
    signal.addEventListener('abort', abort);
    const timer = this.#clock.setTimeout(abort, STATUS_REQUEST_TIMEOUT_MS);
    let reply: StatusReply;
    try {
      // No Accept-Language: the page words every state itself, and shows none of the backend's text.
      const response = await fetch(url, {
        headers: { Accept: 'application/json', ...this.headers },
        credentials: this.credentials,
        cache: 'no-store',
        signal: request.signal,
      });
      reply = readStatusReply(response.status, await response.json().catch(() => undefined));
    } catch {
      reply = { kind: 'problem', code: 'network_error' };
    } finally {
      this.#clock.clearTimeout(timer);
      signal.removeEventListener('abort', abort);
    }
    // Stopped or started over meanwhile: the poller ignores this answer, and so does the page.
    if (signal.aborted) return true;
    return this.#take(reply, id);
  }

  #take(reply: StatusReply, id: string): boolean {
    if (reply.kind === 'notFound') {
      this.#link = undefined;
      this.#show('notFound');
      return true;
    }
    // An answer about another link is no answer about this one.
    if (reply.kind === 'answer' && reply.answer.id === id) {
      this.#link = reply.answer;
      this.#show(reply.answer.status);
      // A new answer may bring a date or an amount while the state stays the same.
      this.#update();
      return reply.answer.status !== 'pending';
    }
    // A failed request while the payment is known to be pending changes nothing the payer
    // needs to know: the next one may well answer. Before any answer (or after "Check
    // again"), it is said.
    if (!this.#link || this.#view === 'checking') this.#show('problem');
    return false;
  }

  #show(view: StatusView): void {
    if (view === this.#view) return;
    this.#view = view;
    this.#update();
    this.dispatchEvent(new AlmaraPayStatusChangeEvent({ id: this.#id, status: view, link: this.#link }));
  }

  #onCheckAgain(): void {
    this.#start();
    // The button goes with the state: the focus goes to the words that replace it.
    void this.updateComplete.then(() => this.#root.querySelector<HTMLElement>('#message')?.focus());
  }

  #render(): TemplateResult {
    const strings: StatusStrings = { ...statusTables[languageFor(this)], ...this.#overrides };
    const link = this.#link;
    const words = statusWords(this.#view, strings, link?.paidAt);
    const amount = link?.amount === undefined ? '' : formatMoney(link.amount, link.currency || 'KES', strings.locale);
    const action = words.action;
    let actionPart: TemplateResult | typeof nothing = nothing;
    if (action?.kind === 'checkAgain') {
      actionPart = html`<button part="check-again" class="action" type="button" @click=${this.#onCheckAgain}>
        ${action.label}
      </button>`;
    } else if (action) {
      const href = this.retryUrl || wayBack({ page: location.href, referrer: document.referrer, kept: keptEntries() });
      actionPart = html`<slot name="retry"
        >${
          href
            ? html`<a
                part="retry"
                class="action"
                href=${href}
                @click=${() => {
                  markRetry(storage, href, Date.now());
                }}
                >${action.label}</a
              >`
            : nothing
        }</slot
      >`;
    }
    return html`
      <div part="box" class="box">
        <slot name="header"></slot>
        <div class="state">
          <span part="icon" class="icon" aria-hidden="true"></span>
          <div part="message" class="message" id="message" role="status" tabindex="-1">
            <p part="title" class="title">${words.title}</p>
            ${words.text ? html`<p part="text" class="text">${words.text}</p>` : nothing}
          </div>
        </div>
        ${
          // Under the state, as on a receipt: the first answer adds it without moving the words above.
          link && (link.description || amount)
            ? html`<p part="summary" class="summary">
                <span>${link.description}</span><span class="amount">${amount}</span>
              </p>`
            : nothing
        }
        ${actionPart}
        <slot name="footer"></slot>
      </div>
    `;
  }
}

/**
 * The stylesheet, made once and shared by every element: adopted where the browser can (no
 * `<style>` element, so no `style-src` exception under a strict policy), else a `<style>`.
 */
let sheet: CSSStyleSheet | undefined;
function adoptStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(styles);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = styles;
    root.append(style);
  }
}

/** The tab's storage; read when used, as reading it may throw. */
const storage = () => sessionStorage;

/** The tab's kept entries, for the way back; none where the storage cannot be read. */
function keptEntries(): [string, string | null][] {
  try {
    return Object.keys(sessionStorage).map((name) => [name, sessionStorage.getItem(name)]);
  } catch {
    return [];
  }
}
