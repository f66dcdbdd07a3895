/**
 * The payment form's logic, without a DOM: from what the payer typed and how the merchant
 * set the element up, which fields show, what the button says, the request body of
 * contract §3, each field's error in the payer's words, and whether the form is set up at
 * all. The element renders what this module decides; test/unit/payment-form.test.ts runs
 * it in Node.
 */
import type { AlmaraPayLinkErrorDetail } from '../events.js';
import { describeIssue } from '../messages/describe.js';
import { elementTables, type ElementStrings } from '../messages/index.js';
import { formatMoney, hasAtMostTwoDecimals, hasDotThousands, parseAmount } from '../money.js';
import {
  createPaymentRequestSchema,
  issuesByField,
  payerFields,
  type AmountBounds,
  type PayerField,
  type PaymentRequest,
  type RequestField,
} from '../schema.js';
import type { SubmitFailure } from '../submit.js';

/** How the merchant set the form up: the element's properties of the same names. */
export interface FormConfig {
  /** No endpoint: nowhere to send the form, which is the merchant's to fix. */
  endpoint: string;
  /** Set: a fixed amount, not asked. */
  amount?: number | null;
  currency: string;
  /** Set (and not blank): a fixed description, not asked. */
  description?: string | undefined;
  accountReference?: string | undefined;
  paymentType?: string | undefined;
  redirectionSite?: string | undefined;
  /** Prefills of the payer's fields. */
  firstName?: string | undefined;
  lastName?: string | undefined;
  emailAddress?: string | undefined;
  phoneNumber?: string | undefined;
  minAmount: number;
  maxAmount: number;
}

/** One text per payer field: what was typed, or a message shown beside the field. */
export type FieldTexts = Partial<Record<PayerField, string>>;

/** What the element's own checks make of the form. */
export interface FormCheck {
  /** The body to send; unset while anything is wrong. */
  request?: PaymentRequest;
  /** The payer's errors, worded, for the fields they see. */
  fieldErrors: FieldTexts;
  /** Something is wrong that the payer cannot fix: no endpoint, a bad fixed amount or redirection site. */
  misconfigured: boolean;
}

/** Per field, its input's autocomplete token; its label is the table's entry of the same name. */
export const AUTOCOMPLETE: Record<PayerField, string> = {
  firstName: 'given-name',
  lastName: 'family-name',
  emailAddress: 'email',
  phoneNumber: 'tel',
  amount: 'transaction-amount',
  description: 'off',
};

/**
 * The failures the element words itself, in its own language and the merchant's `strings`,
 * whatever the backend said: its own codes and the server module's that mean the same.
 * Only for any other code is the backend's sentence shown (else `serverError`).
 */
const FAILURE_WORDS: Record<string, 'networkError' | 'timeout' | 'serverError' | 'misconfigured'> = {
  network_error: 'networkError',
  timeout: 'timeout',
  upstream_timeout: 'timeout',
  invalid_response: 'serverError',
  internal_error: 'serverError',
  configuration_error: 'misconfigured',
};

/**
 * Request schemas by amount bounds, shared by every element on the page: making one is
 * the costliest part of a first render on a slow phone, and most pages use one or two.
 */
const schemas = new Map<string, ReturnType<typeof createPaymentRequestSchema>>();

export const currencyOf = (config: FormConfig): string => config.currency || 'KES';

/** Whether the payer is asked for `field`: amount and description only when the merchant did not fix them. */
export function isShown(field: PayerField, config: FormConfig): boolean {
  return field === 'amount' ? config.amount == null : field !== 'description' || !config.description?.trim();
}

/** What the payer typed, else the prefill of that field (amount and description have none). */
export function fieldValue(field: PayerField, typed: FieldTexts, config: FormConfig): string {
  return typed[field] ?? (field === 'amount' || field === 'description' ? '' : config[field]) ?? '';
}

/** The amount to pay: the fixed one, else what the payer typed (maybe `NaN`, maybe unset). */
export function amountOf(typed: FieldTexts, config: FormConfig): number | undefined {
  return config.amount ?? parseAmount(fieldValue('amount', typed, config), currencyOf(config));
}

/** "KES 1,500" in the table's locale. */
export function formatAmount(amount: number, config: FormConfig, strings: ElementStrings): string {
  return formatMoney(amount, currencyOf(config), strings.locale);
}

/** The button's text: "Pay KES 1,500", or "Pay" while the amount is not a payable one. */
export function payLabel(amount: number | undefined, config: FormConfig, strings: ElementStrings): string {
  return strings.pay(amount! > 0 && hasAtMostTwoDecimals(amount!) ? formatAmount(amount!, config, strings) : '').trim();
}

