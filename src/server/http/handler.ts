/**
 * The merchant's endpoint for `<almara-pay-link>` (contract §3, §4), as a Fetch API
 * handler: `(Request) => Promise<Response>`, so the same code runs on Node (through
 * `toNodeHandler`), serverless functions, Deno, Bun and edge runtimes.
 *
 * In order: CORS preflight and the Origin check, POST only, the rate limit, JSON only,
 * at most 16 KB, the shared schema (the element's own), the redirect check, then under
 * the Idempotency-Key: the merchant's `prepare`, the short code, and the Almara call,
 * all within one deadline. Every failure is a JSON error body; nothing thrown reaches the
 * browser as a stack.
 */
import { tables, type Language, type Strings } from '../../messages/index.js';
import {
  createPaymentRequestSchema,
  issuesByField,
  paymentRequestSchema,
  type PaymentRequest,
  type RequestField,
} from '../../schema.js';
import { AlmaraPayClient, type CreatedPaymentLink } from '../almara/client.js';
import { classifyFailure } from '../almara/failures.js';
import { MemoryIdempotencyStore } from '../idempotency/memory-store.js';
import { fingerprintOf, IdempotentRunner, type Creation, type FailedCreation } from '../idempotency/runner.js';
import { errorAnswer, type Answer } from './answer.js';
import { validationAnswer } from './field-messages.js';
import { realClock, type HandlerContext, type PaymentLinkHandlerOptions } from './options.js';
import { createFront } from './front.js';
import { PaymentLinkError } from './payment-link-error.js';
import { RateLimiter } from './rate-limit.js';
import { readLimitedText } from './read-body.js';
import { StoreUnavailableError } from './store-unavailable.js';
import { createRedirectPolicy, isRedirectAllowed } from './redirects.js';

/** A Fetch API handler; the context is optional and filled in by `toNodeHandler`. */
export type PaymentLinkHandler = (request: Request, context?: HandlerContext) => Promise<Response>;

/** The largest body accepted: ten short fields need a fraction of it. */
export const MAX_BODY_BYTES = 16 * 1024;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Seconds a request that found its key under way elsewhere is told to wait: short, the element's deadline is 15 s. */
const IN_PROGRESS_RETRY_AFTER_S = 1;

