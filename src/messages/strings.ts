/**
 * Every text the element shows and every sentence the server module says to a payer, as
 * one typed table per language (\`en.ts\`, \`sw.ts\`), listed in \`index.ts\`. An entry that
 * depends on a value (an amount, a bound) is a function of the value already
 * formatted for the language, so translators see whole sentences.
 */
export interface Strings {
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
  submitting: string;
  redirecting: string;
  continueToPayment: string;
  required: string;
  tooLong: string;
  emailInvalid: string;
  phoneInvalid: string;
  amountInvalid: string;
  amountDecimals: string;
  amountTooSmall: (min: string) => string;
  amountTooLarge: (max: string) => string;
  /** Shown above the button when the payer's own checks fail. */
  fixErrors: string;
  /** A value the merchant set on the element is wrong; the payer cannot fix it. */
  misconfigured: string;
  networkError: string;
  timeout: string;
  invalidResponse: string;
  serverError: string;
  /** A 429: the payer (or a script) tried too often. The server words it; the element shows it. */
  tooManyRequests: string;
}
