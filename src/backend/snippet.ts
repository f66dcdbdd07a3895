/**
 * `almara-pay-link snippet ITEM --backend URL`: the exact HTML a merchant pastes into a page or a
 * CMS block for one item of the backend's catalogue. Asked of the running backend itself, so
 * the snippet is what that backend serves: the item's price or bounds from `/api/items/{item}`,
 * the script's versioned URL and its `integrity` from the script as downloaded (what the
 * payer's browser will check).
 */
import { createHash } from 'node:crypto';
import { formatMoney } from '../money.js';
import type { PublicItem } from './catalogue.js';

export interface SnippetOptions {
  item: string;
  /** The backend's public URL, as pages reach it: `https://pay.shop.example`. */
  backend: string;
  /** The form's language: `sw` sets `lang="sw"`. Default: the page's. */
  lang?: string | undefined;
  fetch?: typeof fetch;
}

/**
 * Room kept for the form until its script has run, so that the page does not move when it
 * appears (`:not(:defined)`), in the default look, rounded up: on a phone (360 px wide: the form
 * 328 px wide, in a column with 1rem of padding) 37.6rem with a fixed price (the payer's four
 * fields) and 44.6rem with an open amount (one more, and its hint; the same in Swahili); from
 * {@link WIDE_FROM} of viewport, where the names sit side by side, 30.6rem and 37.5rem. A form in
 * a column narrower than 26.75em on a wide screen (a sidebar) is taller than the wide value, and
 * what follows it moves down by the difference. Measured by test/examples/serve.test.ts, which
 * fails when the form outgrows them or they outgrow it by more than 3rem.
 */
export const RESERVED_HEIGHT = {
  fixed: { narrow: '38rem', wide: '31rem' },
  open: { narrow: '45rem', wide: '38rem' },
} as const;

/** The viewport width from which the wide reservation applies (640 px, as the WordPress plugin's). */
export const WIDE_FROM = '40rem';

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The reservation's rules for one kind of item: the phone's height, and the wide screen's. */
export function reservation(heights: { narrow: string; wide: string }): string {
  const rule = 'almara-pay-link:not(:defined)';
  return `${rule}{display:block;min-height:${heights.narrow}}@media(min-width:${WIDE_FROM}){${rule}{min-height:${heights.wide}}}`;
}

/** The snippet's HTML for `item`, asked of the running backend. Throws a sentence when it cannot. */
export async function snippet(options: SnippetOptions): Promise<string> {
  const get = options.fetch ?? fetch;
  let base: URL;
  try {
    base = new URL(options.backend.replace(/\/*$/, '/'));
    if (!/^https?:$/.test(base.protocol)) throw new TypeError();
  } catch {
    throw new Error(
      `--backend: expected the backend's http(s) URL, like https://pay.shop.example, not "${options.backend}"`,
    );
  }
  const ask = async (path: string) => {
    const url = new URL(path, base);
    try {
      return await get(url);
    } catch {
      throw new Error(`cannot reach the backend at ${url.href}: is almara-pay-link serve running there?`);
    }
  };

  const answer = await ask(`api/items/${encodeURIComponent(options.item)}`);
  if (answer.status === 404)
    throw new Error(`the backend has no item "${options.item}": see ${new URL('api/items', base).href}`);
  if (!answer.ok) throw new Error(`the backend answered ${answer.status} for the item "${options.item}"`);
  const item = (await answer.json()) as PublicItem;

  const script = await ask('almara-pay-link.js');
  if (!script.ok) throw new Error(`the backend answered ${script.status} for almara-pay-link.js`);
  const code = Buffer.from(await script.arrayBuffer());
  const integrity = `sha384-${createHash('sha384').update(code).digest('base64')}`;
  const version = script.headers.get('ETag')?.replace(/^W\/|"/g, '');
  const src = new URL(`almara-pay-link.js${version ? `?v=${encodeURIComponent(version)}` : ''}`, base).href;

  const fixed = 'price' in item;
  const money = (amount: number) => formatMoney(amount, item.currency, options.lang === 'sw' ? 'sw-KE' : 'en-KE');
  const attributes: [string, string | number][] = [
    ['endpoint', new URL('api/payment-link', base).href],
    ['account-reference', options.item],
    ['description', item.description],
    ['currency', item.currency],
    ...(fixed
      ? ([['amount', item.price]] as [string, number][])
      : ([
          ['min-amount', item.min],
          ['max-amount', item.max],
        ] as [string, number][])),
    ...(options.lang ? ([['lang', options.lang]] as [string, string][]) : []),
  ];
  const what = fixed
    ? `${item.description}, ${money(item.price)}`
    : `${item.description}, ${money(item.min)} to ${money(item.max)}`;
  return [
    `<!-- Almara Pay: ${escape(what)}. The price is the backend's; changing it here changes nothing. -->`,
    `<style>${reservation(fixed ? RESERVED_HEIGHT.fixed : RESERVED_HEIGHT.open)}</style>`,
    `<script src="${escape(src)}" integrity="${integrity}" crossorigin="anonymous" defer></script>`,
    `<almara-pay-link\n${attributes.map(([name, value]) => `  ${name}="${escape(String(value))}"`).join('\n')}\n></almara-pay-link>`,
  ].join('\n');
}
