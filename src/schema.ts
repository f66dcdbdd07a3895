/**
 * The one door between the browser and the merchant backend: the request body of
 * contract §3, the success body and the error body, as zod/mini schemas. The element
 * validates with them before it sends; the server module validates the same body
 * again with the same code. Issues carry message keys of the string table, never
 * zod's own English, so each side words them in its own language.
 */
import * as z from 'zod/mini';
import { hasAtMostTwoDecimals, toMoney } from './money.js';
import { normalizePhone } from './phone.js';
import { isWebUrl } from './safe-url.js';

// zod/mini's objects never compile parsers with `new Function` (full zod's do, unless
// told `jitless`), so the schemas run on a merchant page whose Content-Security-Policy
// forbids eval; test/browser/cdn.test.ts holds the CDN file to that.

/** What a validation issue can say; each is an entry of the string table. */
export type IssueKey =
  | 'required'
  | 'tooLong'
  | 'emailInvalid'
  | 'phoneInvalid'
  | 'amountInvalid'
  | 'amountDecimals'
  | 'amountTooSmall'
  | 'amountTooLarge'
  | 'invalid';

/** The payer's fields, in form order: the order focus and errors follow. */
export const payerFields = ['firstName', 'lastName', 'emailAddress', 'phoneNumber', 'amount', 'description'] as const;
export type PayerField = (typeof payerFields)[number];

export interface AmountBounds {
  /** Smallest amount accepted; default: anything above zero. */
  minAmount?: number;
  /** Largest amount accepted; default: no bound. */
  maxAmount?: number;
}

const key = (error: IssueKey) => ({ error });

/** A string, as a `custom` type: zod's own string type would bring its class into the CDN file. */
const string = (params?: { error: IssueKey }) => z.custom<string>((value) => typeof value === 'string', params);

// Every rule below is a `refine`, an `overwrite` (trim, normalise, round) or a `custom` type,
// not zod's minLength/maxLength/email/regex checks or its string, number and boolean types:
// each kind of check or type zod is asked for brings its own class into the CDN file
// (about a kilobyte gzipped for those), and these three cover every rule we have.
const text = (required: boolean, max: number) =>
  string(key(required ? 'required' : 'invalid')).check(
    z.overwrite((value) => value.trim()),
    z.refine((value) => !required || value !== '', key('required')),
    z.refine((value) => value.length <= max, key('tooLong')),
  );

// zod's own email rule (the one full zod's z.email() applies, as the sandbox does): an ASCII
// local part without leading or doubled dots, a domain of letters, digits and hyphens, a
// TLD of two letters or more. One rule on both sides, so that no address the element lets
// through is refused further on with a vaguer message.
const EMAIL = /^(?!\.)(?!.*\.\.)([\w'+\-.]*)[\w+-]@([a-z\d][a-z\d-]*\.)+[a-z]{2,}$/i;

/**
 * The request body schema, with amount bounds. The element passes the bounds of
 * its `min-amount`/`max-amount` when the payer types the amount; a fixed amount
 * is the merchant's own and only has to be a positive sum of money.
 */
export function createPaymentRequestSchema(bounds: AmountBounds = {}) {
  const { minAmount, maxAmount } = bounds;
  return z.object({
    firstName: text(true, 100),
    lastName: text(true, 100),
    emailAddress: text(true, 254).check(z.refine((value) => EMAIL.test(value), key('emailInvalid'))),
    // The output is the number Almara expects; an input already normalised stays as it is,
    // so the server's second pass over the element's body changes nothing.
    phoneNumber: text(true, 32).check(
      z.refine((value) => normalizePhone(value) !== null, key('phoneInvalid')),
      z.overwrite((value) => normalizePhone(value) ?? value),
    ),
    description: text(true, 255),
    isAmountSpecified: z.custom<boolean>((value) => typeof value === 'boolean', key('invalid')),
    amount: z
      .custom<number>((value) => typeof value === 'number' && Number.isFinite(value), {
        error: (issue) => (issue.input === undefined ? 'required' : 'amountInvalid'),
      })
      .check(
        // Rounded to its cents first: the bounds and Almara see the amount the payer reads.
        z.overwrite(toMoney),
        z.refine((n) => n > 0 && (minAmount === undefined || n >= minAmount), key('amountTooSmall')),
        z.refine((n) => maxAmount === undefined || n <= maxAmount, key('amountTooLarge')),
        z.refine(hasAtMostTwoDecimals, key('amountDecimals')),
      ),
    currency: z.optional(
      text(false, 10).check(
        z.overwrite((value) => value.toUpperCase()),
        z.refine((value) => /^[A-Z]{3}$/.test(value), key('invalid')),
      ),
    ),
    accountReference: z.optional(text(false, 100)),
    paymentType: z.optional(text(false, 50)),
    redirectionSite: z.optional(text(false, 2048).check(z.refine(isWebUrl, key('invalid')))),
  });
}

/** The request body without bounds: what any backend accepts before its own rules. */
export const paymentRequestSchema = createPaymentRequestSchema();

/** The JSON body the element sends (contract §3), after normalisation. */
export type PaymentRequest = z.output<typeof paymentRequestSchema>;
/** What may be given to the schema: phone numbers and text as typed. */
export type PaymentRequestInput = z.input<typeof paymentRequestSchema>;
export type RequestField = keyof PaymentRequest;

/** The first issue of each field, as a message key; the order of `error.issues` is form order. */
export function issuesByField(error: z.core.$ZodError): Partial<Record<RequestField, IssueKey>> {
  const found: Partial<Record<RequestField, IssueKey>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as RequestField | undefined;
    if (field !== undefined && !(field in found)) found[field] = issue.message as IssueKey;
  }
  return found;
}

/** A backend's success body (§3). Whether `url` is safe to follow is `isSafePaymentUrl`'s call. */
export const paymentLinkResponseSchema = z.object({
  url: string(),
  id: string(),
});
export type PaymentLinkResponse = z.output<typeof paymentLinkResponseSchema>;

const optionalString = z.optional(string());

/**
 * A backend's error body (§3): `{ error: { code, message, fields } }`, every part
 * optional. `fields` keeps the request's own field names and drops others (a record
 * schema would keep them, at a kilobyte of the CDN file).
 */
export const errorResponseSchema = z.object({
  error: z.object({
    code: optionalString,
    message: optionalString,
    fields: z.optional(
      z.object(
        Object.fromEntries(Object.keys(paymentRequestSchema.shape).map((field) => [field, optionalString])) as Record<
          RequestField,
          typeof optionalString
        >,
      ),
    ),
  }),
});
export type ErrorResponse = z.output<typeof errorResponseSchema>;
