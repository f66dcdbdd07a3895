import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isRetry, keptFields, RETRY_FOR_MS, RETRY_KEY, SAVED_PREFIX } from '../../src/form/saved-fields.js';
import { markRetry, wayBack } from '../../src/status/way-back.js';

const PAGE = 'https://shop.example/thanks?paymentLinkId=pl_1';
const TYPED = { firstName: 'Wanjiku', phoneNumber: '0712 345 678' };

/** A tab's storage as the form leaves it: the form's own writes, through its own module. */
function storageWith(...forms: [name: string, at: number][]): Map<string, string> {
  const items = new Map<string, string>();
  const store = () => ({
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  });
  for (const [name, at] of forms) keptFields(store, name, at, TYPED);
  return items;
}

describe('the way back after a failed payment', () => {
  it('is the page of the form the payer typed in, as the form names its kept fields', () => {
    const kept = storageWith(['/shop/kikoi.html /api/payment-link kikoi-wrap Kikoi beach wrap', 1000]);
    assert.equal(wayBack({ page: PAGE, referrer: '', kept }), 'https://shop.example/shop/kikoi.html');
  });

  it('is the page of the newest form when the payer typed in several', () => {
    const kept = storageWith(['/donate /api/payment-link', 3000], ['/old /api/payment-link', 1000], ['/mid x', 2000]);
    assert.equal(wayBack({ page: PAGE, referrer: '', kept }), 'https://shop.example/donate');
  });

  it('wins over the referrer', () => {
    const kept = storageWith(['/shop /api/payment-link', 1]);
    assert.equal(
      wayBack({ page: PAGE, referrer: 'https://shop.example/elsewhere', kept }),
      'https://shop.example/shop',
    );
  });

  it('is the referrer when no form left anything, if it is another page of this site', () => {
    const clues = { page: PAGE, kept: [] };
    assert.equal(wayBack({ ...clues, referrer: 'https://shop.example/cart?x=1' }), 'https://shop.example/cart?x=1');
    // Almara's hosted page, another site: never offered.
    assert.equal(wayBack({ ...clues, referrer: 'https://pay.almara.example/pl_1' }), undefined);
    // The thank-you page itself (a reload): no way back.
    assert.equal(wayBack({ ...clues, referrer: 'https://shop.example/thanks' }), undefined);
    assert.equal(wayBack({ ...clues, referrer: '' }), undefined);
    assert.equal(wayBack({ ...clues, referrer: 'not a url' }), undefined);
  });

  it('never leads off the site, whatever the tab holds', () => {
    const kept: [string, string | null][] = [
      [`${SAVED_PREFIX}//evil.example/x y`, JSON.stringify([9e12, TYPED])],
      [`${SAVED_PREFIX}https://evil.example/ y`, JSON.stringify([9e12, TYPED])],
      [`${SAVED_PREFIX}javascript:alert(1) y`, JSON.stringify([9e12, TYPED])],
    ];
    for (const entry of kept) assert.equal(wayBack({ page: PAGE, referrer: '', kept: [entry] }), undefined, entry[0]);
    kept.push([`${SAVED_PREFIX}/\\evil.example/x y`, JSON.stringify([9e12 + 1, TYPED])]);
    assert.equal(wayBack({ page: PAGE, referrer: '', kept }), undefined);
  });

  it('skips entries that are not the form’s, or that it cannot read', () => {
    const kept: [string, string | null][] = [
      ['another-app /x', JSON.stringify([9e12, {}])],
      [`${SAVED_PREFIX}/broken y`, '{not json'],
      [`${SAVED_PREFIX}/null y`, null],
      [`${SAVED_PREFIX}/no-time y`, JSON.stringify(['soon', {}])],
      [`${SAVED_PREFIX}/good y`, JSON.stringify([5, {}])],
    ];
    assert.equal(wayBack({ page: PAGE, referrer: '', kept }), 'https://shop.example/good');
  });
});

describe('"Try again" and the form it leads to', () => {
  const tab = () => {
    const items = new Map<string, string>();
    return {
      items,
      store: () => ({
        getItem: (key: string) => items.get(key) ?? null,
        setItem: (key: string, value: string) => void items.set(key, value),
        removeItem: (key: string) => void items.delete(key),
      }),
    };
  };

  it('the form of that page shows what was typed, for a minute after the click', () => {
    const { store } = tab();
    markRetry(store, 'https://shop.example/shop/kikoi.html', 1000);
    assert.equal(isRetry(store, '/shop/kikoi.html', 1000), true);
    assert.equal(isRetry(store, '/shop/kikoi.html', 1000 + RETRY_FOR_MS - 1), true);
    assert.equal(isRetry(store, '/shop/kikoi.html', 1000 + RETRY_FOR_MS), false, 'a later visit is a visit');
    assert.equal(isRetry(store, '/shop/kikoi.html', 999), false, 'a clock set back is no click');
    assert.equal(isRetry(store, '/other.html', 1000), false, 'another page of the shop');
  });

  it('nothing when nothing was clicked, the entry is not ours, or the storage refuses', () => {
    const { store, items } = tab();
    assert.equal(isRetry(store, '/', 0), false);
    items.set(RETRY_KEY, 'not json');
    assert.equal(isRetry(store, '/', 0), false);
    const refusing = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    assert.doesNotThrow(() => {
      markRetry(refusing, 'https://shop.example/', 0);
    });
    assert.equal(isRetry(refusing, '/', 0), false);
  });
});
