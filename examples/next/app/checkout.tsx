'use client';

import { AlmaraPayLink } from 'almara-pay-link/react';
import { useState } from 'react';

// Outside the component, so that every render hands the element the same objects.
const strings = { pay: (amount: string) => `Pay ${amount} with M-Pesa` };
const headers = { 'X-Shop-Cart': 'kikoi-wrap' };

export function Checkout() {
  const [status, setStatus] = useState('');
  return (
    <>
      <AlmaraPayLink
        endpoint="/api/payment-link"
        amount={1500}
        currency="KES"
        description="Kikoi wrap"
        strings={strings}
        headers={headers}
        onSubmit={(event) => setStatus(`Creating a payment link for KES ${event.detail.request.amount}…`)}
      />
      <p role="status">{status}</p>
    </>
  );
}
