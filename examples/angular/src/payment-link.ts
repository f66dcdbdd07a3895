import { createPaymentLinkHandler, type PaymentLinkHandler } from 'almara-pay-link/server';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the payment-link handler needs it.`);
  return value;
}

// Made on the first request, not on import: `ng build` loads the server to list its routes,
// without the shop's secrets.
let handler: PaymentLinkHandler | undefined;

export const paymentLink: PaymentLinkHandler = (request, context) => {
  handler ??= createPaymentLinkHandler({
    baseUrl: env('ALMARA_BASE_URL'),
    credentials: { clientId: env('ALMARA_CLIENT_ID'), clientSecret: env('ALMARA_CLIENT_SECRET') },
    shortCode: env('ALMARA_SHORT_CODE'),
    redirectionSite: env('REDIRECTION_SITE'),
    // The price comes from the shop's catalogue, never from the browser.
    prepare: (input) => ({ ...input, amount: 1500, isAmountSpecified: true, description: 'Kikoi wrap' }),
  });
  return handler(request, context);
};
