import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMoney, hasAtMostTwoDecimals, hasDotThousands, parseAmount, toMoney } from '../../src/money.js';

const plain = (text: string) => text.replace(/\s/g, ' ');

describe('parseAmount', () => {
  it('reads what payers type', () => {
    assert.equal(parseAmount('1500'), 1500);
    assert.equal(parseAmount(' 1,500 '), 1500);
    assert.equal(parseAmount('1 500.50'), 1500.5);
    assert.equal(parseAmount('0.5'), 0.5);
    assert.equal(parseAmount('.5'), 0.5);
    assert.equal(parseAmount('250000'), 250000);
    assert.equal(parseAmount('12,500.50'), 12500.5);
    assert.equal(parseAmount('1,234,567'), 1234567);
    assert.equal(parseAmount('1\u00a0500'), 1500);
    assert.equal(parseAmount('1500.'), 1500);
  });
  it('refuses commas that are not thousands groups: a decimal comma must not pay 100 times more', () => {
    for (const text of ['15,00', '100,50', '1.500,00', '1,5', '12,34,567', ',500', '1,500,', '1 5', '.']) {
      assert.ok(Number.isNaN(parseAmount(text)), text);
    }
    // A non-breaking space (as a phone's keyboard or a pasted receipt has it) is a space, not nothing.
    for (const text of ['15\u00a000', '1\u202f5']) assert.ok(Number.isNaN(parseAmount(text)), JSON.stringify(text));
  });
  it('tells an empty field from text that is no amount', () => {
    assert.equal(parseAmount(''), undefined);
    assert.equal(parseAmount('   '), undefined);
    assert.ok(Number.isNaN(parseAmount('abc')));
    assert.ok(Number.isNaN(parseAmount('-5')));
    assert.ok(Number.isNaN(parseAmount('1.2.3')));
    assert.ok(Number.isNaN(parseAmount('1e3')));
    assert.ok(Number.isNaN(parseAmount('KES 100')));
  });
  it('reads "500/=" and "500/-" as Kenyan prices are written: that many shillings', () => {
    for (const text of ['500/=', '500/-', '500 /=', ' 500 /- ', '500\u00a0/='])
      assert.equal(parseAmount(text), 500, text);
    assert.equal(parseAmount('1,500/='), 1500);
    assert.equal(parseAmount('1 500/-'), 1500);
    assert.equal(parseAmount('KES 500/=', 'KES'), 500);
    assert.equal(parseAmount('KES 1,500/=', 'KES'), 1500);
    // Only at the end, once, and only after a number.
    for (const text of ['/=', '500/=/=', '500=', '500/', '500/=1', '/=500', '500/+']) {
      assert.ok(Number.isNaN(parseAmount(text)), text);
    }
  });
  it('reads the code of the form’s currency before the number, and only that one', () => {
    assert.equal(parseAmount('KES 100', 'KES'), 100);
    assert.equal(parseAmount('kes100', 'KES'), 100);
    assert.equal(parseAmount('USD 25.50', 'usd'), 25.5);
    for (const text of ['USD 100', 'KES', 'KES KES 100', '100 KES'])
      assert.ok(Number.isNaN(parseAmount(text, 'KES')), text);
  });
  it('refuses thousands grouped with dots, which read as decimals would charge a thousandth', () => {
    for (const text of ['1.500', '12.500', '1.500.000', '250.000', '1.500/=', ' 1.500 ']) {
      assert.ok(Number.isNaN(parseAmount(text)), text);
      assert.ok(hasDotThousands(text), text);
    }
    assert.ok(hasDotThousands('KES 1.500', 'KES'));
    // A decimal point with one or two digits is what it says.
    assert.equal(parseAmount('1.5'), 1.5);
    assert.equal(parseAmount('1.50'), 1.5);
    assert.equal(parseAmount('1,500.50'), 1500.5);
    for (const text of ['1.5', '1.50', '1,500.500', '1.2345', '1.500,00', '', 'abc'])
      assert.ok(!hasDotThousands(text), text);
  });
});

describe('hasAtMostTwoDecimals', () => {
  it('accepts cents and refuses fractions of a cent', () => {
    assert.ok(hasAtMostTwoDecimals(1500));
    assert.ok(hasAtMostTwoDecimals(19.99));
    assert.ok(hasAtMostTwoDecimals(0.1 + 0.2));
    assert.ok(!hasAtMostTwoDecimals(10.555));
    assert.ok(!hasAtMostTwoDecimals(Number.NaN));
    assert.ok(!hasAtMostTwoDecimals(Number.POSITIVE_INFINITY));
  });
});

describe('hasAtMostTwoDecimals at its edges', () => {
  it('zero has no decimals (whether it is a price is the schema’s call)', () => {
    assert.ok(hasAtMostTwoDecimals(0));
  });
  it('holds cents up to where a double still holds each one: 8,999,999,999,999.99 yes, 9e12 no', () => {
    assert.ok(hasAtMostTwoDecimals(8_999_999_999_999.99));
    assert.ok(!hasAtMostTwoDecimals(9e12));
    assert.ok(!hasAtMostTwoDecimals(1e15));
  });
});

describe('toMoney', () => {
  it('sends the amount its cents spell, not the float a sum left', () => {
    assert.equal(toMoney(0.1 + 0.2), 0.3);
    assert.equal(toMoney(1739.9999999999998), 1740);
    assert.equal(toMoney(1500), 1500);
  });
  it('leaves an amount with more decimals as it is, for the schema to refuse', () => {
    assert.equal(toMoney(10.555), 10.555);
  });
});

describe('formatMoney', () => {
  it('shows the currency code and groups thousands', () => {
    assert.equal(plain(formatMoney(1500, 'KES', 'en-KE')), 'KES 1,500');
    assert.equal(plain(formatMoney(1500.5, 'KES', 'en-KE')), 'KES 1,500.50');
    assert.equal(plain(formatMoney(250000, 'KES', 'sw-KE')), 'KES 250,000');
  });
  it('does not break on an unknown currency code', () => {
    assert.equal(formatMoney(10, 'NOPE', 'en-KE'), 'NOPE 10');
  });
});
