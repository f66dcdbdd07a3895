// The thank-you page: Almara sends the payer back here with the link's id in the query
// (assumption A7, `REDIRECT_ID_PARAM`; the statuses are A6). The page never trusts the
// query for what was paid: it asks the shop's backend, which reads the link from Almara.
import { formatMoney } from '../src/money.js';
// The assumptions' constants, from the module that imports nothing: no zod on this page.
import { isKnownPaymentLinkStatus, REDIRECT_ID_PARAM, type PaymentLinkStatus } from '../src/server/almara/constants.js';

interface PaymentStatus {
  id: string;
  amount?: number;
  currency?: string;
  description?: string;
  status?: string;
}

// Typed by the statuses of A6: a status added there is a type error here until it has words.
const STATUS_TEXT: Record<PaymentLinkStatus, { title: string; badge: string }> = {
  paid: { title: 'Thank you! Your payment is complete.', badge: 'Paid' },
  pending: { title: 'Your payment is not confirmed yet.', badge: 'Pending' },
};

const byId = (id: string) => document.getElementById(id)!;

function showProblem(message: string): void {
  byId('receipt-title').textContent = 'We could not find this payment';
  byId('problem').textContent = message;
  byId('problem').hidden = false;
}

async function show(): Promise<void> {
  const id = new URLSearchParams(location.search).get(REDIRECT_ID_PARAM);
  if (!id) {
    showProblem('This page is where the payment page sends you back to after paying.');
    return;
  }
  const response = await fetch(`/api/payment-link/${encodeURIComponent(id)}`, {
    headers: { Accept: 'application/json' },
  });
  if (!response.ok) {
    showProblem('Check the link, or contact the shop with the time of your payment.');
    return;
  }
  const payment = (await response.json()) as PaymentStatus;
  const known = isKnownPaymentLinkStatus(payment.status) ? STATUS_TEXT[payment.status] : undefined;
  byId('receipt-title').textContent = known?.title ?? 'Your payment';
  byId('amount').textContent =
    payment.amount === undefined ? '' : formatMoney(payment.amount, payment.currency ?? 'KES', 'en-KE');
  byId('description').textContent = payment.description ?? '';
  const badge = byId('status');
  badge.textContent = known?.badge ?? payment.status ?? 'Unknown';
  badge.dataset['status'] = payment.status ?? 'unknown';
  byId('link-id').textContent = payment.id;
  byId('details').hidden = false;
}

show().catch(() => {
  showProblem('Could not reach the shop. Check your connection and reload this page.');
});
