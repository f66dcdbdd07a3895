/**
 * What the payer typed, kept in the tab's `sessionStorage` while they are on the payment
 * page, so that Back (when the browser loads the page again rather than restoring it from
 * the back/forward cache) shows the form as they left it (contract §2). Kept for at most
 * 30 minutes: the payer's details do not outlive the payment they were typed for.
 * test/unit/saved-fields.test.ts runs it in Node against a stand-in storage.
 */
import type { FieldTexts } from './payment-form.js';

/**
 * What every kept entry's name begins with, then the form page's path: status/way-back.ts
 * reads the path back to offer the payer a way to that page after a failed payment.
 */
export const SAVED_PREFIX = 'almara-pay-link ';

/** How long typed fields are kept: half an hour. */
export const KEEP_FOR_MS = 18e5;

/**
 * Where the fields go: a function that returns `sessionStorage`, called inside the `try`
 * because merely reading `sessionStorage` throws in a sandboxed frame, and writing throws
 * when the quota is full.
 */
export type Store = () => Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * Keeps `typed` under `name` (the form's own: its page and setup), stamped `now`, or
 * forgets what was kept with `null`; without `typed`, answers what was kept less than 30
 * minutes before `now`, and forgets anything older. Nothing is kept, and nothing lost,
 * where the storage refuses.
 */
export function keptFields(store: Store, name: string, now: number, typed?: FieldTexts | null): FieldTexts | undefined {
  name = SAVED_PREFIX + name;
  try {
    const storage = store();
    if (typed) {
      storage.setItem(name, JSON.stringify([now, typed]));
      return;
    }
    const [at, kept] = (JSON.parse(storage.getItem(name)!) as [number, FieldTexts] | null) ?? [];
    if (typed !== undefined || !(now - at! < KEEP_FOR_MS && now >= at!)) storage.removeItem(name);
    else return kept;
  } catch {
    // No storage, no room, or something else's entry: Back shows an empty form, as before.
  }
}

/**
 * Where `<almara-pay-status>`'s "Try again" link notes the form page it leads to, and when
 * (status/way-back.ts `markRetry`): that page then shows the kept fields as Back would, since
 * the payer is back to correct what they typed. For a minute: the time the click takes to
 * land, not a standing order for later visits.
 */
export const RETRY_KEY = 'almara-pay-link:retry';
export const RETRY_FOR_MS = 6e4;

/** True when the payer arrived at `path` by "Try again", less than a minute before `now`. */
export function isRetry(store: Store, path: string, now: number): boolean {
  try {
    const [to, at] = JSON.parse(store().getItem(RETRY_KEY)!) as [string, number];
    return to === path && now >= at && now - at < RETRY_FOR_MS;
  } catch {
    return false;
  }
}
