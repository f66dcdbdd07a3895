/**
 * A small client for the Almara Pay payment-link API: create, find by id, update. It
 * owns the access token (one request shared by concurrent calls, reused until shortly
 * before it expires, refreshed once on a 401) and checks what it sends and receives.
 * Only `fetch` and `AbortSignal.any` are used, so it runs on Node 20+, Deno, Bun and edge runtimes.
 */
import { isSafePaymentUrl } from '../../safe-url.js';
import {
  CREATE_PAYMENT_LINK_PATH,
  defaultAlmaraApi,
  type AccessToken,
  type AlmaraApiAssumptions,
  type AlmaraCredentials,
  type ApiRequest,
  type PaymentLink,
  type PaymentLinkChanges,
} from './assumptions.js';
import { AlmaraApiError, type AlmaraOperation } from './errors.js';
import { createPaymentLinkBodySchema, paymentLinkChangesSchema, type CreatePaymentLinkBody } from './fields.js';
import { TokenCache } from './token-cache.js';

export interface AlmaraPayClientOptions {
  /** The API's base URL, e.g. `https://api.almarapay.example` (paths are appended to it). */
  baseUrl: string;
  /** What the token request sends (assumption A1). Needed unless `getToken` is given. */
  credentials?: AlmaraCredentials;
  /** Replaces the token request (A1, A2): return a token, with `expiresIn` seconds to have it cached. */
  getToken?: () => Promise<AccessToken | string>;
  /** Replaces any of the guesses about undocumented API shapes (see `assumptions.ts`). */
  api?: Partial<AlmaraApiAssumptions>;
  /** Defaults to the global `fetch`, looked up at call time. */
  fetch?: typeof fetch;
  /** Milliseconds each HTTP call may take, answer body included. Default 10 s. */
  timeout?: number;
  /** Refresh the token this many ms before it expires. Default 60 s. */
  tokenRefreshMargin?: number;
}

/** A link just created: its hosted page is known, and safe to send a payer to (`isSafePaymentUrl`). */
export type CreatedPaymentLink = PaymentLink & { url: string };

export interface CallOptions {
  /** Aborts the call (the timeout still applies). */
  signal?: AbortSignal;
}

/** The start of a body kept for logs. */
const DETAIL_LENGTH = 300;

export class AlmaraPayClient {
  readonly #baseUrl: string;
  readonly #api: AlmaraApiAssumptions;
  readonly #fetch: typeof fetch | undefined;
  readonly #timeout: number;
  readonly #tokens: TokenCache;

  constructor(options: AlmaraPayClientOptions) {
    let base: URL;
    try {
      base = new URL(options.baseUrl);
    } catch {
      throw new TypeError(`AlmaraPayClient: baseUrl is not a URL: ${options.baseUrl}`);
    }
    if (!/^https?:$/.test(base.protocol)) throw new TypeError('AlmaraPayClient: baseUrl must be http(s)');
    this.#baseUrl = base.href.replace(/\/+$/, '');
    this.#api = { ...defaultAlmaraApi, ...options.api };
    this.#fetch = options.fetch;
    this.#timeout = options.timeout ?? 10_000;

    const { credentials, getToken } = options;
    if (!getToken && !(credentials?.clientId && credentials.clientSecret)) {
      throw new TypeError('AlmaraPayClient: give credentials ({ clientId, clientSecret }) or getToken');
    }
    const fetchToken = getToken
      ? async (): Promise<AccessToken> => {
          const token = await getToken();
          return typeof token === 'string' ? { accessToken: token } : token;
        }
      : () => this.#requestToken(credentials!);
    this.#tokens = new TokenCache(fetchToken, { refreshMargin: options.tokenRefreshMargin });
  }

  /** `POST /v1/payment-link/create-payment-link`. The body is checked against the documented fields first. */
  async createPaymentLink(body: CreatePaymentLinkBody, options: CallOptions = {}): Promise<CreatedPaymentLink> {
    const checked = createPaymentLinkBodySchema.safeParse(body);
    if (!checked.success) {
      throw new AlmaraApiError('create', 'invalid_request', describeIssues(checked.error.issues));
    }
    const request: ApiRequest = { method: 'POST', path: CREATE_PAYMENT_LINK_PATH, body: checked.data };
    const link = this.#parseLink('create', await this.#authorized('create', request, options.signal));
    if (!link.url) throw new AlmaraApiError('create', 'invalid_response', 'the created link has no url');
    // The link is for a payer's browser: whoever hands it on (the handler, a merchant's own
    // code) must never send a payer to `javascript:` or to a look-alike with credentials.
    if (!isSafePaymentUrl(link.url)) {
      throw new AlmaraApiError('create', 'invalid_response', 'the link url is not https (nor http on loopback)');
    }
    return { ...link, url: link.url };
  }

