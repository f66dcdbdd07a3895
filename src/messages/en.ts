import { wholeTable, type ElementStrings, type StatusStrings, type Strings } from './strings.js';

/** What the element shows, in English. */
export const enElement: ElementStrings = {
  locale: 'en-KE',
  firstName: 'First name',
  lastName: 'Last name',
  emailAddress: 'Email',
  phoneNumber: 'Phone number',
  phoneHint: 'M-Pesa or Airtel Money',
  amount: 'Amount',
  description: 'Description',
  pay: (amount) => `Pay ${amount}`,
  submitting: 'Opening Almara Pay…',
  stillWorking: 'Still creating your link…',
  cancel: 'Cancel',
  payOn: 'You’ll pay on Almara Pay: M-Pesa, Airtel Money or card.',
  continueToPayment: 'Continue to payment',
  required: 'This field is required.',
  tooLong: 'This is too long.',
  emailInvalid: 'Enter an email address like name@example.com.',
  phoneInvalid: 'Enter a phone number like 0712 345 678.',
  amountInvalid: 'Enter an amount like 1500.',
  amountDecimals: 'Use at most two decimal places.',
  amountGrouping: 'Use a comma for thousands, like 1,500.',
  amountTooSmall: (min) => `The amount must be at least ${min}.`,
  amountTooLarge: (max) => `The amount must be at most ${max}.`,
  fixErrors: 'Please correct the highlighted fields.',
  misconfigured: 'This payment form is not set up correctly.',
  networkError: 'Could not connect. Check your connection and try again.',
  timeout: 'The server took too long. Please try again.',
  serverError: 'Something went wrong. Please try again.',
};

/** The whole table: the element's part, and what only the server module says. */
export const en: Strings = wholeTable(enElement, {
  invalidResponse: 'Something went wrong. Please try again.',
  tooManyRequests: 'Too many attempts. Please wait a moment and try again.',
  storeUnavailable: 'Payments are unavailable right now. Please try again.',
  paymentNotFound: 'We could not find this payment.',
  unknownItem: 'This item cannot be paid for here. Please tell the seller.',
  inProgress: 'Your payment link is still being created. Please wait a moment, then try again.',
});

/** What `<almara-pay-status>` shows, in English: a part of its own, which the form never imports. */
export const enStatus: StatusStrings = {
  locale: 'en-KE',
  checking: 'Checking your payment…',
  pendingTitle: 'Waiting for your payment',
  pendingAction: 'Check your phone for the M-Pesa prompt and enter your PIN. This page updates by itself.',
  paidTitle: 'Payment received',
  paidOn: (date) => `Paid on ${date}`,
  failedTitle: 'Payment not completed',
  failedText: 'The payment was declined or did not go through. You have not been charged.',
  tryAgain: 'Try again',
  expiredTitle: 'This payment link has expired',
  expiredText: 'Nothing was paid with it. Start a new payment from the seller’s page.',
  notFoundTitle: 'We could not find this payment',
  notFoundText: 'Check the link you followed, or contact the seller with the time you paid.',
  problem: 'We could not check your payment. Check your connection.',
  checkAgain: 'Check again',
  stoppedChecking: 'Still pending. We stopped checking automatically.',
};
