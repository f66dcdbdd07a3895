import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { elementTables, statusTables, type Language, type StatusStrings } from '../../src/messages/index.js';
import { PAYMENT_LINK_STATUSES } from '../../src/server/almara/constants.js';
import { formatPaidAt, statusWords, type StatusView } from '../../src/status/status-words.js';

const languages = Object.keys(statusTables) as Language[];
const PAID_AT = '2026-12-01T11:05:00.000Z';

describe('the status words', () => {
  it('exist in every language the element has, with every key filled', () => {
    assert.deepEqual(languages.sort(), Object.keys(elementTables).sort());
    const keys = Object.keys(statusTables.en).sort();
    for (const language of languages) {
      const table = statusTables[language];
      assert.deepEqual(Object.keys(table).sort(), keys, language);
      for (const [key, entry] of Object.entries(table)) {
        const text = typeof entry === 'function' ? (entry as (value: string) => string)('X') : entry;
        assert.equal(typeof text, 'string', `${language}.${key}`);
        assert.ok((text as string).trim() !== '', `${language}.${key} is empty`);
      }
    }
  });

  it('format in the locale of the element’s part of the same language', () => {
    for (const language of languages) assert.equal(statusTables[language].locale, elementTables[language].locale);
  });

  it('say each language’s own sentence (none left in English)', () => {
    for (const [key, english] of Object.entries(statusTables.en)) {
      if (key === 'locale') continue;
      const swahili = statusTables.sw[key as keyof StatusStrings];
      const say = (entry: unknown) => (typeof entry === 'function' ? (entry as (v: string) => string)('X') : entry);
      assert.notEqual(say(swahili), say(english), key);
    }
  });

  it('put the formatted date into the paid line', () => {
    assert.equal(statusTables.en.paidOn('1 December 2026 at 14:05'), 'Paid on 1 December 2026 at 14:05');
    assert.equal(statusTables.sw.paidOn('1 Desemba 2026 saa 14:05'), 'Yalilipwa tarehe 1 Desemba 2026 saa 14:05');
  });
});

describe('the words of each state', () => {
  const views: StatusView[] = ['checking', ...PAYMENT_LINK_STATUSES, 'stopped', 'notFound', 'problem'];

  it('have a title in every language, and an action only where the payer can act', () => {
    for (const language of languages) {
      const strings = statusTables[language];
      for (const view of views) {
        const words = statusWords(view, strings, PAID_AT);
        assert.ok(words.title, `${language} ${view}`);
        const kind =
          view === 'failed' ? 'tryAgain' : view === 'stopped' || view === 'problem' ? 'checkAgain' : undefined;
        assert.equal(words.action?.kind, kind, `${language} ${view}`);
      }
    }
  });

  it('tell the payer, while pending, what to do on their phone', () => {
    assert.deepEqual(statusWords('pending', statusTables.en), {
      title: 'Waiting for your payment',
      text: 'Check your phone for the M-Pesa prompt and enter your PIN. This page updates by itself.',
    });
    assert.deepEqual(statusWords('stopped', statusTables.en), {
      title: 'Waiting for your payment',
      text: 'Still pending. We stopped checking automatically.',
      action: { kind: 'checkAgain', label: 'Check again' },
    });
  });

  it('give the date of a payment when it can be read, and thank for it either way', () => {
    assert.match(statusWords('paid', statusTables.en, PAID_AT).text!, /^Paid on 1 December 2026( at|,) 14:05$/);
    assert.match(
      statusWords('paid', statusTables.sw, PAID_AT).text!,
      /^Yalilipwa tarehe 1 Desemba 2026( saa|,) 14:05$/,
    );
    for (const paidAt of [undefined, 'yesterday']) {
      assert.deepEqual(statusWords('paid', statusTables.en, paidAt), { title: 'Payment received' });
    }
  });

  it('offer a way back after a failed payment', () => {
    assert.deepEqual(statusWords('failed', statusTables.sw), {
      title: 'Malipo hayakukamilika',
      text: 'Malipo yalikataliwa au hayakufanikiwa. Hujakatwa pesa yoyote.',
      action: { kind: 'tryAgain', label: 'Jaribu tena' },
    });
  });
});

describe('the time of a payment', () => {
  it('is the date and 24-hour time in Kenya, in the payer’s language', () => {
    // The joining word is ICU's: Node 20 says "at" and "saa"; another ICU may say ",".
    assert.match(formatPaidAt(PAID_AT, 'en-KE')!, /^1 December 2026( at|,) 14:05$/);
    assert.match(formatPaidAt(PAID_AT, 'sw-KE')!, /^1 Desemba 2026( saa|,) 14:05$/);
    // Late in the day in UTC is the next day in Nairobi (UTC+3, no summer time).
    assert.match(formatPaidAt('2026-12-31T22:30:00Z', 'en-KE')!, /^1 January 2027( at|,) 01:30$/);
  });

  it('reads the offsets ISO 8601 allows, and fractions of a second', () => {
    for (const iso of ['2026-12-01T14:05:00+03:00', '2026-12-01T14:05+0300', '2026-12-01T11:05:00.123456Z']) {
      assert.match(formatPaidAt(iso, 'en-KE')!, /^1 December 2026( at|,) 14:05$/, iso);
    }
  });

  it('is undefined for what is no ISO date and time with an offset, or no real day', () => {
    for (const bad of [
      '',
      'yesterday',
      '1 Dec 2026 14:05',
      '2026-12-01',
      '2026-12-01T14:05:00',
      '2026-02-30T11:05:00Z',
      '2026-13-01T11:05:00Z',
      '2026-12-01T25:05:00Z',
      '1796123100000',
    ]) {
      assert.equal(formatPaidAt(bad, 'en-KE'), undefined, bad);
    }
  });

  it('falls back to English for a locale Intl refuses, rather than lose the date', () => {
    assert.match(formatPaidAt(PAID_AT, 'not a locale!')!, /^1 December 2026( at|,) 14:05$/);
  });
});
