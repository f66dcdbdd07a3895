/**
 * The call to the merchant backend (contract §3): one POST per attempt, a timeout per
 * attempt, and at most two retries of the failures a retry can cure, all with the same
 * Idempotency-Key so that a backend which already created the link answers with the
 * same one. No DOM: it runs wherever `fetch` does.
 */
import type { PaymentRequest, RequestField } from './schema.js';
import { errorResponseSchema, paymentLinkResponseSchema } from './schema.js';
import { isSafePaymentUrl } from './safe-url.js';

/** Failure kinds the element words itself; any other code is the backend's own. */
export type LocalErrorCode = 'validation_failed' | 'network_error' | 'timeout' | 'invalid_response';

export interface SubmitFailure {
  ok: false;
  /** One of {@link LocalErrorCode}, the backend's `error.code`, or `http_<status>`. */
  code: string;
  /** The backend's own `error.message`, when it sent one. */
  message?: string;
  /** The backend's messages per request field, when it sent them. */
  fields?: Partial<Record<RequestField, string>>;
  /** The HTTP status of the last answer, when there was one. */
  status?: number;
}

export interface SubmitSuccess {
  ok: true;
  url: string;
  id: string;
}

export type SubmitResult = SubmitSuccess | SubmitFailure;

export interface SubmitOptions {
  endpoint: string;
  body: PaymentRequest;
  idempotencyKey: string;
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
  /** Milliseconds per attempt. */
  timeout: number;
  /** Waits before each retry; its length is the number of retries. */
  retryDelays?: readonly number[];
  /** Defaults to the global `fetch`, looked up at call time. */
  fetch?: typeof fetch;
}

/** About 0.5 s, then 1.5 s: long enough for a restarting backend, short for a waiting payer. */
export const RETRY_DELAYS: readonly number[] = [500, 1500];

const RETRYABLE_STATUS = new Set([502, 503, 504]);

export async function postPaymentRequest(options: SubmitOptions): Promise<SubmitResult> {
  const delays = options.retryDelays ?? RETRY_DELAYS;
  for (let attempt = 0; ; attempt++) {
    const [result, retryable] = await attemptOnce(options);
    if (!retryable || attempt >= delays.length) return result;
    await new Promise((resolve) => {
      setTimeout(resolve, delays[attempt]);
    });
  }
}

/** One POST; true beside the result when another attempt may cure it (network, timeout, 502/503/504). */
async function attemptOnce(options: SubmitOptions): Promise<[SubmitResult, boolean]> {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort();
  }, options.timeout);
  try {
    const response = await (options.fetch ?? fetch)(options.endpoint, {
      method: 'POST',
      headers: {
        ...options.headers,
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'Idempotency-Key': options.idempotencyKey,
      },
      body: JSON.stringify(options.body),
      credentials: options.credentials ?? 'same-origin',
      signal: controller.signal,
    });
    // Reading the body counts against the timeout too: a backend may stall mid-answer.
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: a proxy's HTML error page, say. Judged by the status alone.
    }
    const { status } = response;
    if (response.ok) {
      const link = paymentLinkResponseSchema.safeParse(body).data;
      return [
        link && isSafePaymentUrl(link.url) ? { ok: true, ...link } : { ok: false, code: 'invalid_response', status },
        false,
      ];
    }
    const error = errorResponseSchema.safeParse(body).data?.error;
    const failure: SubmitFailure = { ok: false, code: error?.code || `http_${status}`, status };
    if (error?.message) failure.message = error.message;
    if (error?.fields) failure.fields = error.fields;
    return [failure, RETRYABLE_STATUS.has(status)];
  } catch {
    return [{ ok: false, code: controller.signal.aborted ? 'timeout' : 'network_error' }, true];
  } finally {
    clearTimeout(timer);
  }
}
