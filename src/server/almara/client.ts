/**
 * A small client for the Almara Pay payment-link API: create, find by id, update. It
 * owns the access token (one request shared by concurrent calls, reused until shortly
 * before it expires, refreshed once on a 401) and checks what it sends and receives.
 * Only `fetch`, `AbortSignal.any` and `performance.now` are used, so it runs on Node 20+,
 * Deno, Bun and edge runtimes.
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
  /**
   * Milliseconds a call may take in all, answer bodies included: the token request, the
   * call itself, and after a 401 the refresh and the call again share it. Default 10 s.
   * A create kept past its deadline (`CallOptions.late`) may go on for this long again.
   */
  timeout?: number;
  /** The most bytes of an answer that are read; a longer one is an error, read no further. Default 1 MB. */
  maxResponseBytes?: number;
  /** Refresh the token this many ms before it expires. Default 60 s. */
  tokenRefreshMargin?: number;
}

/** A link just created: its hosted page is known, and safe to send a payer to (`isSafePaymentUrl`). */
export type CreatedPaymentLink = PaymentLink & { url: string };

export interface CallOptions<T = PaymentLink> {
  /** Aborts the call, an exchange kept by `late` included (the timeout still applies). */
  signal?: AbortSignal;
  /**
   * Milliseconds from now within which this call settles, when sooner than the client's
   * `timeout`: each exchange gets what is left of it, and none begins after it (at 0 the
   * call's own request is not sent: a `timeout` whose `sent` is false).
   */
  deadline?: number;
  /**
   * For an exchange Almara may be acting on when the deadline comes (a create sent and not
   * yet answered): the call still fails then, with a `timeout` whose `sent` is true, but
   * the exchange is not cut short, since that would not unmake a link. It goes on for up
   * to the client's `timeout` more, and what it ends in (the link, or the error) is given
   * here, so that a link Almara makes late is not lost. Without `late` it is aborted.
   */
  late?: (outcome: Promise<T>) => void;
}

/** The start of a body kept for logs. */
const DETAIL_LENGTH = 300;

const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

