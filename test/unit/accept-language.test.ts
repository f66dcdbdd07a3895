import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAcceptLanguage, pickLanguage } from '../../src/messages/accept-language.js';

const OURS = ['en', 'sw'] as const;
const pick = (header: string | null | undefined, fallback: 'en' | 'sw' = 'en') => pickLanguage(header, OURS, fallback);

describe('pickLanguage: the best of ours for an Accept-Language header', () => {
  it('takes the language the element sends, and a browser’s lists', () => {
    assert.equal(pick('sw'), 'sw');
    assert.equal(pick('sw, en;q=0.5'), 'sw');
    assert.equal(pick('en'), 'en');
    assert.equal(pick('sw-KE,sw;q=0.9,en;q=0.8'), 'sw');
    assert.equal(pick('en-GB,en;q=0.9,sw;q=0.8'), 'en');
  });

  it('weighs by q, not by order, and keeps the order on a tie', () => {
    assert.equal(pick('en;q=0.4, sw;q=0.8'), 'sw');
    assert.equal(pick('en;q=0.5, sw;q=0.5'), 'en');
    assert.equal(pick('sw;q=0.5, en;q=0.5'), 'sw');
    assert.equal(pick('fr, sw;q=0.1'), 'sw', 'a language of ours at any quality beats the fallback');
  });

  it('reads a region as its language (sw-KE → sw), the bare language first when both are named', () => {
    assert.equal(pick('sw-KE'), 'sw');
    assert.equal(pick('SW-ke'), 'sw', 'case-insensitive');
    assert.equal(pick('sw-KE;q=0.9, sw;q=0, en;q=0.1'), 'en', 'sw;q=0 refuses Swahili');
    assert.equal(pick('sw-TZ;q=0.3, sw-KE;q=0.9, en;q=0.5'), 'sw', 'the best region counts');
  });

  it('reads `*` as every language not named, the fallback first', () => {
    assert.equal(pick('*'), 'en');
    assert.equal(pick('*', 'sw'), 'sw');
    assert.equal(pick('fr, *;q=0.1', 'sw'), 'sw');
    assert.equal(pick('en;q=0, *'), 'sw', 'en refused: * leaves Swahili');
    assert.equal(pick('*;q=0.5, sw;q=0.5'), 'sw', 'named beats * at the same quality');
    assert.equal(pick('*;q=0.9, sw;q=0.5'), 'en');
  });

  it('falls back when it names none of ours, refuses all, or cannot be read', () => {
    for (const header of [null, undefined, '', 'fr-FR, de;q=0.5', 'en;q=0, sw;q=0', ';;;', 'q=1', '12, ##, sw_KE']) {
      assert.equal(pick(header, 'sw'), 'sw', String(header));
      assert.equal(pick(header, 'en'), 'en', String(header));
    }
  });

  it('skips unreadable items and keeps the rest', () => {
    assert.equal(pick('sw;q=2, en'), 'en', 'q above 1');
    assert.equal(pick('sw;q=0.12345, en;q=0.1'), 'en', 'more than three decimals');
    assert.equal(pick('sw;level=1, en;q=0.1'), 'en', 'a parameter other than q');
    assert.equal(pick('sw;q=x, en;q=0.1'), 'en');
    assert.equal(pick('toolongsubtag, sw;q=0.2'), 'sw');
    assert.equal(pick('sw ; q = 0.7 , en;q=0.6'), 'sw', 'white space around the parameter');
  });

  it('reads at most 32 items: a header that long is no payer’s', () => {
    assert.equal(pick(`${'fr, '.repeat(40)}sw`), 'en');
    assert.equal(pick('x'.repeat(100_000) + ', sw'), 'sw', 'a long garbage item costs nothing but itself');
  });
});

describe('parseAcceptLanguage', () => {
  it('lists the readable items with their primary subtag, whether bare, quality and position', () => {
    assert.deepEqual(parseAcceptLanguage('sw-KE, en;q=0.5, bad item, *;q=0'), [
      { primary: 'sw', bare: false, quality: 1, position: 0 },
      { primary: 'en', bare: true, quality: 0.5, position: 1 },
      { primary: '*', bare: true, quality: 0, position: 2 },
    ]);
  });
});
