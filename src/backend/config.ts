/**
 * `almara.config.json`: what a merchant with no backend of their own writes instead of code
 * (contract §7). Checked with zod when the backend starts; every mistake is named by its key
 * and what is wrong with it (`items.kikoi-wrap.price: expected a number`), so that a merchant
 * who edits JSON by hand can fix it without reading a stack trace.
 *
 * The same schema is published as a JSON Schema (`almara.config.schema.json` in the package,
 * made from this file by `npm run build`) for editors' completion.
 */
import * as z from 'zod';
import { hasAtMostTwoDecimals } from '../money.js';

/** An item's key: what `account-reference` names on the page, and a segment of `/api/items/{item}`. */
export const ITEM_KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** A zod error message: "missing" when the key is absent, else what was expected. */
const expected =
  (what: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? `missing: expected ${what}` : `expected ${what}`;

const currency = z
  .string({ error: expected('a currency code, like "KES"') })
  .regex(/^[A-Z]{3}$/, 'expected a currency code of three capital letters, like "KES"');

/** An amount of money: positive, with at most two decimals (what Almara takes). */
const money = z
  .number({ error: expected('a number') })
  .positive('expected an amount above 0')
  .max(9e12, 'expected an amount below 9,000,000,000,000')
  // The handler's own rule (money.ts): a tolerance of its own here let 1e-9 through, a
  // "price" every payment would then have been refused for.
  .refine(hasAtMostTwoDecimals, 'expected at most two decimals');

const description = z
  .string({ error: expected('a string') })
  .trim()
  .min(1, 'expected a description the payer will read')
  .max(100, 'expected at most 100 characters');

/**
 * One item of the catalogue as written: a fixed `price`, or an open amount between `min` and
 * `max` (a donation, a top-up). Written as one object rather than a union, so that a mistake
 * in either kind is named by its key (`price: expected a number`), not as "no kind matched".
 */
const itemInput = z
  .strictObject(
    {
      description,
      currency: currency.optional().describe('ISO 4217 code. Default "KES".'),
      price: money.optional().describe('A fixed price: the payer is not asked for an amount.'),
      min: money.optional().describe('An open amount: the least a payer may give.'),
      max: money.optional().describe('An open amount: the most a payer may give.'),
    },
    { error: expected('an object with "description" and "price", or "min" and "max"') },
  )
  .superRefine((item, context) => {
    const open = item.min !== undefined || item.max !== undefined;
    if (item.price !== undefined && open) {
      context.addIssue({
        code: 'custom',
        path: ['price'],
        message: 'expected either "price" or "min" and "max", not both',
      });
    } else if (item.price === undefined && !open) {
      context.addIssue({
        code: 'custom',
        path: ['price'],
        message: 'missing: expected a fixed "price", or "min" and "max"',
      });
    } else if (open && (item.min === undefined || item.max === undefined)) {
      const key = item.min === undefined ? 'min' : 'max';
      context.addIssue({
        code: 'custom',
        path: [key],
        message: `missing: expected "${key}" beside "${key === 'min' ? 'max' : 'min'}"`,
      });
    } else if (open && item.min! > item.max!) {
      context.addIssue({ code: 'custom', path: ['min'], message: 'expected "min" to be at most "max"' });
    }
  });

/** An item as the backend uses it: one kind or the other. */
export type Item =
  | { description: string; currency: string; price: number }
  | { description: string; currency: string; min: number; max: number };

const toItem = (item: z.output<typeof itemInput>): Item =>
  item.price !== undefined
    ? { description: item.description, currency: item.currency ?? 'KES', price: item.price }
    : { description: item.description, currency: item.currency ?? 'KES', min: item.min!, max: item.max! };

/** An origin: scheme, host and port only, as a browser's `Origin` header spells it. */
const ORIGIN_EXAMPLE = 'expected an origin, like "https://shop.example" (no path, no trailing slash)';
const origin = z.string({ error: expected('an origin, like "https://shop.example"') }).superRefine((value, context) => {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // Said below.
  }
  // http(s) only: no page of another scheme calls the backend (`ftp:` has an origin, but no page).
  if (url && (url.protocol === 'https:' || url.protocol === 'http:')) {
    if (url.origin === value) return;
    // The page's origin as the browser will send it: what the merchant most likely meant.
    context.addIssue({ code: 'custom', message: `${ORIGIN_EXAMPLE}: did you mean "${url.origin}"?` });
    return;
  }
  context.addIssue({ code: 'custom', message: ORIGIN_EXAMPLE });
});

