/**
 * Almara's documented Create Payment Link body, described once: `LINK_FIELDS` names each
 * field and its kind, and everything on the server side that knows a link's fields is
 * built from it, each with its own rule per kind:
 *
 * - here, the client's check of what it sends (Create, and Update as a part of it), with
 *   only the rules Almara documents;
 * - the lenient reader of links in answers (`assumptions.ts`, A3), and `PaymentLink`;
 * - the sandbox's validation, as strict as a real API (`sandbox/validate.ts`).
 *
 * A new field is one line here and one in the shared schema (the compiler insists, below);
 * a new kind is one rule in each table (the compiler insists there too).
 *
 * The client's check is not derived from the shared schema (`src/schema.ts`) on purpose:
 * that one holds the element's rules (lengths, two decimals, an amount above zero, the
 * phone normalised), which the handler applies to what `prepare` returns; this one holds
 * only Almara's documented rules, for `AlmaraPayClient` used on its own (an open-amount
 * link with `amount: 0`, say). So it is looser, never stricter: what the shared schema
 * accepts passes here (test/node/client.test.ts checks it).
 */
import * as z from 'zod';
import type { RequestField } from '../../schema.js';

/**
 * What a field of the create body holds, as far as checking it goes: text the link cannot
 * do without, optional text, an email address, true or false, a sum of money, a currency
 * code (optional), an http(s) URL.
 */
export type FieldKind = 'text' | 'optionalText' | 'email' | 'boolean' | 'money' | 'currencyCode' | 'webUrl';

/** The documented create body, field by field as the docs list them, each with its kind. */
export const LINK_FIELDS = {
  shortCode: 'text',
  firstName: 'text',
  lastName: 'text',
  emailAddress: 'email',
  phoneNumber: 'text',
  accountReference: 'optionalText',
  paymentType: 'optionalText',
  description: 'text',
  isAmountSpecified: 'boolean',
  amount: 'money',
  currency: 'currencyCode',
  // Listed among the fields the docs describe, so sent every time.
  redirectionSite: 'webUrl',
} as const satisfies Record<string, FieldKind>;

/** A field of the create body. */
export type LinkField = keyof typeof LINK_FIELDS;

/** Almara's documented rules: what the client checks before sending. */
const documentedRules = {
  text: z.string().trim().min(1),
  optionalText: z.string().optional(),
  // Looser than the shared schema's own check, so that what the element accepts is never refused here.
  email: z.string().regex(/^[^\s@]+@[^\s@]+$/, 'an email address'),
  boolean: z.boolean(),
  money: z.number().nonnegative(),
  currencyCode: z.string().optional(),
  webUrl: z.url({ protocol: /^https?$/ }),
} satisfies Record<FieldKind, z.ZodType>;

/** What a field of each kind holds once checked by the documented rules. */
export type KindValues = { [K in FieldKind]: z.output<(typeof documentedRules)[K]> };

/**
 * A rule for every kind, each giving the value the documented rule gives (or also `Also`:
 * `undefined` for a reader that drops what it cannot read). Other checkers of the same
 * fields (the sandbox, the reader of answers) declare theirs with `satisfies FieldRules`,
 * so that their links have the types of the client's.
 */
export type FieldRules<Also = never> = { [K in FieldKind]: z.ZodType<KindValues[K] | Also> };

/** The shape of a `z.object` of the create body's fields, each checked by its kind's rule in `rules`. */
export function linkFieldsShape<R extends Record<FieldKind, z.ZodType>>(
  rules: R,
): { [F in LinkField]: R[(typeof LINK_FIELDS)[F]] } {
  // Object.fromEntries forgets which key holds which type; the signature says it again.
  return Object.fromEntries(Object.entries(LINK_FIELDS).map(([field, kind]) => [field, rules[kind]])) as {
    [F in LinkField]: R[(typeof LINK_FIELDS)[F]];
  };
}

/** The create body's fields with Almara's documented rules. */
export const linkFieldsSchema = z.object(linkFieldsShape(documentedRules));

/** A link's fields, as the create body has them once checked. */
export type LinkFields = z.output<typeof linkFieldsSchema>;

/** `POST /v1/payment-link/create-payment-link`, field by field as the docs list them. */
export const createPaymentLinkBodySchema = linkFieldsSchema.refine(
  (body) => !body.isAmountSpecified || body.amount > 0,
  { error: 'a specified amount must be more than zero', path: ['amount'] },
);

/** A Create body as a caller may give it. */
export type CreatePaymentLinkBody = z.input<typeof createPaymentLinkBodySchema>;

// A field added to one schema and not the other is a compile error here.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Expect<T extends true> = T;
type _SameFieldsAsTheSharedSchema = Expect<SameKeys<Exclude<LinkField, 'shortCode'>, RequestField>>;

/** An Update body: any of the create fields but the short code (assumption A5). */
export const paymentLinkChangesSchema = linkFieldsSchema.omit({ shortCode: true }).partial();

/** What Update may change: the create body's fields, less the short code (A5). */
export type PaymentLinkChanges = z.input<typeof paymentLinkChangesSchema>;