  /** Reads a link back (assumption A4): its status, amount and the rest. */
  async findPaymentLinkById(id: string, options: CallOptions = {}): Promise<PaymentLink> {
    if (!id) throw new AlmaraApiError('find', 'invalid_request', 'no id');
    return this.#parseLink('find', await this.#authorized('find', this.#api.findRequest(id), options.signal));
  }

  /** Changes a link (assumption A5). */
  async updatePaymentLink(id: string, changes: PaymentLinkChanges, options: CallOptions = {}): Promise<PaymentLink> {
    if (!id) throw new AlmaraApiError('update', 'invalid_request', 'no id');
    const checked = paymentLinkChangesSchema.safeParse(changes);
    if (!checked.success) {
      throw new AlmaraApiError('update', 'invalid_request', describeIssues(checked.error.issues));
    }
    const request = this.#api.updateRequest(id, checked.data);
    return this.#parseLink('update', await this.#authorized('update', request, options.signal));
  }

  #parseLink(operation: AlmaraOperation, body: unknown): PaymentLink {
    try {
      return this.#api.parseLink(body);
    } catch (cause) {
      throw new AlmaraApiError(operation, 'invalid_response', 'the answer is not a payment link', { cause });
    }
  }

  /** A call with the Bearer token; on a 401 the token is dropped and the call made once more. */
  async #authorized(operation: AlmaraOperation, request: ApiRequest, signal?: AbortSignal): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      const token = await this.#tokens.get();
      const headers = { ...request.headers, Authorization: `Bearer ${token}` };
      const answer = await this.#call(operation, { ...request, headers }, signal);
      if (answer.status === 401 && attempt === 1) {
        // Assumption A8: the token expired early or was revoked; one fresh token may cure it.
        this.#tokens.invalidate(token);
        continue;
      }
      return this.#successBody(operation, answer);
    }
  }

  async #requestToken(credentials: AlmaraCredentials): Promise<AccessToken> {
    const answer = await this.#call('token', this.#api.tokenRequest(credentials));
    const body = this.#successBody('token', answer);
    try {
      return this.#api.parseToken(body);
    } catch (cause) {
      throw new AlmaraApiError('token', 'invalid_response', 'the answer has no usable token', { cause });
    }
  }

  /** The JSON of a 2xx answer; anything else is an error. */
  #successBody(operation: AlmaraOperation, answer: { status: number; text: string }): unknown {
    // Never any text of a token response: a 2xx that is not JSON may be the bare token.
    const detail = operation === 'token' ? undefined : answer.text.slice(0, DETAIL_LENGTH);
    if (answer.status < 200 || answer.status > 299) {
      throw new AlmaraApiError(operation, 'http', `HTTP ${answer.status}`, { status: answer.status, detail });
    }
    try {
      return JSON.parse(answer.text) as unknown;
    } catch (cause) {
      // JSON.parse's own message quotes the start of the text, so for a token it is no cause to keep.
      throw new AlmaraApiError(operation, 'invalid_response', 'the answer is not JSON', {
        status: answer.status,
        detail,
        cause: operation === 'token' ? undefined : cause,
      });
    }
  }

  /** One HTTP exchange, body read in full, within the timeout. */
  async #call(
    operation: AlmaraOperation,
    request: ApiRequest,
    signal?: AbortSignal,
  ): Promise<{ status: number; text: string }> {
    const timeout = AbortSignal.timeout(this.#timeout);
    const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
    let body: string | undefined;
    if (typeof request.body === 'string') {
      body = request.body;
    } else if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['Content-Type'] = 'application/json';
    }
    try {
      const response = await (this.#fetch ?? fetch)(this.#baseUrl + request.path, {
        method: request.method,
        headers,
        body,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        redirect: 'error',
      });
      return { status: response.status, text: await response.text() };
    } catch (cause) {
      if (timeout.aborted)
        throw new AlmaraApiError(operation, 'timeout', `no answer within ${this.#timeout} ms`, { cause });
      if (signal?.aborted) throw cause;
      throw new AlmaraApiError(operation, 'network', 'no answer', { cause });
    }
  }
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`).join('; ');
}
