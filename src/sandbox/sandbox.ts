/**
 * The sandbox as a Fetch API handler plus a Node middleware, to mount anywhere (under
 * `/sandbox` in `npm start`). `startSandbox` serves it alone.
 */
import { pickLanguage } from '../messages/accept-language.js';
import { tables } from '../messages/index.js';
import { hasAtMostTwoDecimals, parseAmount } from '../money.js';
import { ALMARA_PATHS, type AlmaraCredentials } from '../server/almara/assumptions.js';
import { toNodeHandler, type NodeHandler } from '../server/http/node-handler.js';
import { LANGUAGES } from '../server/http/request-language.js';
import { apiError, limitedBody, SandboxApi } from './api.js';
import { SANDBOX_CREDENTIALS, SANDBOX_SHORT_CODE, SANDBOX_TOKEN_LIFETIME } from './defaults.js';
import { FAVICON_SVG } from './favicon.js';
import { SandboxFaults, type SandboxRoute } from './faults.js';
import { LinkStore, type SandboxLink } from './links.js';
import { indexPage, notFoundPage, payPage, returnUrl, type PayerLanguage } from './pages.js';
import { PAGE_STYLE } from './page-style.js';
import { TokenIssuer } from './tokens.js';

export interface SandboxOptions {
  /** The path the sandbox is mounted at, e.g. `/sandbox`. Default: the root. */
  basePath?: string;
  /**
   * The sandbox's URL as payers' browsers reach it, for the links' `url`. Default: the
   * origin each create request was sent to, plus `basePath`.
   */
  publicUrl?: string;
  /** The credentials the token request accepts. Default `SANDBOX_CREDENTIALS`. */
  credentials?: AlmaraCredentials;
  /** The short code create accepts. Default `SANDBOX_SHORT_CODE`. */
  shortCode?: string;
  /** Seconds a token lives (its `expiresIn`). Default one hour. */
  tokenLifetime?: number;
}

export interface Sandbox {
  /** The sandbox as a Fetch API handler. */
  fetch: (request: Request) => Promise<Response>;
  /** The sandbox as Node middleware: answers under `basePath`, passes anything else to `next`. */
  middleware: NodeHandler;
  /** Fault knobs for tests: latency, failures, malformed bodies, expired tokens. */
  faults: SandboxFaults;
  /** API calls received so far, per route (failed and faulted ones included). */
  readonly calls: Record<SandboxRoute, number>;
  /** A link as the sandbox holds it. */
  getLink(id: string): SandboxLink | undefined;
  /** Ends pending latency waits at once (for a quick shutdown). */
  dispose(): void;
}

/** What every page answer carries: the strict policy the pages are written for. */
const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

/** A page; a payer's page names its language, which the payer's Accept-Language chose. */
const page = (body: string, status = 200, language?: string) =>
  new Response(body, {
    status,
    headers: language ? { ...PAGE_HEADERS, 'Content-Language': language, Vary: 'Accept-Language' } : PAGE_HEADERS,
  });

/**
 * The payer's language for a hosted page: a `?lang=` on its URL (a link may carry one),
 * else what their browser asks for, else English, as Almara's own page would choose.
 */
function payerLanguage(request: Request): PayerLanguage {
  const asked = new URL(request.url).searchParams.get('lang');
  const query = LANGUAGES.find((language) => language === asked);
  const language = query ?? pickLanguage(request.headers.get('Accept-Language'), LANGUAGES, 'en');
  return query ? { language, query } : { language };
}

/** A broken body, as a proxy or a crashing upstream might send: truncated JSON. */
const MALFORMED = '{"id":"pl_broken","url":"https://';

