/**
 * Every text the element shows and every sentence the server module says to a payer, as
 * one typed table per language (\`en.ts\`, \`sw.ts\`), listed in \`index.ts\`. An entry that
 * depends on a value (an amount, a bound) is a function of the value already
 * formatted for the language, so translators see whole sentences.
 *
 * A table has two parts: what the element shows (which the server module may say too),
 * and what only the server module says, kept apart so that the browser never downloads
 * it: every byte of the first part is in the CDN file, twice over (once per language).
 */
export interface ElementStrings {
  /** The locale \`Intl\` formats money in for this language (Kenyan conventions). */
  locale: string;
  firstName: string;
  lastName: string;
  emailAddress: string;
  phoneNumber: string;
  phoneHint: string;
  amount: string;
  description: string;
  /** The button: with the amount once it is known, with `''` (trimmed) before. */
  pay: (amount: string) => string;
  /** The status while the link is being made and the payer is sent to it: it names the next step. */
  submitting: string;
  /** The status once the payer has waited a few seconds, beside the cancel button. */
  stillWorking: string;
  /** Stops a submission that is taking long; what was typed stays. */
  cancel: string;
  /** The line under the button: where the payment is finished, and how. */
  payOn: string;
  continueToPayment: string;
  required: string;
  tooLong: string;
  emailInvalid: string;
  phoneInvalid: string;
  amountInvalid: string;
  amountDecimals: string;
  /** Thousands grouped with dots ("1.500"), refused rather than read as decimals. */
  amountGrouping: string;
  amountTooSmall: (min: string) => string;
  amountTooLarge: (max: string) => string;
  /** Shown above the button when the payer's own checks fail. */
  fixErrors: string;
  /** A value the merchant set on the element is wrong; the payer cannot fix it. */
  misconfigured: string;
  networkError: string;
  timeout: string;
  /** A failure the element cannot name: a backend's 5xx without a sentence, a 2xx without a usable link. */
  serverError: string;
}

/** What only the server module says: the element shows these as the server sends them. */
export interface ServerStrings {
  invalidResponse: string;
  /** A 429: the payer (or a script) tried too often. */
  tooManyRequests: string;
  /** A 503: the server's shared store (Redis) is down, so it makes no link rather than risk two. */
  storeUnavailable: string;
  /** A 503: another request with the same key is still creating the link; the element retries it. */
  inProgress: string;
  /** A 404 or 400 of the payment-status handler: no payment has that id. */
  paymentNotFound: string;
  /** The no-code backend (`almara-pay-link serve`): the form names an item its catalogue does not have. */
  unknownItem: string;
}

/**
 * What `<almara-pay-status>` shows on the thank-you page (contract §6): a third part of each
 * table, apart from the form's, so that the form's CDN file carries none of it (the form never
 * imports it) and the status element's carries none of the form's. Titles are short and
 * stand alone (a live region reads them); each text says what the payer can do next.
 */
export interface StatusStrings {
  /** The locale `Intl` formats money and dates in: the element part's `locale` (a test holds them equal). */
  locale: string;
  /** While the first answer is awaited. */
  checking: string;
  /** The payment is pending: the title, then what the payer should do. */
  pendingTitle: string;
  pendingAction: string;
  paidTitle: string;
  /** Under `paidTitle`, when the backend says when: the date and time already formatted (`formatPaidAt`). */
  paidOn: (date: string) => string;
  failedTitle: string;
  failedText: string;
  /** The link back to the payment form, after a failed payment. */
  tryAgain: string;
  expiredTitle: string;
  expiredText: string;
  /** A 404 or 400: no payment has the page's id. */
  notFoundTitle: string;
  notFoundText: string;
  /** The backend could not be reached or could not answer: nothing is known of the payment. */
  problem: string;
  /** The button that asks again: after a problem, and once polling has stopped. */
  checkAgain: string;
  /** Still pending when `poll-for` ran out, beside `checkAgain`. */
  stoppedChecking: string;
}

/** A language's whole table, as the server module reads it. */
export interface Strings extends ElementStrings, ServerStrings {}

/**
 * A language's whole table from its two parts. A call the bundler may drop when the result
 * goes unused (the CDN file has no use for the server's part), where an object spread would
 * leave a read of the element's part behind.
 */
/* @__NO_SIDE_EFFECTS__ */
export function wholeTable(element: ElementStrings, server: ServerStrings): Strings {
  return { ...element, ...server };
}
