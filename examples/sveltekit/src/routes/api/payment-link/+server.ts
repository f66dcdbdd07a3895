import {
  ALMARA_BASE_URL,
  ALMARA_CLIENT_ID,
  ALMARA_CLIENT_SECRET,
  ALMARA_SHORT_CODE,
  REDIRECTION_SITE,
} from '$app/env/private';
import { createPaymentLinkHandler, type PaymentLinkHandler } from 'almara-pay-link/server';
import type { RequestHandler } from './$types';

// Made on the first request, not when the module loads: `vite build` loads it too, without the variables.
let handler: PaymentLinkHandler | undefined;
function paymentLink(request: Request): Promise<Response> {
  handler ??= createPaymentLinkHandler({
    baseUrl: ALMARA_BASE_URL,
    credentials: { clientId: ALMARA_CLIENT_ID, clientSecret: ALMARA_CLIENT_SECRET },
    shortCode: ALMARA_SHORT_CODE,
    redirectionSite: REDIRECTION_SITE,
    // The price is the merchant's, from its own catalogue: never the browser's.
    prepare: (input) => ({ ...input, amount: 1500, isAmountSpecified: true, description: 'Kikoi wrap' }),
  });
  return handler(request);
}

export const POST: RequestHandler = ({ request }) => paymentLink(request);
// The CORS preflight of a page on another origin (listed in `allowedOrigins`).
export const OPTIONS: RequestHandler = ({ request }) => paymentLink(request);
