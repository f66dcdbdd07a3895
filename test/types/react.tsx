// Type test, checked by tsc (npm run typecheck): the React wrappers' props and the bare tags
// in JSX (React 19 style, through almara-pay-link/jsx), right and wrong.
import type { StatusView } from '../../src/almara-pay-status.js';
import type {} from '../../src/jsx.js';
import { AlmaraPayLink } from '../../src/react.js';
import { AlmaraPayStatus } from '../../src/status/react.js';

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

// <almara-pay-status>: the wrapper (almara-pay-link/status/react) and the bare tag.

export const statusWrapper = (
  <AlmaraPayStatus
    endpoint="/api/payment-status"
    linkId="pl_123"
    pollFor={60_000}
    retryUrl="/checkout"
    credentials="include"
    headers={{ 'X-CSRF-Token': 'abc' }}
    strings={{ paidTitle: 'Asante!', paidOn: (date) => `Paid ${date}` }}
    onStatusChange={(event) => {
      const status: StatusView = event.detail.status;
      return `${event.detail.id} ${status} ${event.detail.link?.amount?.toFixed(2) ?? ''}`;
    }}
  >
    <h1 slot="header">Your order</h1>
  </AlmaraPayStatus>
);

// @ts-expect-error poll-for is a number of milliseconds, not text
export const statusTextPollFor = <AlmaraPayStatus endpoint="/api/payment-status" pollFor="60000" />;

// @ts-expect-error the change detail has no `url`
export const statusWrongDetail = <AlmaraPayStatus onStatusChange={(event) => event.detail.url} />;

// @ts-expect-error credentials is omit, same-origin or include
export const statusWrongCredentials = <AlmaraPayStatus credentials="always" />;

export const bareStatus = (
  <almara-pay-status
    endpoint="/api/payment-status"
    pollFor={60_000}
    className="receipt"
    lang="sw"
    onalmara-pay-status-change={(event) => event.detail.link?.paidAt ?? event.detail.status}
  >
    <p slot="footer">Back to the shop</p>
  </almara-pay-status>
);

// @ts-expect-error poll-for is a number of milliseconds, not text
export const bareStatusTextPollFor = <almara-pay-status endpoint="/api/payment-status" pollFor="60000" />;

// @ts-expect-error the change detail has no `url`
export const bareStatusWrongDetail = <almara-pay-status onalmara-pay-status-change={(event) => event.detail.url} />;

// @ts-expect-error a status is the element's to say, not the page's
export const bareStatusSet = <almara-pay-status endpoint="/api/payment-status" status="paid" />;

// @ts-expect-error a string table entry that does not exist
export const bareStatusWrongString = <almara-pay-status strings={{ paid: 'Asante' }} />;

// @ts-expect-error `status` is the element's to say, not a prop: it has no setter.
export const statusSetByPage = <AlmaraPayStatus endpoint="/api/payment-status" status="paid" />;
// @ts-expect-error nor is its method a prop.
export const statusMethodAsProp = <AlmaraPayStatus check={() => undefined} />;