/** Printable ASCII, as a header value must be; the element sends a UUID. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function createPaymentLinkHandler(options: PaymentLinkHandlerOptions): PaymentLinkHandler {
  const shortCode = requiredShortCode(options);
  const hold = options.idempotencyHold ?? 60_000;
  if (!Number.isFinite(hold) || hold < 0) {
    throw new TypeError('createPaymentLinkHandler: idempotencyHold must be 0 or more (ms)');
  }
  const deadline = options.deadline ?? 10_000;
  if (!Number.isFinite(deadline) || deadline <= 0) {
    throw new TypeError('createPaymentLinkHandler: deadline must be more than 0 (ms)');
  }
  const client = options.client ?? clientFromOptions(options);
  const redirects = createRedirectPolicy(options.redirectionSite, options.allowedRedirects);
  const bounds = options.amountBounds ?? {};
  const schema = createPaymentRequestSchema(bounds);
  const clock = options.clock ?? realClock;
  const store = options.store ?? new MemoryIdempotencyStore({ now: () => clock.now() });
  const runner = new IdempotentRunner(store, { ttlMs: options.idempotencyTtl ?? DAY_MS, holdMs: hold, clock });
  const limiter = options.rateLimit ? new RateLimiter(options.rateLimit, clock) : undefined;
  const report =
    options.onError ??
    ((error: unknown) => {
      console.error('[almara-pay-link]', error);
    });

  /**
   * Anything thrown on the way to a link, told to the merchant's logs (but their own
   * refusals) and classified once: the answer, and what the key keeps of it.
   */
  function failed(error: unknown, request: Request, strings: Strings): FailedCreation {
    if (!(error instanceof PaymentLinkError)) report(error, request);
    return classifyFailure(error, strings);
  }

  /** The merchant's bug, told to the merchant's logs; the payer reads that the form is not set up. */
  function misconfigured(problem: string, request: Request, strings: Strings): FailedCreation {
    report(new TypeError(problem), request);
    return { answer: errorAnswer(500, 'configuration_error', strings.misconfigured), remember: 'nothing' };
  }

  /** `report`, for what comes after the answer: a throwing `onError` has no request left to fail. */
  function reportLate(error: unknown, request: Request): void {
    try {
      report(error, request);
    } catch {
      // Nothing left to tell it to.
    }
  }

  /**
   * The link, by `answerBy` (on `clock`). With `keepLate` (the request has a key to keep it
   * under), a create Almara still has at the deadline goes on, and its outcome is the late one.
   */
  async function createLink(
    input: PaymentRequest,
    request: Request,
    answerBy: number,
    keepLate: boolean,
    strings: Strings,
  ): Promise<Creation> {
    let checked: PaymentRequest | string = input;
    if (options.prepare) {
      let returned: unknown;
      try {
        returned = (await options.prepare(input, request)) ?? input;
      } catch (error) {
        return failed(error, request, strings);
      }
      // Checked even when it returns nothing: it may have changed `input` in place. Without
      // a hook, `input` is the schema's own output already, and parsing it again (the
      // schema is idempotent, a property test holds it to that) would only cost time.
      checked = checkPrepared(returned);
      if (typeof checked === 'string') {
        return misconfigured(`prepare returned ${checked}; nothing was sent to Almara`, request, strings);
      }
    }
    const redirectionSite = checked.redirectionSite ?? redirects.fallback;
    if (!redirectionSite) {
      return misconfigured('no redirectionSite: set it in the handler options or in prepare', request, strings);
    }
    // Held in an object: assigned in a callback, which a `let` would hide from the type checker.
    const kept: { late?: Promise<CreatedPaymentLink> } = {};
    try {
      // A link no payer may be sent to (`isSafePaymentUrl`) is the client's invalid_response: a 502.
      const link = await client.createPaymentLink(
        { ...checked, shortCode, redirectionSite },
        {
          deadline: Math.max(0, answerBy - clock.now()),
          late: keepLate
            ? (outcome) => {
                kept.late = outcome;
              }
            : undefined,
        },
      );
      return created(link);
    } catch (error) {
      const failure = failed(error, request, strings);
      if (!kept.late) return failure;
      return {
        ...failure,
        late: kept.late.then(created, (lateError: unknown) => failed(lateError, request, strings)),
      };
    }
  }

  async function handlePost(request: Request, context: HandlerContext, language: Language): Promise<Answer> {
    const strings = tables[language];
    // One deadline for all of it, so that the element (15 s by default) gets this answer, not its own timeout.
    const answerBy = clock.now() + deadline;
    if (limiter) {
      const wait = await limiter.hit(request, context);
      if (wait)
        return errorAnswer(429, 'rate_limited', strings.tooManyRequests, undefined, {
          'Retry-After': String(wait),
        });
    }
    const type = request.headers.get('Content-Type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return errorAnswer(415, 'unsupported_media_type', strings.misconfigured);
    const key = request.headers.get('Idempotency-Key');
    if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
      return errorAnswer(400, 'invalid_idempotency_key', strings.misconfigured);
    }

    let text: string | null;
    try {
      text = await readLimitedText(request, MAX_BODY_BYTES);
    } catch {
      return errorAnswer(400, 'invalid_json', strings.misconfigured);
    }
    if (text === null) return errorAnswer(413, 'payload_too_large', strings.misconfigured);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return errorAnswer(400, 'invalid_json', strings.misconfigured);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return errorAnswer(400, 'invalid_json', strings.misconfigured);
    }

    const parsed = schema.safeParse(raw);
    if (!parsed.success) return validationAnswer(parsed.error, raw as Record<string, unknown>, language, bounds);
    const input = parsed.data;
    // Checked as the browser sent it; what `prepare` sets is the merchant's own and trusted.
    if (input.redirectionSite !== undefined && !isRedirectAllowed(redirects, input.redirectionSite)) {
      return errorAnswer(400, 'redirect_not_allowed', strings.misconfigured, {
        redirectionSite: strings.misconfigured,
      });
    }

    if (key === null) return (await createLink(input, request, answerBy, false, strings)).answer;
    const outcome = await runner.run(
      key,
      await fingerprintOf(input),
      () => createLink(input, request, answerBy, true, strings),
      (error) => {
        reportLate(error, request);
      },
      answerBy,
    );
    switch (outcome.kind) {
      case 'answered':
        return outcome.answer;
      case 'conflict':
        return errorAnswer(422, 'idempotency_key_reused', strings.invalidResponse);
      case 'busy':
        // A 503, which the element retries with the same key (a 409 it would show as final). The
        // wait ends at this request's deadline, which leaves the element time for that retry.
        return errorAnswer(503, 'idempotency_in_progress', strings.inProgress, undefined, {
          'Retry-After': String(IN_PROGRESS_RETRY_AFTER_S),
        });
    }
  }

  return createFront(
    options,
    'POST',
    ({ request, context, language }) => handlePost(request, context, language),
    (error, { request, strings }) => {
      if (error instanceof StoreUnavailableError) {
        // Fail closed: no claim, no count, no link (see StoreUnavailableError).
        report(error.cause, request);
        return error.answer ?? errorAnswer(503, 'store_unavailable', strings.storeUnavailable);
      }
      // A bug: nothing the payer can fix.
      return failed(error, request, strings).answer;
    },
  );
}

