/**
 * The sandbox checks bodies as the docs describe them (types, required fields, email and
 * URL formats), and as strictly as a real API would: a client that passes here sends
 * what Almara documents. Answers name each field at fault.
 */
import * as z from 'zod';
import { linkFieldsShape, type FieldRules } from '../server/almara/fields.js';

/** Assumption A1: `{ clientId, clientSecret }`. */
export const tokenRequestSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
});

// The client's fields (`server/almara/fields.ts`), each kind checked more strictly than
// the docs require, as an API checks what it is sent.
const strictRules = {
  text: z.string().trim().min(1, 'required').max(255),
  optionalText: z.string().max(255).optional(),
  email: z.email('must be an email address'),
  boolean: z.boolean('must be true or false'),
  money: z.number('must be a number').nonnegative(),
  currencyCode: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code')
    .optional(),
  webUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
} satisfies FieldRules;

const linkFields = z.object(linkFieldsShape(strictRules));

const amountRule = (body: { isAmountSpecified?: boolean; amount?: number }) =>
  body.isAmountSpecified !== true || body.amount === undefined || body.amount > 0;

/** The documented Create Payment Link body. */
export const createBodySchema = linkFields.refine(amountRule, {
  error: 'must be more than zero when isAmountSpecified',
  path: ['amount'],
});
export type CreateBody = z.output<typeof createBodySchema>;

/** Assumption A5: any create field but the short code. */
export const updateBodySchema = linkFields
  .omit({ shortCode: true })
  .partial()
  .refine(amountRule, { error: 'must be more than zero when isAmountSpecified', path: ['amount'] });
export type UpdateBody = z.output<typeof updateBodySchema>;

/** Per field, its first problem. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'body';
    errors[field] ??= issue.message;
  }
  return errors;
}
