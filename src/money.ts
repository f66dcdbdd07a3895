/**
 * Amounts: what a payer types into the amount field, and how money is shown.
 */

/**
 * The number a payer meant, or `undefined` for an empty field and `NaN` for text
 * that is no amount. Grouping commas and spaces are accepted ("1,500", "1 500");
 * the decimal separator is the point, as on Kenyan receipts and M-Pesa messages.
 */
export function parseAmount(text: string): number | undefined {
  const compact = text.replace(/[\s,_]/g, '');
  if (compact) return /^(\d+\.?\d*|\.\d+)$/.test(compact) ? Number(compact) : Number.NaN;
}

/** True when `amount` has at most two decimal places, as money does. */
export function hasAtMostTwoDecimals(amount: number): boolean {
  return Number.isFinite(amount) && Math.abs(Math.round(amount * 100) - amount * 100) < 1e-6;
}

const formats = new Map<string, Intl.NumberFormat>();

/**
 * `amount` in `currency`, for `locale`: "KES 1,500", "KES 1,500.50". The ISO code is
 * shown rather than a symbol because Kenyan payers read "KES" on every receipt.
 * Formatters are kept: making one costs milliseconds on a slow phone, and every render
 * formats the amount on the button.
 */
export function formatMoney(amount: number, currency: string, locale: string): string {
  const whole = Number.isInteger(amount);
  const key = `${locale} ${currency} ${whole}`;
  let format = formats.get(key);
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
    formats.set(key, format);
  }
  return format.format(amount);
}
