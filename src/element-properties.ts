import type { AlmaraPayLink } from './almara-pay-link.js';

/**
 * The element's properties a framework template may set, for the JSX (React 19) and Vue
 * declarations: everything of contract §2 that is a property, all optional.
 */
export type AlmaraPayLinkProperties = Partial<
  Pick<
    AlmaraPayLink,
    | 'endpoint'
    | 'amount'
    | 'currency'
    | 'description'
    | 'accountReference'
    | 'paymentType'
    | 'redirectionSite'
    | 'firstName'
    | 'lastName'
    | 'emailAddress'
    | 'phoneNumber'
    | 'minAmount'
    | 'maxAmount'
    | 'target'
    | 'submitLabel'
    | 'disabled'
    | 'credentials'
    | 'timeout'
    | 'amountPresets'
    | 'noRestore'
    | 'headers'
    | 'strings'
  >
>;
