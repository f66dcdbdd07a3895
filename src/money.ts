/**
 * Amounts: what a payer types into the amount field, and how money is shown.
 */

/**
 * The amount part of what a payer typed: white space trimmed (a non-breaking one is a space),
 * without the currency's code before it ("KES 500") or the "/=" or "/-" after it ("500/=",
 * as Kenyan prices are written: that many shillings and no cents).
 */
function amountPart(text: string, currency: string): string {
  const spaced = text.trim().replace(/[\u00a0\u202f]/g, ' ');
  const bare =
    currency && spaced.toUpperCase().startsWith(currency.toUpperCase()) ? spaced.slice(currency.length) : spaced;
  return bare.replace(/\s*\/[=-]$/, '').trim();
}

/** Digits with a dot before each last three: thousands grouped as in much of Europe ("1.500", "1.500.000"). */
const DOT_THOUSANDS = /^\d+(\.\d{3})+$/;

/**
 * The number a payer meant, or `undefined` for an empty field and `NaN` for text that is
 * no amount. Thousands may be grouped with commas or spaces, but only in threes ("1,500",
 * "1 500", "12,500.50"): "15,00" or "1.500,00" is a payer used to decimal commas, and
 * reading it as 1500 would charge them a hundred times too much. The decimal separator is
 * the point, as on Kenyan receipts and M-Pesa messages, but "1.500" is no amount either: it
 * is as likely a payer's 1500 ({@link hasDotThousands}) as 1.5. The code of `currency` may
 * come first and "/=" or "/-" last ("KES 1,500/=").
 */
export function parseAmount(text: string, currency = ''): number | undefined {
  if (!text.trim()) return undefined;
  const part = amountPart(text, currency);
  return /^(\d+|\d{1,3}([, ]\d{3})+)?(\.\d*)?$/.test(part) && /\d/.test(part) && !DOT_THOUSANDS.test(part)
    ? Number(part.replace(/[, ]/g, ''))
    : Number.NaN;
}

/** True when the payer grouped thousands with dots ("1.500"), which `parseAmount` refuses: they are told how to write it. */
export function hasDotThousands(text: string, currency = ''): boolean {
  return DOT_THOUSANDS.test(amountPart(text, currency));
}

/**
 * `amount` in whole cents, or `undefined` when it has more than two decimal places. The
 * tolerance is relative, as float noise is: `0.1 + 0.2` and `1739.9999999999998` are two-
 * decimal amounts computed in floats (30 and 174000 cents), while `0.001`, `1e-9` and
 * `5e-324` are not amounts of money at all (an absolute tolerance let the last two pass),
 * and neither is anything past the cents a double can hold.
 */
export function centsOf(amount: number): number | undefined {
  const scaled = amount * 100;
  const cents = Math.round(scaled);
  // Below 9e12 a double still holds every cent exactly (above, 35516412262335.38 would be
  // read as …39). NaN and infinities fail the comparisons.
  return cents < 9e14 && Math.abs(scaled - cents) <= Math.abs(scaled) * 4 * Number.EPSILON ? cents : undefined;
}

/** True when `amount` has at most two decimal places, as money does. */
export function hasAtMostTwoDecimals(amount: number): boolean {
  return centsOf(amount) !== undefined;
}

/**
 * The amount as the decimal number its cents spell (`0.3`, not `0.30000000000000004`),
 * which is what Almara is sent; an amount with more decimals is left for the schema to refuse.
 */
export function toMoney(amount: number): number {
  const cents = centsOf(amount);
  return cents === undefined ? amount : cents / 100;
}

// Bounded: on a server the currency may come from a request, and each is a formatter.
const MAX_FORMATS = 32;
const formats = new Map<string, Intl.NumberFormat>();

/**
 * `amount` in `currency`, for `locale`: "KES 1,500", "KES 1,500.50". The ISO code is
 * shown rather than a symbol because Kenyan payers read "KES" on every receipt.
 *
 * The locales and currencies the element ships are formatted without `Intl`: the first
 * `Intl.NumberFormat` of a page loads ICU data, some 80 ms of a slow phone's first render.
 * Only amounts of money (at most two decimals, as the button and the bounds show them),
 * which need no rounding; `Intl` rounds finer ones on the double's shortest decimal (1.005
 * is 1.01, where `toFixed` says 1.00), and keeps them, zero, -0 ("-KES 0") and amounts from
 * 10^11 up, where `centsOf`'s tolerance nears half a cent. test/unit/money-format.test.ts and
 * test/browser/money-format.test.ts hold the output to `Intl`'s, byte for byte.
 *
 * Formatters are kept: making one costs milliseconds on a slow phone, and every render
 * formats the amount on the button.
 */
export function formatMoney(amount: number, currency: string, locale: string): string {
  const whole = Number.isInteger(amount);
  const cents = centsOf(amount);
  const key = `${locale} ${currency}`;
  if (amount > 0 && amount < 1e11 && cents !== undefined && /^(en|sw)-KE (KES|USD|EUR|GBP)$/.test(key)) {
    // The code, a no-break space, commas between thousands: ICU's data for both locales.
    return `${currency}\u00a0${(whole ? String(amount) : (cents / 100).toFixed(2)).replace(/\B(?=(\d{3})+\b)/g, ',')}`;
  }
  const id = `${key} ${whole}`;
  let format = formats.get(id);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        currencyDisplay: 'code',
        minimumFractionDigits: whole ? 0 : 2,
        maximumFractionDigits: 2,
      });
    } catch {
      // An unknown currency code must not break the form: show the number plainly.
      return `${currency} ${amount}`;
    }
    if (formats.size >= MAX_FORMATS) formats.clear();
    formats.set(id, format);
  }
  return format.format(amount);
}