/**
 * What `prepare` returned, held to the shared schema (without amount bounds: the price is
 * the merchant's): the body to send, or what is wrong with it. It must also already be in
 * the schema's normal form (trimmed, the phone as 2547…), the form the element sends: a
 * body the schema would still change is one the merchant did not mean to send as it is.
 * The amount is the exception: a price computed in floats (`0.1 + 0.2`) is sent as the
 * cents it spells (`0.3`), never as the float.
 */
function checkPrepared(value: unknown): PaymentRequest | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'no object';
  const parsed = paymentRequestSchema.safeParse(value);
  if (!parsed.success) {
    const issues = Object.entries(issuesByField(parsed.error)).map(([field, issue]) => `${field}: ${issue}`);
    return `a body the shared schema refuses (${issues.join(', ')})`;
  }
  const given = value as Record<string, unknown>;
  const output = parsed.data as Record<string, unknown>;
  const changed = (Object.keys(paymentRequestSchema.shape) as RequestField[]).filter(
    (field) => field !== 'amount' && output[field] !== given[field],
  );
  if (changed.length > 0) return `a body not in the schema's normal form (${changed.join(', ')})`;
  return parsed.data;
}

function created(link: CreatedPaymentLink): Creation {
  const answered = { url: link.url, id: link.id };
  return { answer: { status: 200, body: answered }, link: answered };
}

function requiredShortCode(options: PaymentLinkHandlerOptions): string {
  // Typed as required, but a JavaScript caller may still leave it out.
  const shortCode = (options as Partial<PaymentLinkHandlerOptions>).shortCode?.trim();
  if (!shortCode) throw new TypeError('createPaymentLinkHandler: shortCode is required');
  return shortCode;
}

function clientFromOptions(options: PaymentLinkHandlerOptions): AlmaraPayClient {
  if (!options.baseUrl || !options.credentials) {
    throw new TypeError('createPaymentLinkHandler: give a client, or baseUrl and credentials');
  }
  return new AlmaraPayClient({ baseUrl: options.baseUrl, credentials: options.credentials });
}
