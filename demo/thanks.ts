// The thank-you page: Almara sends the payer back here with the link's id in the query
// (assumption A7 of src/server/almara-api.ts: `paymentLinkId`). The page never trusts the
// query for what was paid: it asks the shop's backend, which reads the link from Almara.
import { formatMoney } from '../src/money.js';

interface PaymentStatus {
  id: string;
  amount?: number;
  currency?: string;
  description?: string;
  status?: string;
}

const STATUS_TEXT: Record<string, { title: string; badge: string }> = {
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
  const id = new URLSearchParams(location.search).get('paymentLinkId');
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
  const known = STATUS_TEXT[payment.status ?? ''];
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