export class AlmaraPayClient {
  readonly #baseUrl: string;
  readonly #api: AlmaraApiAssumptions;
  readonly #fetch: typeof fetch | undefined;
  readonly #timeout: number;
  readonly #maxResponseBytes: number;
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
    this.#timeout = Math.ceil(options.timeout ?? 10_000);
    this.#maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    if (!isCount(this.#timeout) || !isCount(this.#maxResponseBytes)) {
      throw new TypeError('AlmaraPayClient: timeout and maxResponseBytes must be finite and above 0');
    }

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
  async createPaymentLink(
    body: CreatePaymentLinkBody,
    options: CallOptions<CreatedPaymentLink> = {},
  ): Promise<CreatedPaymentLink> {
    const checked = createPaymentLinkBodySchema.safeParse(body);
    if (!checked.success) {
      throw new AlmaraApiError('create', 'invalid_request', describeIssues(checked.error.issues));
    }
    const request: ApiRequest = { method: 'POST', path: CREATE_PAYMENT_LINK_PATH, body: checked.data };
    return this.#run(options, async (call) => {
      const link = this.#parseLink('create', await this.#authorized('create', request, call));
      if (!link.url) throw new AlmaraApiError('create', 'invalid_response', 'the created link has no url');
      // The link is for a payer's browser: whoever hands it on (the handler, a merchant's own
      // code) must never send a payer to `javascript:` or to a look-alike with credentials.
      if (!isSafePaymentUrl(link.url)) {
        throw new AlmaraApiError('create', 'invalid_response', 'the link url is not https (nor http on loopback)');
      }
      return { ...link, url: link.url };
    });
  }

  /** Reads a link back (assumption A4): its status, amount and the rest. */
  async findPaymentLinkById(id: string, options: CallOptions = {}): Promise<PaymentLink> {
    if (!id) throw new AlmaraApiError('find', 'invalid_request', 'no id');
    const request = this.#api.findRequest(id);
    return this.#run(options, async (call) => this.#parseLink('find', await this.#authorized('find', request, call)));
  }

  /** Changes a link (assumption A5). */
  async updatePaymentLink(id: string, changes: PaymentLinkChanges, options: CallOptions = {}): Promise<PaymentLink> {
    if (!id) throw new AlmaraApiError('update', 'invalid_request', 'no id');
    const checked = paymentLinkChangesSchema.safeParse(changes);
    if (!checked.success) {
      throw new AlmaraApiError('update', 'invalid_request', describeIssues(checked.error.issues));
    }
    const request = this.#api.updateRequest(id, checked.data);
    return this.#run(options, async (call) =>
      this.#parseLink('update', await this.#authorized('update', request, call)),
    );
  }

  /** One call, within its time: settled at the deadline at the latest, by `work` or by the clock. */
  #run<T>(options: CallOptions<T>, work: (call: Call) => Promise<T>): Promise<T> {
    const ms = Math.min(options.deadline ?? this.#timeout, this.#timeout);
    const call = new Call(ms, this.#timeout, options.signal, options.late !== undefined);
    return call.settle(work(call), options.late);
  }

  #parseLink(operation: AlmaraOperation, body: unknown): PaymentLink {
    try {
      return this.#api.parseLink(body);
    } catch (cause) {
      throw new AlmaraApiError(operation, 'invalid_response', 'the answer is not a payment link', { cause });
    }
  }

  /** A call with the Bearer token; on a 401 the token is dropped and the call made once more. */
  async #authorized(operation: AlmaraOperation, request: ApiRequest, call: Call): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      call.waitingFor = 'token';
      const token = await this.#tokens.get();
      call.begin(operation);
      const headers = { ...request.headers, Authorization: `Bearer ${token}` };
      const answer = await this.#exchange(operation, { ...request, headers }, call.exchangeSignal(), call.signal);
      if (answer.status === 401 && attempt === 1) {
        // Assumption A8: the token expired early or was revoked; one fresh token may cure it.
        // Refused unread, the request left nothing at Almara to wait for.
        call.exposed = false;
        this.#tokens.invalidate(token);
        continue;
      }
      return this.#successBody(operation, answer);
    }
  }

  // Shared by every call waiting for a token, so bound by the client's timeout, not by any one caller's deadline.
  async #requestToken(credentials: AlmaraCredentials): Promise<AccessToken> {
    const answer = await this.#exchange(
      'token',
      this.#api.tokenRequest(credentials),
      AbortSignal.timeout(this.#timeout),
    );
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
    if (!isSuccess(answer.status)) {
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

  /**
   * One HTTP exchange, its body read as it arrives up to `maxResponseBytes`, until `signal`
   * aborts. Failures say whether the request may have reached Almara (`sent`).
   */
  async #exchange(
    operation: AlmaraOperation,
    request: ApiRequest,
    signal: AbortSignal,
    callerSignal?: AbortSignal,
  ): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
    let body: string | undefined;
    if (typeof request.body === 'string') {
      body = request.body;
    } else if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['Content-Type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await (this.#fetch ?? fetch)(this.#baseUrl + request.path, {
        method: request.method,
        headers,
        body,
        signal,
        redirect: 'error',
      });
    } catch (cause) {
      if (callerSignal?.aborted) throw cause;
      if (signal.aborted) throw new AlmaraApiError(operation, 'timeout', 'no answer in time', { cause });
      throw new AlmaraApiError(operation, 'network', 'no answer', { cause, sent: !neverSent(cause) });
    }
    const { status } = response;
    let read: { text: string; whole: boolean };
    try {
      read = await readAtMost(response, this.#maxResponseBytes);
    } catch (cause) {
      // The status came, the body did not, whole: Almara did answer, so the request reached it.
      if (callerSignal?.aborted) throw cause;
      if (signal.aborted)
        throw new AlmaraApiError(operation, 'timeout', 'the answer was not read in time', { status, cause });
      if (!isSuccess(status)) throw new AlmaraApiError(operation, 'http', `HTTP ${status}`, { status, cause });
      throw new AlmaraApiError(operation, 'invalid_response', 'the answer was cut off', { status, cause });
    }
    if (!read.whole && isSuccess(status)) {
      throw new AlmaraApiError(operation, 'invalid_response', `the answer is over ${this.#maxResponseBytes} bytes`, {
        status,
        detail: read.text.slice(0, DETAIL_LENGTH),
      });
    }
    return { status, text: read.text };
  }
}

/**
 * One call's time, and whether Almara has a request of it that it may be acting on. The
 * deadline is a promise to the caller (`settle`), and the exchanges get what is left of
 * it; only an exchange kept by `late` may outlive it.
 */
