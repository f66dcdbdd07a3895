/**
 * One payer and one order for every suite: as typed into the form (end-to-end tests) and
 * as the element sends them (unit and node tests). Plain data that imports nothing at run
 * time, so a browser test may take it as well as a Node one.
 */
import type { PaymentRequest } from '../src/schema.js';

/** A payer's details as they type them into the form. */
export interface Payer {
  firstName: string;
  lastName: string;
  emailAddress: string;
  phoneNumber: string;
}

/** The payer of the tests, the phone number written as people write it. */
export const PAYER: Payer = {
  firstName: 'Wanjiku',
  lastName: 'Kamau',
  emailAddress: 'wanjiku@example.com',
  phoneNumber: '0712 345 678',
};

/**
 * What `<almara-pay-link amount="1500" currency="KES" description="Order 1042">` sends for
 * that payer (contract §3): the phone number normalised, no optional field.
 */
export const PAYMENT_REQUEST: PaymentRequest = {
  ...PAYER,
  phoneNumber: '254712345678',
  description: 'Order 1042',
  isAmountSpecified: true,
  amount: 1500,
  currency: 'KES',
};