const httpUrl = z.url({ protocol: /^https?$/, error: expected('an http(s) URL') });

/** The file as written: the schema the JSON Schema is made from. */
export const configInputSchema = z.strictObject(
  {
    /** The JSON Schema's URL, for editors: not read. */
    $schema: z.string().optional(),
    allowedOrigins: z
      .array(origin, { error: expected('an array of origins') })
      .describe('The sites whose pages may use this backend, e.g. ["https://shop.example"].'),
    redirectionSite: httpUrl.describe('Where Almara sends the payer back after paying: the thank-you page.'),
    allowedRedirects: z
      .array(httpUrl, { error: expected('an array of URLs') })
      .optional()
      .describe('Other thank-you pages a form may ask for with its redirection-site attribute.'),
    language: z
      .enum(['en', 'sw'], { error: expected('"en" or "sw"') })
      .optional()
      .describe('Messages\' language when the payer\'s browser asks for none we have. Default "en".'),
    rateLimit: z
      .strictObject(
        {
          max: z.int({ error: expected('a whole number') }).positive('expected at least 1'),
          windowMs: z
            .int({ error: expected('a whole number') })
            .positive('expected at least 1')
            .optional(),
        },
        { error: expected('an object with "max" and "windowMs"') },
      )
      .optional()
      .describe('At most "max" payment links per payer address in "windowMs" ms (default 60000).'),
    items: z
      .record(
        z.string().regex(ITEM_KEY, 'expected an item key of letters, digits, "-" and "_" (at most 64)'),
        itemInput,
        {
          error: (issue) =>
            issue.code === 'invalid_key'
              ? 'expected an item key of letters, digits, "-" and "_" (at most 64)'
              : expected('an object of items, by key')(issue),
        },
      )
      // A backend with nothing to sell refuses every payer: say so at start, not at the first payment.
      .refine(
        (items) => Object.keys(items).length > 0,
        'expected at least one item, like "kikoi-wrap": { "description": "Kikoi beach wrap", "price": 1500 }',
      )
      .describe("What is sold, by the key a form's account-reference names: a fixed price or min and max."),
  },
  { error: expected('an object') },
);

/** The configuration as the backend uses it. */
export interface BackendConfig {
  allowedOrigins: string[];
  redirectionSite: string;
  allowedRedirects?: string[];
  language?: 'en' | 'sw';
  rateLimit?: { max: number; windowMs?: number };
  items: Record<string, Item>;
}

/** A configuration that is not one: every mistake, one line each, `key: what is wrong`. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** `items.kikoi-wrap.price` from zod's path; the root itself is `(the file)`. */
const keyOf = (path: readonly PropertyKey[]) => path.map(String).join('.') || '(the file)';

/**
 * Reads a parsed `almara.config.json`. Throws a {@link ConfigError} naming each bad key, in
 * the file's order, so that a merchant fixes them all in one go.
 */
export function readConfig(input: unknown): BackendConfig {
  const result = configInputSchema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(
      // One line per mistake: two unknown keys of one object are two lines.
      result.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => `${keyOf([...issue.path, key])}: unknown key`)
          : [`${keyOf(issue.path)}: ${issue.message}`],
      ),
    );
  }
  const { $schema: _, items, ...rest } = result.data;
  return { ...rest, items: Object.fromEntries(Object.entries(items).map(([key, item]) => [key, toItem(item)])) };
}

/** The JSON Schema of the file, for `almara.config.schema.json`. */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configInputSchema, { io: 'input', unrepresentable: 'any' });
}
