import { createPaymentLinkHandler, type PaymentLinkHandler } from 'almara-pay-link/server';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set the environment variable ${name}`);
  return value;
}

let handler: PaymentLinkHandler | undefined;

// Made on the first request: `next build` loads this module without the server's environment.
function paymentLink(request: Request) {
  handler ??= createPaymentLinkHandler({
    baseUrl: env('ALMARA_BASE_URL'),
    credentials: { clientId: env('ALMARA_CLIENT_ID'), clientSecret: env('ALMARA_CLIENT_SECRET') },
    shortCode: env('ALMARA_SHORT_CODE'),
    redirectionSite: env('REDIRECTION_SITE'),
    // The price is the catalogue's, not the browser's.
    prepare: (input) => ({ ...input, amount: 1500, isAmountSpecified: true, description: 'Kikoi wrap' }),
  });
  return handler(request);
}

// OPTIONS too: a page on another origin sends a CORS preflight first.
export { paymentLink as POST, paymentLink as OPTIONS };
