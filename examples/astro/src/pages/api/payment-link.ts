import type { APIRoute } from 'astro';
import { createPaymentLinkHandler } from 'almara-pay-link/server';

// Rendered on demand: the handler runs on every request, not once at build time.
export const prerender = false;

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`/api/payment-link: set ${name} in the environment`);
  return value;
}

const paymentLink = createPaymentLinkHandler({
  baseUrl: env('ALMARA_BASE_URL'),
  credentials: { clientId: env('ALMARA_CLIENT_ID'), clientSecret: env('ALMARA_CLIENT_SECRET') },
  shortCode: env('ALMARA_SHORT_CODE'),
  redirectionSite: env('REDIRECTION_SITE'),
  // The price is the merchant's, from its own catalogue: never the browser's.
  prepare: (input) => ({ ...input, amount: 1500, isAmountSpecified: true, description: 'Kikoi wrap' }),
});

export const POST: APIRoute = ({ request }) => paymentLink(request);
// The CORS preflight of a page on another origin (listed in `allowedOrigins`).
export const OPTIONS: APIRoute = ({ request }) => paymentLink(request);
