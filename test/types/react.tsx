// Type test, checked by tsc (npm run typecheck): the React wrapper's props and the bare tag
// in JSX (React 19 style, through almara-pay-link/jsx), right and wrong.
import type {} from '../../src/jsx.js';
import { AlmaraPayLink } from '../../src/react.js';

export const wrapper = (
  <AlmaraPayLink
    endpoint="/api/payment-link"
    amount={1500}
    description="Order 1042"
    target="_blank"
    headers={{ 'X-CSRF-Token': 'abc' }}
    strings={{ pay: (amount) => `Lipa ${amount}` }}
    onSubmit={(event) => event.detail.request.phoneNumber}
    onSuccess={(event) => {
      event.preventDefault();
      return event.detail.url;
    }}
    onError={(event) => event.detail.fields?.emailAddress}
  />
);

// @ts-expect-error an amount is a number, not text
export const textAmount = <AlmaraPayLink endpoint="/api/payment-link" amount="1500" />;

// @ts-expect-error the success detail has no `amount`; it is in `detail.request`
export const wrongDetail = <AlmaraPayLink onSuccess={(event) => event.detail.amount} />;

// @ts-expect-error target is _self, _top or _blank
export const wrongTarget = <AlmaraPayLink target="_parent" />;

export const bareTag = (
  <almara-pay-link
    endpoint="/api/payment-link"
    amount={1500}
    description="Order 1042"
    onalmara-pay-link-success={(event) => event.detail.url}
    onalmara-pay-link-error={(event) => event.detail.code}
  />
);

// @ts-expect-error an amount is a number, not text
export const bareTextAmount = <almara-pay-link endpoint="/api/payment-link" amount="1500" />;

// @ts-expect-error the error detail has no `url`
export const bareWrongDetail = <almara-pay-link onalmara-pay-link-error={(event) => event.detail.url} />;

// @ts-expect-error no such property
export const bareUnknown = <almara-pay-link endpont="/api/payment-link" />;
