/**
 * The documented request bodies (Create Payment Link, and Update as a part of it),
 * checked before anything is sent: a body Almara would refuse is our bug or the
 * merchant's, and is better caught here, with a clear message, than as an upstream 400.
 *
 * Not derived from the shared schema (`src/schema.ts`) on purpose: that one holds the
 * element's rules (lengths, two decimals, an amount above zero, the phone normalised),
 * which the handler applies to what `prepare` returns; this one holds only Almara's
 * documented rules, for `AlmaraPayClient` used on its own (an open-amount link with
 * `amount: 0`, say). So it is looser, never stricter: what the shared schema accepts
 * passes here (test/node/client.test.ts checks it), and the two list the same fields
 * (checked below by the compiler).
 */
import * as z from 'zod';
import type { RequestField } from '../../schema.js';

const webUrl = z.url({ protocol: /^https?$/ });

const fields = z.object({
  shortCode: z.string().trim().min(1),
  firstName: z.string().trim().min(1),
  lastName: z.string().trim().min(1),
  // As loose as the shared schema's own check, so that what the element accepts is never refused here.
  emailAddress: z.string().regex(/^[^\s@]+@[^\s@]+$/, 'an email address'),
  phoneNumber: z.string().trim().min(1),
  accountReference: z.string().optional(),
  paymentType: z.string().optional(),
  description: z.string().trim().min(1),
  isAmountSpecified: z.boolean(),
  amount: z.number().nonnegative(),
  currency: z.string().optional(),
  // Listed among the fields the docs describe, so sent every time.
  redirectionSite: webUrl,
});

/** `POST /v1/payment-link/create-payment-link`, field by field as the docs list them. */
export const createPaymentLinkBodySchema = fields.refine((body) => !body.isAmountSpecified || body.amount > 0, {
  error: 'a specified amount must be more than zero',
  path: ['amount'],
});

/** A Create body as a caller may give it. */
export type CreatePaymentLinkBody = z.input<typeof createPaymentLinkBodySchema>;

// A field added to one schema and not the other is a compile error here.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Expect<T extends true> = T;
type _SameFieldsAsTheSharedSchema = Expect<SameKeys<Exclude<keyof CreatePaymentLinkBody, 'shortCode'>, RequestField>>;

/** An Update body: any of the create fields but the short code. */
export const paymentLinkChangesSchema = fields.omit({ shortCode: true }).partial();
