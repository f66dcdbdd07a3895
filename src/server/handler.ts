/**
 * The merchant's endpoint for `<almara-pay-link>` (contract §3, §4), as a Fetch API
 * handler: `(Request) => Promise<Response>`, so the same code runs on Node (through
 * `toNodeHandler`), serverless functions, Deno, Bun and edge runtimes.
 *
 * In order: CORS preflight and the Origin check, POST only, the rate limit, JSON only,
 * at most 16 KB, the shared schema (the element's own), the redirect check, then under
 * the Idempotency-Key: the merchant's `prepare`, the short code, and the Almara call.
 * Every failure is a JSON error body; nothing thrown reaches the browser as a stack.
 */
import { tables } from '../messages/index.js';
import { isSafePaymentUrl } from '../safe-url.js';
import { createPaymentRequestSchema, type PaymentRequest } from '../schema.js';
import { AlmaraApiError } from './almara-error.js';
import { errorAnswer, toResponse, type Answer } from './answer.js';
import { AlmaraPayClient } from './client.js';
import type { HandlerContext } from './context.js';
import { validationAnswer } from './field-messages.js';
import { fingerprintOf } from './fingerprint.js';
import type { PaymentLinkHandlerOptions } from './handler-options.js';
import { IdempotentRunner, type Creation } from './idempotency.js';
import { MemoryIdempotencyStore } from './memory-store.js';
import { corsHeaders, createOriginPolicy, isOriginAllowed, preflightHeaders } from './origins.js';
import { PaymentLinkError } from './payment-link-error.js';
import { RateLimiter } from './rate-limit.js';
import { readLimitedText } from './read-body.js';
import { createRedirectPolicy, isRedirectAllowed } from './redirects.js';
import { serverStrings } from './server-strings.js';
import { upstreamAnswer } from './upstream-answer.js';

/** A Fetch API handler; the context is optional and filled in by `toNodeHandler`. */
export type PaymentLinkHandler = (request: Request, context?: HandlerContext) => Promise<Response>;

/** The largest body accepted: ten short fields need a fraction of it. */
export const MAX_BODY_BYTES = 16 * 1024;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Printable ASCII, as a header value must be; the element sends a UUID. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function createPaymentLinkHandler(options: PaymentLinkHandlerOptions): PaymentLinkHandler {
  // Typed as required, but a JavaScript caller may still leave it out.
  const givenShortCode = (options as Partial<PaymentLinkHandlerOptions>).shortCode?.trim();
  if (!givenShortCode) throw new TypeError('createPaymentLinkHandler: shortCode is required');
  const shortCode = givenShortCode;
  const client = options.client ?? clientFromOptions(options);
  const origins = createOriginPolicy(options.allowedOrigins, options.allowCredentials);
  const redirects = createRedirectPolicy(options.redirectionSite, options.allowedRedirects);
  const language = options.language ?? 'en';
  const strings = tables[language];
  const bounds = options.amountBounds ?? {};
  const schema = createPaymentRequestSchema(bounds);
  const runner = new IdempotentRunner(options.store ?? new MemoryIdempotencyStore(), {
    ttlMs: options.idempotencyTtl ?? DAY_MS,
  });
  const limiter = options.rateLimit ? new RateLimiter(options.rateLimit) : undefined;
  const report =
    options.onError ??
    ((error: unknown) => {
      console.error('[almara-pay-link]', error);
    });

  /** A thrown error as an answer: the merchant's refusal as it is, anything else as a plain 500. */
  function failureAnswer(error: unknown, request: Request): Answer {
    if (error instanceof PaymentLinkError) return errorAnswer(error.status, error.code, error.message, error.fields);
    report(error, request);
    if (error instanceof AlmaraApiError) return upstreamAnswer(error, strings);
    return errorAnswer(500, 'internal_error', strings.serverError);
  }

  async function createLink(input: PaymentRequest, request: Request): Promise<Creation> {
    let prepared: PaymentRequest;
    try {
      prepared = (await options.prepare?.(input, request)) ?? input;
    } catch (error) {
      return { answer: failureAnswer(error, request) };
    }
    const redirectionSite = prepared.redirectionSite ?? redirects.fallback;
    if (!redirectionSite) {
      report(new TypeError('no redirectionSite: set it in the handler options or in prepare'), request);
      return { answer: errorAnswer(500, 'configuration_error', strings.misconfigured) };
    }
    try {
      const link = await client.createPaymentLink({ ...prepared, shortCode, redirectionSite });
      // The element checks too; a merchant's other clients may not.
      if (!isSafePaymentUrl(link.url)) {
        report(new AlmaraApiError('create', 'invalid_response', 'the link url is not https'), request);
        return { answer: errorAnswer(502, 'upstream_invalid_response', strings.serverError) };
      }
      const created = { url: link.url, id: link.id };
      return { answer: { status: 200, body: created }, link: created };
    } catch (error) {
      return { answer: failureAnswer(error, request) };
    }
  }

  async function handlePost(request: Request, context: HandlerContext): Promise<Answer> {
    if (limiter) {
      const wait = limiter.hit(request, context);
      if (wait)
        return errorAnswer(429, 'rate_limited', serverStrings[language].tooManyRequests, undefined, {
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

    if (key === null) return (await createLink(input, request)).answer;
    const outcome = await runner.run(key, await fingerprintOf(input), () => createLink(input, request));
    switch (outcome.kind) {
      case 'answered':
        return outcome.answer;
      case 'conflict':
        return errorAnswer(422, 'idempotency_key_reused', strings.invalidResponse);
      case 'busy':
        return errorAnswer(409, 'idempotency_in_progress', strings.invalidResponse);
    }
  }

  return async (request, context = {}) => {
    const origin = request.headers.get('Origin');
    const cors = corsHeaders(origins, origin, request);
    const allowed = isOriginAllowed(origins, origin, request);
    try {
      if (request.method === 'OPTIONS') {
        if (!allowed) return toResponse(errorAnswer(403, 'origin_not_allowed', strings.misconfigured), cors);
        const headers = origin === null ? new Headers({ Allow: 'POST, OPTIONS' }) : preflightHeaders(cors, request);
        return new Response(null, { status: 204, headers });
      }
      // Before anything else: a page on another site learns nothing, not even whether the body was valid.
      if (!allowed) return toResponse(errorAnswer(403, 'origin_not_allowed', strings.misconfigured), cors);
      if (request.method !== 'POST') {
        return toResponse(
          errorAnswer(405, 'method_not_allowed', strings.misconfigured, undefined, { Allow: 'POST, OPTIONS' }),
          cors,
        );
      }
      return toResponse(await handlePost(request, context), cors);
    } catch (error) {
      report(error, request);
      return toResponse(errorAnswer(500, 'internal_error', strings.serverError), cors);
    }
  };
}

function clientFromOptions(options: PaymentLinkHandlerOptions): AlmaraPayClient {
  if (!options.baseUrl || !options.credentials) {
    throw new TypeError('createPaymentLinkHandler: give a client, or baseUrl and credentials');
  }
  return new AlmaraPayClient({ baseUrl: options.baseUrl, credentials: options.credentials });
}
