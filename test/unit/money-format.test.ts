/**
 * formatMoney without Intl (the locales and currencies the element ships, amounts of money)
 * against Intl.NumberFormat in Node's ICU: the same string byte for byte, and for those
 * cases no Intl at all; every other case is Intl's, as before.
 * test/browser/money-format.test.ts runs the same comparison in each browser engine.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { formatMoney } from '../../src/money.js';
import { CURRENCIES, LIMIT, LOCALES, intl, noIntl, money } from '../money-cases.js';

function sameAsIntl(amount: number, currencies = CURRENCIES, locales = LOCALES): void {
  for (const currency of currencies) {
    for (const locale of locales) {
      assert.equal(
        formatMoney(amount, currency, locale),
        intl(amount, currency, locale),
        `${amount} ${currency} ${locale}`,
      );
    }
  }
}

// First, while money.ts has not yet made (and kept) a formatter that could answer instead.
describe('formatMoney without Intl', () => {
  before(noIntl.stub);
  after(noIntl.restore);

  it('formats every cent up to 1,000 as Intl does, without it', () => {
    for (let cents = 1; cents <= 100_000; cents++) sameAsIntl(cents / 100);
  });

  it('formats the edges of its range and float noise as Intl does, without it', () => {
    for (const amount of [
      0.01,
      0.1 + 0.2,
      0.7 + 0.1,
      1739.9999999999998,
      999,
      1000,
      1500,
      1500.5,
      999_999.99,
      1_000_000,
      1_234_567.89,
      99_999_999_999.99,
      LIMIT - 1,
    ]) {
      sameAsIntl(amount);
    }
    assert.equal(formatMoney(1500, 'KES', 'en-KE'), 'KES\u00a01,500');
    assert.equal(formatMoney(0.1 + 0.2, 'KES', 'sw-KE'), 'KES\u00a00.30');
  });

  it('formats any amount of money below 10^11 as Intl does, without it (properties)', () => {
    fc.assert(
      fc.property(money, (amount) => {
        sameAsIntl(amount);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('formatMoney with Intl', () => {
  it('leaves to Intl what needs rounding, and zero, -0, negatives, the non-finite and 10^11 up', () => {
    const amounts = [0, -0, -1, -1500.5, -0.005, NaN, Infinity, -Infinity, 1e-7, 5e-324, LIMIT, 1e15, 1e21, 1.5e300];
    const halfway = [0.005, 0.015, 0.125, 1.005, 2.675, 9.995, 99.995, 999_999.995, 1500.555, 10.555];
    for (const amount of [...amounts, ...halfway]) sameAsIntl(amount);
    assert.equal(formatMoney(1.005, 'KES', 'en-KE'), 'KES\u00a01.01');
  });

  it('formats every thousandth up to 20 (half-way cases) as before', () => {
    for (let n = 1; n <= 20_000; n++) sameAsIntl(n / 1000);
  });

  it('formats other locales and currencies as before', () => {
    sameAsIntl(1500.5, ['kes', 'JPY', 'UGX'], ['en-KE', 'sw-KE']);
    sameAsIntl(1500.5, CURRENCIES, ['en', 'sw', 'en-US', 'sw-TZ', 'en-ke', 'de-DE']);
  });

  it('formats any amount, currency and locale as before (properties)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.double(), fc.integer(), money, fc.double({ min: 1e-6, max: LIMIT * 10, noNaN: true })),
        fc.constantFrom(...CURRENCIES, 'JPY', 'kes'),
        fc.constantFrom(...LOCALES, 'en', 'sw', 'en-US', 'de-DE'),
        (amount, currency, locale) => {
          sameAsIntl(amount, [currency], [locale]);
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
