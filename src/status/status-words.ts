/**
 * What `<almara-pay-status>` says in each of its states, from a language's status table
 * (`StatusStrings`, in src/messages) and the answer's values: the element renders the words,
 * this decides which. Also the date and time of a payment, in the payer's language.
 */
import type { StatusStrings } from '../messages/strings.js';
import type { PaymentLinkStatus } from '../server/almara/constants.js';

/**
 * A state the page can be in: `checking` before the first answer; one of A6's statuses;
 * `stopped` for a payment still pending once `poll-for` ran out; `notFound` for a 404 or
 * 400; `problem` when nothing could be read (the network, a 5xx, an answer that is none).
 */
export type StatusView = 'checking' | PaymentLinkStatus | 'stopped' | 'notFound' | 'problem';

/** The words of one state: a title, at most one sentence under it, and at most one action's label. */
export interface StatusWords {
  title: string;
  text?: string;
  /** `tryAgain` is a link back to the form; `checkAgain` a button that asks again. */
  action?: { kind: 'tryAgain' | 'checkAgain'; label: string };
}

/**
 * The words for `view` in `strings`'s language. `paidAt` (ISO 8601, from the answer) gives
 * the paid state its "Paid on …" line, and only when it can be read: a payment made is
 * thanked for either way.
 */
export function statusWords(view: StatusView, strings: StatusStrings, paidAt?: string): StatusWords {
  switch (view) {
    case 'checking':
      return { title: strings.checking };
    case 'pending':
      return { title: strings.pendingTitle, text: strings.pendingAction };
    case 'stopped':
      return {
        title: strings.pendingTitle,
        text: strings.stoppedChecking,
        action: { kind: 'checkAgain', label: strings.checkAgain },
      };
    case 'paid': {
      const date = paidAt === undefined ? undefined : formatPaidAt(paidAt, strings.locale);
      return date === undefined
        ? { title: strings.paidTitle }
        : { title: strings.paidTitle, text: strings.paidOn(date) };
    }
    case 'failed':
      return {
        title: strings.failedTitle,
        text: strings.failedText,
        action: { kind: 'tryAgain', label: strings.tryAgain },
      };
    case 'expired':
      return { title: strings.expiredTitle, text: strings.expiredText };
    case 'notFound':
      return { title: strings.notFoundTitle, text: strings.notFoundText };
    case 'problem':
      return { title: strings.problem, action: { kind: 'checkAgain', label: strings.checkAgain } };
  }
}

/**
 * An ISO 8601 date and time with its offset (`Z`, `+03:00`, `+0300`): nothing else. `Date.parse`
 * alone would read `1 Dec 2026` or `2026-12-01` (midnight UTC, shown as 03:00) in one engine
 * and not another, and a time without an offset as the payer's device's local time: a
 * guess, where no date at all is the honest answer.
 */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Almara is a Kenyan service and its payers pay in Kenya: its times are shown in Kenyan time. */
const TIME_ZONE = 'Africa/Nairobi';

// Bounded, as money.ts's: a page may be given any locale by a merchant's `strings`.
const MAX_FORMATS = 8;
const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string): Intl.DateTimeFormat {
  let format = formats.get(locale);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      // 24-hour time, as in M-Pesa's messages: "14:05", never "2:05 pm", in both languages.
      hourCycle: 'h23',
      timeZone: TIME_ZONE,
    };
    try {
      format = new Intl.DateTimeFormat(locale, options);
    } catch {
      // A malformed locale (a merchant's override) must not lose the date: English, Kenyan.
      format = new Intl.DateTimeFormat('en-KE', options);
    }
    if (formats.size >= MAX_FORMATS) formats.clear();
    formats.set(locale, format);
  }
  return format;
}

/**
 * When a payment was made, for `locale`, in Kenyan time: "1 December 2026 at 14:05"
 * (`en-KE`), "1 Desemba 2026 saa 14:05" (`sw-KE`); the joining word is the engine's own
 * (CLDR's), so another engine may say "1 December 2026, 14:05". `undefined` for anything that
 * is not an ISO 8601 date and time with an offset, or names no real day (`2026-02-30`, which
 * `Date.parse` would move to March).
 */
export function formatPaidAt(iso: string, locale: string): string | undefined {
  const match = ISO_DATE_TIME.exec(iso);
  const time = Date.parse(iso);
  if (!match || Number.isNaN(time)) return undefined;
  const [, year, month, day] = match.map(Number);
  const calendar = new Date(Date.UTC(year!, month! - 1, day));
  if (calendar.getUTCMonth() !== month! - 1 || calendar.getUTCDate() !== day) return undefined;
  return dateFormat(locale).format(time);
}
