/**
 * Where "Try again" leads after a failed payment, when the merchant gave no `retry-url`: back
 * to the shop page the payer paid from. No DOM: the element hands in what the browser knows.
 *
 * The page's `document.referrer` is seldom that page: the payer arrives from Almara's hosted
 * page (another origin, so at most its origin is sent). What does know it is the form itself:
 * while the payer is away it keeps what they typed in the tab's `sessionStorage`, under a
 * name that begins with the form page's path (form/saved-fields.ts). The newest such entry of
 * this origin names the page; following the link there loads it afresh, and the form shows
 * the payer's fields again (contract §2).
 */
import { RETRY_KEY, SAVED_PREFIX, type Store } from '../form/saved-fields.js';

/** What the browser knows, read by the element: the page's own URL, its referrer, the tab's kept entries. */
export interface WayBackClues {
  /** `location.href` of the thank-you page. */
  page: string;
  /** `document.referrer`: `''` when none. */
  referrer: string;
  /** The tab's `sessionStorage` as `[name, value]` pairs; empty where it cannot be read. */
  kept: Iterable<readonly [string, string | null]>;
}

/**
 * The shop page to go back to, as an absolute URL of the page's own origin, or `undefined`
 * when nothing names one (the element then offers no link, only its words). The newest kept
 * form wins; else the referrer when it is a page of this origin other than this one.
 * Nothing of another origin is ever offered: a referrer is the previous page's say-so.
 */
export function wayBack({ page, referrer, kept }: WayBackClues): string | undefined {
  const here = new URL(page);
  let newest: { at: number; path: string } | undefined;
  for (const [name, value] of kept) {
    if (!name.startsWith(SAVED_PREFIX)) continue;
    const path = name.slice(SAVED_PREFIX.length).split(' ')[0]!;
    let at: unknown;
    try {
      at = (JSON.parse(value ?? '') as unknown[])[0];
    } catch {
      continue;
    }
    if (typeof at === 'number' && (!newest || at > newest.at)) newest = { at, path };
  }
  // Only a path of this origin: not `//host`, nor `/\host`, which URL reads as another host.
  const shop = newest && new URL(newest.path, here);
  if (shop?.origin === here.origin && newest!.path.startsWith('/')) return shop.href;
  try {
    const from = new URL(referrer);
    if (from.origin === here.origin && from.pathname !== here.pathname) return from.href;
  } catch {
    // No referrer, or none worth reading.
  }
  return undefined;
}

/**
 * Notes, as the payer follows "Try again" to `href`, that its form is to show what they typed
 * (form/saved-fields.ts `isRetry`). Nothing where the storage refuses: the form is then empty.
 */
export function markRetry(store: Store, href: string, now: number): void {
  try {
    store().setItem(RETRY_KEY, JSON.stringify([new URL(href).pathname, now]));
  } catch {
    // No storage: the page opens as any page does.
  }
}
