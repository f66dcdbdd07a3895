/**
 * What every endpoint of the server module does before its own work, the same for the
 * payment-link handler (POST) and the payment-status handler (GET): the CORS preflight and
 * the Origin check (a page on another site learns nothing, not even whether its request was
 * valid), the method, the request's language (every answer with a body is worded for its
 * Accept-Language, and says so to caches), the payer's address behind a trusted proxy, and
 * a JSON answer for anything the endpoint throws.
 */
import { tables, type Language, type Strings } from '../../messages/index.js';
import { errorAnswer, toResponse, type Answer } from './answer.js';
import type { HandlerContext } from './options.js';
import {
  corsHeaders,
  createOriginPolicy,
  firstValue,
  isOriginAllowed,
  OriginNotAllowedError,
  preflightHeaders,
  refusalLine,
  type OriginPolicyOptions,
} from './origins.js';
import { requestLanguage } from './request-language.js';

/** The options of the front: the handlers' options of the same names. */
export interface FrontOptions extends OriginPolicyOptions {
  /** The language of answers whose request asks for none we have. Default `en`. */
  language?: Language | undefined;
  /** Told of each request refused by the Origin check; default: a `console.warn` once per distinct line. */
  onRefused?: ((error: OriginNotAllowedError, request: Request) => void) | undefined;
}

/** One request as the endpoint's own work sees it, past the front. */
export interface FrontRequest {
  request: Request;
  context: HandlerContext;
  language: Language;
  strings: Strings;
}

/** The endpoint's own work; what it throws is `fail`ed into an answer. */
export type EndpointWork = (call: FrontRequest) => Promise<Answer>;

/**
 * A handler that lets through `method` from the allowed origins to `work`, and answers
 * anything `work` throws with `fail` (the endpoint's own words for a bug or an outage).
 */
export function createFront(
  options: FrontOptions,
  method: 'GET' | 'POST',
  work: EndpointWork,
  fail: (error: unknown, call: FrontRequest) => Answer,
): (request: Request, given?: HandlerContext) => Promise<Response> {
  const origins = createOriginPolicy(options);
  // Only the fallback: each request is answered in the language its Accept-Language asks for.
  const fallbackLanguage = options.language ?? 'en';
  const onRefused = options.onRefused ?? warnOncePerLine();
  const allow = `${method}, OPTIONS`;

  /** A refused page: one line for the merchant, naming what would allow it; a 403 for the page. */
  function refused(origin: string, request: Request, spoken: Headers, strings: Strings): Response {
    onRefused(new OriginNotAllowedError(origin, refusalLine(origins, origin, request)), request);
    return toResponse(errorAnswer(403, 'origin_not_allowed', strings.misconfigured), spoken);
  }

  return async (request, given = {}) => {
    const origin = request.headers.get('Origin');
    const cors = corsHeaders(origins, origin, request);
    const allowed = isOriginAllowed(origins, origin, request);
    // Behind a trusted proxy the payer's address is its X-Forwarded-For, not the socket's.
    const forwardedFor = options.trustProxy ? firstValue(request, 'X-Forwarded-For') : undefined;
    const context: HandlerContext = forwardedFor ? { ...given, clientAddress: forwardedFor } : given;
    const language = requestLanguage(request, fallbackLanguage);
    const strings = tables[language];
    // (A failure replayed under an Idempotency-Key keeps the words of its first request: the
    // same element, so the same language, but for a language switched in between.)
    const spoken = new Headers(cors);
    spoken.append('Vary', 'Accept-Language');
    spoken.set('Content-Language', language);
    if (request.method === 'OPTIONS') {
      if (!allowed) return refused(origin ?? '', request, spoken, strings);
      const headers = origin === null ? new Headers({ Allow: allow }) : preflightHeaders(cors, request, method);
      return new Response(null, { status: 204, headers });
    }
    // Before anything else: a page on another site learns nothing, not even whether the request was valid.
    if (!allowed) return refused(origin ?? '', request, spoken, strings);
    if (request.method !== method) {
      return toResponse(
        errorAnswer(405, 'method_not_allowed', strings.misconfigured, undefined, { Allow: allow }),
        spoken,
      );
    }
    const call = { request, context, language, strings };
    try {
      return toResponse(await work(call), spoken);
    } catch (error) {
      return toResponse(fail(error, call), spoken);
    }
  };
}

/** Distinct refusal lines written at most: a flood of foreign pages cannot flood the log. */
const REFUSAL_LINES_KEPT = 100;

/**
 * The default `onRefused`: `console.warn`, once per distinct line (one Origin refused for one
 * reason), so that a misconfiguration is seen at once and a probing site is seen once.
 */
function warnOncePerLine(): (error: OriginNotAllowedError) => void {
  const written = new Set<string>();
  return (error) => {
    if (written.has(error.message) || written.size >= REFUSAL_LINES_KEPT) return;
    written.add(error.message);
    console.warn(`[almara-pay-link] ${error.message}`);
  };
}
