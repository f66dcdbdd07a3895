/**
 * The 400 answer for a body that fails the shared schema, worded with the element's own
 * string table, so that a payer reads the same sentence whichever side caught the error.
 */
import { describeIssue } from '../../messages/describe.js';
import { localeOf, tables, type Language } from '../../messages/index.js';
import { formatMoney } from '../../money.js';
import { issuesByField, payerFields, type AmountBounds, type RequestField } from '../../schema.js';
import { errorAnswer, type Answer } from './answer.js';

type SchemaError = Parameters<typeof issuesByField>[0];

export function validationAnswer(
  error: SchemaError,
  body: Record<string, unknown>,
  language: Language,
  bounds: AmountBounds,
): Answer {
  const strings = tables[language];
  const currency =
    typeof body['currency'] === 'string' && /^[A-Za-z]{3}$/.test(body['currency']) ? body['currency'] : 'KES';
  const format = (amount: number) => formatMoney(amount, currency.toUpperCase(), localeOf(language));
  const fields: Partial<Record<RequestField, string>> = {};
  const issues = issuesByField(error);
  for (const field of Object.keys(issues) as RequestField[]) {
    fields[field] = describeIssue(issues[field]!, strings, format, bounds);
  }
  // Errors only in fields the payer never sees (currency, redirectionSite…) are the merchant's.
  const payersToFix = payerFields.some((field) => field in fields);
  return errorAnswer(400, 'validation_failed', payersToFix ? strings.fixErrors : strings.misconfigured, fields);
}
