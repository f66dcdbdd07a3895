/**
 * What test/unit/money-format.test.ts (Node's ICU) and test/browser/money-format.test.ts (each
 * engine's) compare formatMoney with: Intl.NumberFormat with formatMoney's options, for the
 * locales and currencies formatted without it, and the amounts of money that covers.
 */
import fc from 'fast-check';
import { hasAtMostTwoDecimals } from '../src/money.js';

export const CURRENCIES = ['KES', 'USD', 'EUR', 'GBP'];
export const LOCALES = ['en-KE', 'sw-KE'];
/** From here on, Intl formats every amount. */
export const LIMIT = 1e11;

/** Intl's own, kept before any test can stub it (to prove the fast path never calls it). */
export const { NumberFormat } = Intl;
const formats = new Map<string, Intl.NumberFormat>();

/** What formatMoney gave before it could go without Intl: Intl, with its options. */
export function intl(amount: number, currency: string, locale: string): string {
  const whole = Number.isInteger(amount);
  const key = `${locale} ${currency} ${whole}`;
  let format = formats.get(key);
  if (!format) {
    format = new NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'code',
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: 2,
    });
    formats.set(key, format);
  }
  return format.format(amount);
}

/** Amounts of money below LIMIT, float noise included (0.1 + 0.2): the cases formatted without Intl. */
export const money = fc
  .oneof(
    fc.nat({ max: LIMIT * 100 - 1 }).map((cents) => cents / 100),
    fc.nat({ max: 1e6 }).map((cents) => cents / 100),
    fc.integer({ min: 1, max: LIMIT - 1 }),
    fc.tuple(fc.nat({ max: 1e9 }), fc.nat({ max: 1e9 })).map(([a, b]) => a / 100 + b / 100),
  )
  .filter((amount) => amount > 0 && amount < LIMIT && hasAtMostTwoDecimals(amount));

/** `from / divisor` to `to / divisor`: every cent, every thousandth. */
export function* range(from: number, to: number, divisor: number): Generator<number> {
  for (let n = from; n <= to; n++) yield n / divisor;
}

/**
 * Replaces Intl.NumberFormat with one that throws, until `restore()`: any call of it would then
 * show, as formatMoney's plain "KES 1500" (its fallback for a formatter that cannot be made).
 */
export const noIntl = {
  stub: (): void => {
    Intl.NumberFormat = function () {
      throw new Error('Intl.NumberFormat called');
    } as unknown as typeof Intl.NumberFormat;
  },
  restore: (): void => {
    Intl.NumberFormat = NumberFormat;
  },
};
