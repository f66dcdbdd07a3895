/**
 * The catalogue of `almara.config.json` at work: the `prepare` of contract §4, written once for
 * every merchant of the no-code backend. The form's `account-reference` names the item; its
 * price (or bounds), currency and description always come from the config, whatever the page
 * sent. Also the public view of the catalogue (`GET /api/items`), which says nothing but what
 * a payer sees on the page anyway.
 */
import { tables } from '../messages/index.js';
import { formatMoney } from '../money.js';
import type { PrepareHook } from '../server/http/options.js';
import { PaymentLinkError } from '../server/http/payment-link-error.js';
import { requestLanguage } from '../server/http/request-language.js';
import type { BackendConfig, Item } from './config.js';

/** The item a form names, or `undefined`: only the config's own keys, never `__proto__` and the like. */
export function itemNamed(config: Pick<BackendConfig, 'items'>, key: string | undefined): Item | undefined {
  return key !== undefined && Object.hasOwn(config.items, key) ? config.items[key] : undefined;
}

/**
 * The `prepare` hook of the backend: the request as the payer filled it, with the item's
 * price, currency and description in place of the page's. Refused, in the payer's language:
 * an item the config does not have (400 `unknown_item`), an open amount outside its bounds
 * (400 `validation_failed`, the message beside the amount field, as the element shows it).
 */
export function catalogueHook(config: Pick<BackendConfig, 'items' | 'language'>): PrepareHook {
  return (input, request) => {
    const strings = tables[requestLanguage(request, config.language)];
    const item = itemNamed(config, input.accountReference);
    if (!item) throw new PaymentLinkError(strings.unknownItem, { code: 'unknown_item' });
    const { description, currency } = item;
    if ('price' in item) return { ...input, amount: item.price, currency, description };
    const money = (amount: number) => formatMoney(amount, currency, strings.locale);
    const refuse = (message: string) =>
      new PaymentLinkError(strings.fixErrors, { code: 'validation_failed', fields: { amount: message } });
    if (input.amount < item.min) throw refuse(strings.amountTooSmall(money(item.min)));
    if (input.amount > item.max) throw refuse(strings.amountTooLarge(money(item.max)));
    return { ...input, currency, description };
  };
}

/** What `GET /api/items/{item}` tells anyone: what the page shows, nothing more. */
export type PublicItem = Item;

/** The public catalogue: each item's description, currency and price or bounds (contract §7). */
export function publicCatalogue(config: Pick<BackendConfig, 'items'>): Record<string, PublicItem> {
  return Object.fromEntries(
    Object.entries(config.items).map(([key, item]) => [
      key,
      'price' in item
        ? { description: item.description, currency: item.currency, price: item.price }
        : { description: item.description, currency: item.currency, min: item.min, max: item.max },
    ]),
  );
}
