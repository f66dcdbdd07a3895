/**
 * The demo shop's backend, as a merchant would write it with the server module: the
 * payment-link handler with a `prepare` that prices from the shop's own catalogue, and the
 * payment-status handler for the thank-you page, which reads the link back from Almara.
 *
 * It talks to the sandbox unless ALMARA_BASE_URL, ALMARA_CLIENT_ID, ALMARA_CLIENT_SECRET
 * and ALMARA_SHORT_CODE are set, in which case it uses the real Almara Pay API.
 */
import { localeOf, type Language } from '../src/messages/index.js';
import { formatMoney } from '../src/money.js';
import { SANDBOX_CREDENTIALS, SANDBOX_SHORT_CODE } from '../src/sandbox/index.js';
import {
  AlmaraPayClient,
  createPaymentLinkHandler,
  createPaymentStatusHandler,
  PaymentLinkError,
  requestLanguage,
  type PaymentRequest,
} from '../src/server/index.js';

type Item = { description: string } & ({ price: number } | { min: number; max: number });

/** What the shop sells, keyed by the `account-reference` its pages put on each element. */
const CATALOGUE: Record<string, Item> = {
  // A fixed price: whatever amount the browser sends, this one is charged.
  'kikoi-wrap': { description: 'Kikoi beach wrap', price: 1500 },
  // An open amount, within the shop's own bounds.
  'tree-fund': { description: 'Donation: Green Belt tree fund', min: 50, max: 100_000 },
};

/** The shop's own refusals, in each language the element speaks: the payer reads them in the form's. */
const REFUSALS: Record<Language, { unknownItem: string; giveBetween: (min: string, max: string) => string }> = {
  en: {
    unknownItem: 'This item is no longer available.',
    giveBetween: (min, max) => `Give between ${min} and ${max}.`,
  },
  sw: {
    unknownItem: 'Bidhaa hii haipatikani tena.',
    giveBetween: (min, max) => `Toa kati ya ${min} na ${max}.`,
  },
};

/**
 * The shop's pricing rules: never trust an amount or a description from the browser. Its
 * refusals are in the request's language (the element's Accept-Language), English without one.
 */
export function prepare(input: PaymentRequest, request?: Request): PaymentRequest {
  const language = request ? requestLanguage(request) : 'en';
  const words = REFUSALS[language];
  const item = input.accountReference ? CATALOGUE[input.accountReference] : undefined;
  if (!item) throw new PaymentLinkError(words.unknownItem, { status: 404, code: 'unknown_item' });
  if ('price' in item) return { ...input, amount: item.price, isAmountSpecified: true, description: item.description };
  if (input.amount < item.min || input.amount > item.max) {
    const money = (amount: number) => formatMoney(amount, 'KES', localeOf(language));
    const message = words.giveBetween(money(item.min), money(item.max));
    throw new PaymentLinkError(message, { code: 'amount_out_of_range', fields: { amount: message } });
  }
  return { ...input, description: item.description };
}

export interface DemoBackendOptions {
  /** Where the shop is served, e.g. `http://localhost:5173`. */
  origin: string;
  /** Where the sandbox is mounted on that origin. */
  sandboxPath: string;
  /** How the client reaches the sandbox; default: over HTTP at `origin + sandboxPath`. */
  sandboxFetch?: typeof fetch;
  env?: Record<string, string | undefined>;
}

export interface DemoBackend {
  /** Answers `/api/payment-link` (POST, OPTIONS) and `/api/payment-link/{id}` (GET); 404 for anything else. */
  fetch: (request: Request) => Promise<Response>;
  /** True when the real Almara API is used. */
  live: boolean;
}

export function createDemoBackend(options: DemoBackendOptions): DemoBackend {
  const env = options.env ?? process.env;
  const live = Boolean(env['ALMARA_BASE_URL']);
  const client = live
    ? new AlmaraPayClient({
        baseUrl: env['ALMARA_BASE_URL']!,
        credentials: { clientId: env['ALMARA_CLIENT_ID'] ?? '', clientSecret: env['ALMARA_CLIENT_SECRET'] ?? '' },
      })
    : new AlmaraPayClient({
        baseUrl: options.origin + options.sandboxPath,
        credentials: SANDBOX_CREDENTIALS,
        ...(options.sandboxFetch ? { fetch: options.sandboxFetch } : {}),
      });
  const handler = createPaymentLinkHandler({
    client,
    shortCode: live ? (env['ALMARA_SHORT_CODE'] ?? '') : SANDBOX_SHORT_CODE,
    redirectionSite: `${options.origin}/thanks.html`,
    // The thank-you page is told the form's language: the payer goes on reading the one they paid in.
    prepare: (input, request) => {
      const prepared = prepare(input, request);
      const language = requestLanguage(request);
      if (prepared.redirectionSite || language === 'en') return prepared;
      return { ...prepared, redirectionSite: `${options.origin}/thanks.html?lang=${language}` };
    },
  });

  // What the thank-you page may show: no payer details, only what was paid and how it stands.
  const paymentStatus = createPaymentStatusHandler({ client });

  return {
    live,
    async fetch(request) {
      const { pathname } = new URL(request.url);
      if (pathname === '/api/payment-link') return handler(request);
      if (pathname === '/api/payment-status') return paymentStatus(request);
      return Response.json({ error: { code: 'not_found', message: 'Not found.' } }, { status: 404 });
    },
  };
}
