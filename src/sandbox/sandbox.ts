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
import {
  SANDBOX_CREDENTIALS,
  SANDBOX_LINK_LIFETIME,
  SANDBOX_PAY_LATER_DELAY,
  SANDBOX_SHORT_CODE,
  SANDBOX_TOKEN_LIFETIME,
} from './defaults.js';
import { FAVICON_SVG } from './favicon.js';
import { SandboxFaults, type SandboxRoute } from './faults.js';
import { LinkStore, type FinishedStatus, type SandboxLink } from './links.js';
import {
  INDEX_CONTROLS,
  indexPage,
  notFoundPage,
  notPendingPage,
  OUTCOMES,
  payPage,
  returnUrl,
  type Outcome,
  type PayerLanguage,
} from './pages.js';
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
  /**
   * Seconds a link stays payable from its creation (its `expiresAt`); a link still pending
   * then reports `expired`. Default `SANDBOX_LINK_LIFETIME`, 24 hours.
   */
  linkLifetime?: number;
  /**
   * Milliseconds from the payer's "Pay later" until the link turns paid by itself (the
   * hosted page says how long). Default `SANDBOX_PAY_LATER_DELAY`, 10 000.
   */
  payLaterDelay?: number;
  /**
   * The links' clock, in ms since the epoch (creation, expiry, "Pay later", `paidAt`): a
   * test passes its own and moves it instead of sleeping. Default `Date.now`. Tokens keep
   * the real time, so moving this clock a day on does not expire them.
   */
  now?: () => number;
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
  /** A link as the sandbox holds it, as of now (an expiry or a "Pay later" due is applied). */
  getLink(id: string): SandboxLink | undefined;
  /**
   * Ends a pending link as `paid`, `failed` or `expired` now, as the index page's controls
   * do (and as its payer would, for the first two): for tests that need a link in a state.
   * Returns the link as it then is (a link no longer pending is left unchanged: read its
   * `status`), or `undefined` for an unknown id.
   */
  setLinkStatus(id: string, status: FinishedStatus): SandboxLink | undefined;
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
  const now = options.now ?? Date.now;
  const payLaterDelay = options.payLaterDelay ?? SANDBOX_PAY_LATER_DELAY;
  const links = new LinkStore(options.linkLifetime ?? SANDBOX_LINK_LIFETIME, now);
  const faults = new SandboxFaults(() => {
    tokens.expireAll();
  });
  const calls: Record<SandboxRoute, number> = { token: 0, create: 0, find: 0, update: 0 };
  const context = { basePath, now, payLaterDelay };
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

  /**
   * The status of a hosted page's answer: 410 Gone once expired (it can no longer be paid),
   * else 200 for a look and 409 for a post to a link that is already settled.
   */
  const payPageStatus = (link: SandboxLink, method: string) =>
    link.status === 'expired' ? 410 : method === 'POST' ? 409 : 200;

  /** The payer's choice on the hosted page: Pay, Pay later or Decline. */
  async function payerOutcome(request: Request, link: SandboxLink, payer: PayerLanguage): Promise<Response> {
    // Only a pending link without a "Pay later" under way takes a choice: one payer, one answer.
    // Asked again once the body is in: another post, or the clock, may have settled it meanwhile.
    const settled = () => {
      links.get(link.id);
      return link.status !== 'pending' || link.paysAt !== undefined;
    };
    const refuse = () => page(payPage(context, link, undefined, payer), payPageStatus(link, 'POST'), payer.language);
    if (settled()) return refuse();
    const read = await limitedBody(request);
    if (!read.ok) return read.response;
    if (settled()) return refuse();
    const form = new URLSearchParams(read.text);
    // A bare post pays, as the page's single button once did: scripts written for it still work.
    const asked = form.get('outcome') ?? 'pay';
    const outcome = OUTCOMES.find((known): known is Outcome => known === asked);
    if (!outcome) return page(payPage(context, link, undefined, payer), 400, payer.language);
    if (outcome === 'decline') {
      links.finish(link, 'failed');
    } else {
      let amount: number | undefined;
      if (!link.isAmountSpecified) {
        amount = parseAmount(form.get('amount') ?? '');
        if (amount === undefined || !(amount > 0) || !hasAtMostTwoDecimals(amount)) {
          return page(payPage(context, link, tables[payer.language].amountInvalid, payer), 400, payer.language);
        }
      }
      if (outcome === 'pay') links.markPaid(link, amount);
      else links.payLater(link, payLaterDelay, amount);
    }
    // Every outcome sends the payer back (A7). 303: the browser follows with a GET, as after any form post.
    return new Response(null, { status: 303, headers: { Location: returnUrl(link), 'Cache-Control': 'no-store' } });
  }

  /** An index page control: a pending link ended by hand, then back to the index. */
  function control(id: string, status: FinishedStatus): Response {
    const link = links.get(id);
    if (!link) return page(notFoundPage(context), 404);
    if (link.status !== 'pending') return page(notPendingPage(context, link), 409);
    links.finish(link, status);
    return new Response(null, { status: 303, headers: { Location: `${basePath}/`, 'Cache-Control': 'no-store' } });
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
        ? page(payPage(context, link, undefined, payer), payPageStatus(link, 'GET'), payer.language)
        : payerOutcome(request, link, payer);
    }
    if (path.startsWith('/links/') && method === 'POST') {
      const [id = '', state, ...rest] = path.slice('/links/'.length).split('/');
      const status = (Object.keys(INDEX_CONTROLS) as FinishedStatus[]).find((known) => known === state);
      const decoded = decodeSegment(id);
      if (decoded && status && rest.length === 0) return control(decoded, status);
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
    setLinkStatus: (id, status) => {
      const link = links.get(id);
      return link && links.finish(link, status);
    },
    dispose: () => {
      for (const done of [...pending]) done();
    },
  };
}
