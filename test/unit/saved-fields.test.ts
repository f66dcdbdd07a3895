import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KEEP_FOR_MS, keptFields, type Store } from '../../src/form/saved-fields.js';

/** A tab's `sessionStorage`, as far as the fields need one. */
function tabStorage() {
  const items = new Map<string, string>();
  const storage = {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
  return { items, store: (() => storage) as Store };
}

const TYPED = { firstName: 'Wanjiku', phoneNumber: '0712 345 678', amount: '500/=' };
const NOW = Date.UTC(2026, 11, 1, 9);

describe('the fields kept for Back', () => {
  it('gives back what was typed, under the form’s own name, until 30 minutes have passed', () => {
    const { store } = tabStorage();
    keptFields(store, '/shop /api/pay', NOW, TYPED);
    assert.deepEqual(keptFields(store, '/shop /api/pay', NOW), TYPED);
    assert.deepEqual(keptFields(store, '/shop /api/pay', NOW + KEEP_FOR_MS - 1), TYPED);
    assert.equal(keptFields(store, '/other /api/pay', NOW), undefined);
    assert.equal(KEEP_FOR_MS, 30 * 60 * 1000);
  });

  it('forgets them at 30 minutes, and does not keep them any longer in the tab', () => {
    const { store, items } = tabStorage();
    keptFields(store, 'form', NOW, TYPED);
    assert.equal(keptFields(store, 'form', NOW + KEEP_FOR_MS), undefined);
    assert.equal(items.size, 0);
  });

  it('trusts no time stamp from the future (a clock set back)', () => {
    const { store } = tabStorage();
    keptFields(store, 'form', NOW, TYPED);
    assert.equal(keptFields(store, 'form', NOW - 1), undefined);
  });

  it('forgets them when told to (reset)', () => {
    const { store, items } = tabStorage();
    keptFields(store, 'form', NOW, TYPED);
    keptFields(store, 'form', NOW, null);
    assert.equal(items.size, 0);
    assert.equal(keptFields(store, 'form', NOW), undefined);
  });

  it('keeps them under a name of its own, beside whatever else the page keeps', () => {
    const { store, items } = tabStorage();
    items.set('form', 'the page’s own');
    keptFields(store, 'form', NOW, TYPED);
    assert.deepEqual([...items.keys()], ['form', 'almara-pay-link form']);
    keptFields(store, 'form', NOW, null);
    assert.deepEqual([...items], [['form', 'the page’s own']]);
  });

  it('keeps the last of several saves', () => {
    const { store } = tabStorage();
    keptFields(store, 'form', NOW, { firstName: 'W' });
    keptFields(store, 'form', NOW + 1000, TYPED);
    assert.deepEqual(keptFields(store, 'form', NOW + 1000 + KEEP_FOR_MS - 1), TYPED);
  });

  it('loses nothing and throws nothing where the storage refuses, is missing, or holds something else', () => {
    const refusing: Store = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    assert.doesNotThrow(() => keptFields(refusing, 'form', NOW, TYPED));
    assert.equal(keptFields(refusing, 'form', NOW), undefined);
    const full = tabStorage();
    const quota: Store = () => ({
      ...full.store(),
      setItem: () => {
        throw new DOMException('Quota exceeded', 'QuotaExceededError');
      },
    });
    assert.doesNotThrow(() => keptFields(quota, 'form', NOW, TYPED));
    const { store, items } = tabStorage();
    for (const junk of ['not json', '42', '{"a":1}', 'null', '[]']) {
      items.set('almara-pay-link form', junk);
      assert.equal(keptFields(store, 'form', NOW), undefined, junk);
    }
  });
});
