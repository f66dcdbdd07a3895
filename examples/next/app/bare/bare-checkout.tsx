'use client';

import 'almara-pay-link/define';
import type {} from 'almara-pay-link/jsx';

// Server-rendered, the bare tag gets attributes only: React 19 hands object props and
// onalmara-pay-link-* handlers to the element only when it renders on the client.
export function BareCheckout() {
  return <almara-pay-link endpoint="/api/payment-link" amount={1500} currency="KES" description="Kikoi wrap" />;
}