class Call {
  /** The caller's own signal. */
  readonly signal: AbortSignal | undefined;
  /** Aborts when the caller must have its answer: at the deadline, or by the caller's signal. */
  readonly #answerBy: AbortSignal;
  readonly #ms: number;
  readonly #endsAt: number;
  readonly #lateMs: number;
  readonly #keepsLate: boolean;
  /** The exchange the call is at, or waiting for. */
  waitingFor: AlmaraOperation = 'token';
  /** An exchange of this call was sent and not refused unread: Almara may be acting on it. */
  exposed = false;
  /** The caller has its answer: nothing more may be sent for it. */
  #closed = false;

  constructor(ms: number, lateMs: number, signal: AbortSignal | undefined, keepsLate: boolean) {
    this.signal = signal;
    // Whole milliseconds: AbortSignal.timeout refuses fractions.
    this.#ms = Math.max(0, Math.ceil(ms));
    this.#endsAt = performance.now() + this.#ms;
    this.#lateMs = lateMs;
    this.#keepsLate = keepsLate;
    const timeout = AbortSignal.timeout(this.#ms);
    this.#answerBy = this.signal ? AbortSignal.any([this.signal, timeout]) : timeout;
  }

  /** About to send `operation`'s request: refused when the caller has its answer or no time is left. */
  begin(operation: AlmaraOperation): void {
    this.waitingFor = operation;
    if (this.#closed || this.#endsAt - performance.now() <= 0) {
      throw new AlmaraApiError(operation, 'timeout', `no time left to send within ${this.#ms} ms`, { sent: false });
    }
    this.exposed = true;
  }

  /** The signal of the exchange about to begin: the deadline, or for one kept late, the deadline and then some. */
  exchangeSignal(): AbortSignal {
    if (!this.#keepsLate) return this.#answerBy;
    const bound = AbortSignal.timeout(Math.max(0, Math.ceil(this.#endsAt - performance.now() + this.#lateMs)));
    return this.signal ? AbortSignal.any([this.signal, bound]) : bound;
  }

  /** `done`'s outcome, or at the deadline a timeout (and `done` handed to `late` when Almara may be acting on it). */
  settle<T>(done: Promise<T>, late: ((outcome: Promise<T>) => void) | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const stop = () => {
        if (this.exposed && late && !this.signal?.aborted) {
          late(done);
        } else {
          this.#closed = true;
        }
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the caller's own abort reason, as fetch would
        reject(
          this.signal?.aborted
            ? (this.signal.reason as unknown)
            : new AlmaraApiError(this.waitingFor, 'timeout', `no answer within ${this.#ms} ms`, {
                sent: this.exposed,
              }),
        );
      };
      if (this.#answerBy.aborted) stop();
      else this.#answerBy.addEventListener('abort', stop, { once: true });
      done.then(
        (value) => {
          this.#answerBy.removeEventListener('abort', stop);
          resolve(value);
        },
        (error: unknown) => {
          this.#answerBy.removeEventListener('abort', stop);
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the call's own error, as it is
          reject(error);
        },
      );
    });
  }
}

function isCount(value: number): boolean {
  return Number.isFinite(value) && value > 0;
}

function isSuccess(status: number): boolean {
  return status >= 200 && status <= 299;
}

/**
 * The body as text, read as it arrives and no further than `limit` bytes, so that an
 * answer of any size costs at most that much memory; `whole` is false when it was longer.
 */
async function readAtMost(response: Response, limit: number): Promise<{ text: string; whole: boolean }> {
  const body = response.body;
  if (!body) return { text: '', whole: true };
  if (Number(response.headers.get('Content-Length')) > limit) {
    // Dropping the body closes the connection: nothing more of it comes in.
    body.cancel().catch(ignore);
    return { text: '', whole: false };
  }
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), whole: true };
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(ignore);
      return { text: text + decoder.decode(value.subarray(0, value.byteLength - (size - limit))), whole: false };
    }
    text += decoder.decode(value, { stream: true });
  }
}

const ignore = (): void => undefined;

/**
 * Connection errors that prove the request never left, as Node's fetch (undici) gives
 * them in `cause.code`; with several addresses tried, an AggregateError of them. Other
 * runtimes' fetch say less, and an error not known to be one of these counts as sent: a
 * reset or a closed socket may come after the request was written.
 */
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_NODATA',
  'EAI_FAIL',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function neverSent(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  const causes: unknown[] = cause instanceof AggregateError ? cause.errors : [cause];
  return causes.length > 0 && causes.every((each) => NEVER_SENT.has(codeOf(each)));
}

function codeOf(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : '';
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`).join('; ');
}
