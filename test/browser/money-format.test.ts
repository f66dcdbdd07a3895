/**
 * formatMoney without Intl (the locales and currencies the element ships, amounts of money)
 * against this engine's own Intl.NumberFormat: each engine brings its ICU data (Chromium and
 * Firefox their own copies, WebKitGTK the system's), and the payer must read what their
 * browser's Intl would have said. The same comparison as test/unit/money-format.test.ts,
 * which runs it in Node's ICU.
 */
import './lit-warnings.js';
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { formatMoney } from '../../src/money.js';
import { CURRENCIES, LIMIT, LOCALES, intl, noIntl, money, range } from '../money-cases.js';

/**
 * Where formatMoney and Intl differ (none, or the first ten): one list in the failure,
 * rather than the first mismatch of 800,000.
 */
function differences(amounts: Iterable<number>, currencies = CURRENCIES, locales = LOCALES): string[] {
  const found: string[] = [];
  for (const amount of amounts) {
    for (const currency of currencies) {
      for (const locale of locales) {
        const ours = formatMoney(amount, currency, locale);
        const expected = intl(amount, currency, locale);
        if (ours !== expected && found.push(`${amount} ${currency} ${locale}: ${ours} ≠ ${expected}`) >= 10) {
          return found;
        }
      }
    }
  }
  return found;
}

// First, while money.ts has not yet made (and kept) a formatter that could answer instead.
describe('formatMoney without this engine’s Intl', () => {
  before(noIntl.stub);
  after(noIntl.restore);

  it('formats every cent up to 1,000 as Intl does, without it', () => {
    expect(differences(range(1, 100_000, 100))).to.deep.equal([]);
  });

  it('formats the edges of its range and float noise as Intl does, without it', () => {
    const amounts = [0.1 + 0.2, 0.7 + 0.1, 1739.9999999999998, 1000, 1500, 1500.5, 1_234_567.89, 99_999_999_999.99];
    expect(differences([...amounts, LIMIT - 1])).to.deep.equal([]);
    expect(formatMoney(1500, 'KES', 'en-KE')).to.equal('KES\u00a01,500');
  });

  it('formats any amount of money below 10^11 as Intl does, without it (properties)', () => {
    expect(differences(fc.sample(money, { numRuns: 20_000, seed: 42 }))).to.deep.equal([]);
  });
});

describe('formatMoney with this engine’s Intl', () => {
  it('leaves to Intl what needs rounding, and zero, -0, negatives, the non-finite and 10^11 up', () => {
    const amounts = [0, -0, -1500.5, NaN, Infinity, 1e-7, LIMIT, 1e15, 1e21, 1.5e300, 1.005, 2.675, 9.995, 10.555];
    expect(differences(amounts)).to.deep.equal([]);
    expect(differences(range(1, 20_000, 1000))).to.deep.equal([]);
  });

  it('formats other locales and currencies as before', () => {
    expect(differences([1500, 1500.5], ['kes', 'JPY', 'UGX'])).to.deep.equal([]);
    expect(differences([1500, 1500.5], CURRENCIES, ['en', 'sw', 'en-US', 'sw-TZ', 'de-DE'])).to.deep.equal([]);
  });
});