/**
 * The element's own checks. Errors of fields the payer sees are theirs to fix; an error
 * anywhere else (a bad fixed amount, a bad redirection site, no endpoint) is the
 * merchant's, and the payer is told the form is not set up.
 */
export function checkForm(typed: FieldTexts, config: FormConfig, strings: ElementStrings): FormCheck {
  const bounds: AmountBounds =
    config.amount == null ? { minAmount: config.minAmount, maxAmount: config.maxAmount } : {};
  const boundsKey = JSON.stringify(bounds);
  let schema = schemas.get(boundsKey);
  if (!schema) schemas.set(boundsKey, (schema = createPaymentRequestSchema(bounds)));
  const raw: Record<string, unknown> = {
    isAmountSpecified: true,
    amount: amountOf(typed, config),
    currency: currencyOf(config),
  };
  for (const field of payerFields) if (field !== 'amount') raw[field] = fieldValue(field, typed, config);
  if (!isShown('description', config)) raw['description'] = config.description;
  // Optional keys are left out when unset, so the body is exactly what was given.
  for (const field of ['accountReference', 'paymentType', 'redirectionSite'] as const) {
    if (config[field]) raw[field] = config[field];
  }
  const parsed = schema.safeParse(raw);
  const fieldErrors: FieldTexts = {};
  let misconfigured = !config.endpoint;
  if (!parsed.success) {
    const issues = issuesByField(parsed.error);
    let field: RequestField;
    for (field in issues) {
      if (payerFields.includes(field as PayerField) && isShown(field as PayerField, config)) {
        // A typed "1.500" is no amount, and the payer is told why.
        fieldErrors[field as PayerField] =
          field === 'amount' && hasDotThousands(fieldValue(field, typed, config), currencyOf(config))
            ? strings.amountGrouping
            : describeIssue(issues[field]!, strings, (amount) => formatAmount(amount, config, strings), bounds);
      } else {
        misconfigured = true;
      }
    }
  }
  return { request: misconfigured ? undefined : parsed.data, fieldErrors, misconfigured };
}

/** The error event's detail for a form that failed the element's own checks. */
export function validationFailure(check: FormCheck, strings: ElementStrings): AlmaraPayLinkErrorDetail {
  return {
    code: 'validation_failed',
    message: check.misconfigured ? strings.misconfigured : strings.fixErrors,
    fields: check.fieldErrors,
  };
}

/**
 * The error event's detail for a failed call: the table's sentence for a code the element
 * knows, else the backend's own, else `serverError`. When the backend's field messages are
 * `shown` beside their inputs, it points at them ("Please correct the highlighted fields.")
 * rather than saying one of them twice; a `validation_failed` with none shown is about a
 * form the payer cannot fix.
 */
export function submitFailure(
  failure: SubmitFailure,
  strings: ElementStrings,
  shown: FieldTexts = {},
): AlmaraPayLinkErrorDetail {
  // A message beside a field is said there only; the box under the button points at it.
  const own = firstField(shown)
    ? 'fixErrors'
    : failure.code == 'validation_failed'
      ? 'misconfigured'
      : // The server module's other failures of Almara's: `upstream_error`, `_unreachable`, `_invalid_response`.
        (FAILURE_WORDS[failure.code] ?? (failure.code.startsWith('upstream_') ? 'serverError' : undefined));
  const detail: AlmaraPayLinkErrorDetail = {
    code: failure.code,
    message: (own && strings[own]) || failure.message || strings.serverError,
  };
  if (failure.fields) detail.fields = failure.fields;
  return detail;
}

/**
 * The backend's messages for the fields the payer sees, each in the element's own words
 * when it is one of the element's sentences in any language (a backend that answered in
 * English, "This field is required.", in a Swahili form); the others stay in the error
 * event's detail as they came.
 */
export function shownMessages(
  fields: SubmitFailure['fields'],
  config: FormConfig,
  strings: ElementStrings,
): FieldTexts {
  const shown: FieldTexts = {};
  for (const field of payerFields) {
    const text = fields?.[field];
    if (text && isShown(field, config)) shown[field] = ownWords(text, strings);
  }
  return shown;
}

function ownWords(text: string, strings: ElementStrings): string {
  for (const table of Object.values(elementTables)) {
    let key: keyof ElementStrings;
    for (key in table) if (table[key] === text) return strings[key] as string;
  }
  return text;
}

/** The first field of `texts` in form order: where focus goes after a failed submit. */
export const firstField = (texts: FieldTexts): PayerField | undefined => payerFields.find((field) => texts[field]);