/** A path segment decoded, or '' when its percent-encoding is broken (`%E0`, `%zz`). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const credentials = options.credentials ?? SANDBOX_CREDENTIALS;
  const shortCode = options.shortCode ?? SANDBOX_SHORT_CODE;
  const tokens = new TokenIssuer(options.tokenLifetime ?? SANDBOX_TOKEN_LIFETIME);
  const links = new LinkStore();
  const faults = new SandboxFaults(() => {
    tokens.expireAll();
  });
  const calls: Record<SandboxRoute, number> = { token: 0, create: 0, find: 0, update: 0 };
  const context = { basePath };
  const pending = new Set<() => void>();
  const publicBase = (request: Request) =>
    options.publicUrl?.replace(/\/+$/, '') ?? new URL(request.url).origin + basePath;
  const api = new SandboxApi({
    credentials,
    shortCode,
    tokens,
    links,
    payUrl: (request, id) => `${publicBase(request)}/pay/${encodeURIComponent(id)}`,
  });

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        pending.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      pending.add(done);
    });

  /** Counting, latency and queued faults, then the call itself. */
  async function apiCall(route: SandboxRoute, request: Request, run: () => Promise<Response> | Response) {
    calls[route]++;
    if (faults.latency > 0) await sleep(faults.latency);
    const fault = faults.take(route);
    if (fault?.type === 'fail') return apiError(fault.status, 'sandbox_fault', 'Failure injected by the sandbox');
    if (fault?.type === 'malformed') {
      return new Response(MALFORMED, {
        status: route === 'create' ? 201 : 200,
        headers: { 'Content-Type': 'application/json' },
      });
    }
    if (route !== 'token') {
      const refused = api.authorize(request);
      if (refused) return refused;
    }
    return run();
  }

  async function simulatePayment(request: Request, link: SandboxLink, payer: PayerLanguage): Promise<Response> {
    if (link.status === 'paid') return page(payPage(context, link, undefined, payer), 409, payer.language);
    let amount: number | undefined;
    if (!link.isAmountSpecified) {
      const read = await limitedBody(request);
      if (!read.ok) return read.response;
      const form = new URLSearchParams(read.text);
      amount = parseAmount(form.get('amount') ?? '');
      if (amount === undefined || !(amount > 0) || !hasAtMostTwoDecimals(amount)) {
        return page(payPage(context, link, tables[payer.language].amountInvalid, payer), 400, payer.language);
      }
    }
    links.markPaid(link, amount);
    // 303: the browser follows with a GET, as after any form post.
    return new Response(null, { status: 303, headers: { Location: returnUrl(link), 'Cache-Control': 'no-store' } });
  }

  async function fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname !== basePath && !pathname.startsWith(basePath + '/')) return apiError(404, 'not_found', 'Not found');
    const path = pathname.slice(basePath.length) || '/';
    const method = request.method;
    // '' when the path is not under `prefix/`, or names no id (a malformed `%E0` too): a 404.
    const idAfter = (prefix: string) =>
      path.startsWith(prefix + '/') ? decodeSegment(path.slice(prefix.length + 1)) : '';

    if (path === ALMARA_PATHS.token && method === 'POST') return apiCall('token', request, () => api.token(request));
    if (path === ALMARA_PATHS.create && method === 'POST') return apiCall('create', request, () => api.create(request));
    const findId = idAfter(ALMARA_PATHS.find);
    if (findId && method === 'GET') return apiCall('find', request, () => api.find(findId));
    const updateId = idAfter(ALMARA_PATHS.update);
    if (updateId && method === 'PUT') return apiCall('update', request, () => api.update(request, updateId));

    if (path === '/pay.css' && method === 'GET') {
      return new Response(PAGE_STYLE, {
        headers: { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' },
      });
    }
    if (path === '/favicon.svg' && method === 'GET') {
      return new Response(FAVICON_SVG, {
        headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=86400' },
      });
    }
    if (path.startsWith('/pay/') && (method === 'GET' || method === 'POST')) {
      const link = links.get(idAfter('/pay'));
      const payer = payerLanguage(request);
      if (!link) return page(notFoundPage(context, payer), 404, payer.language);
      return method === 'GET'
        ? page(payPage(context, link, undefined, payer), 200, payer.language)
        : simulatePayment(request, link, payer);
    }
    if (path === '/' && method === 'GET') {
      const origin = new URL(publicBase(request)).origin;
      return page(indexPage(context, { origin, credentials, shortCode, links: links.recent(20) }));
    }
    return apiError(404, 'not_found', 'Not found');
  }

  const node = toNodeHandler(fetch);
  const middleware: NodeHandler = (req, res, next) => {
    const path = ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '/').split('?')[0]!;
    if (path === basePath || path.startsWith(basePath + '/')) node(req, res, next);
    else if (next) next();
    else node(req, res);
  };

  return {
    fetch,
    middleware,
    faults,
    calls,
    getLink: (id) => links.get(id),
    dispose: () => {
      for (const done of [...pending]) done();
    },
  };
}
