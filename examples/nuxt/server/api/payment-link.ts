import { createPaymentLinkHandler } from 'almara-pay-link/server';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the payment-link handler needs it.`);
  return value;
}

const paymentLink = createPaymentLinkHandler({
  baseUrl: env('ALMARA_BASE_URL'),
  credentials: { clientId: env('ALMARA_CLIENT_ID'), clientSecret: env('ALMARA_CLIENT_SECRET') },
  shortCode: env('ALMARA_SHORT_CODE'),
  redirectionSite: env('REDIRECTION_SITE'),
  // The price comes from the shop's catalogue, never from the browser.
  prepare: (input) => ({ ...input, amount: 1500, isAmountSpecified: true, description: 'Kikoi wrap' }),
});

// POST, and OPTIONS for CORS preflights.
export default defineEventHandler((event) => paymentLink(toWebRequest(event)));
