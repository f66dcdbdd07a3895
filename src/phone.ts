/**
 * Phone numbers as payers write them, turned into the digits Almara expects.
 *
 * Kenyan numbers come in many shapes (`0712 345 678`, `+254 712 345 678`,
 * `254712345678`, `712345678`, the newer `01…` range too) and are all sent as
 * `2547XXXXXXXX` / `2541XXXXXXXX`. A number written with a leading `+` (or `00`)
 * and another country code is sent as its digits with that code.
 */

const KENYA = '254';
/** Safaricom and Airtel subscriber numbers: 9 digits after the country code, starting 7 or 1. */
const KENYAN_SUBSCRIBER = /^[17]\d{8}$/;
/** E.164 allows at most 15 digits; fewer than 8 is no real number. */
const INTERNATIONAL = /^[1-9]\d{7,14}$/;
/** Separators people type or paste: spaces (also non-breaking), dashes, dots, slashes, brackets. */
const SEPARATORS = /[\s\-./()]/g;

/** The digits to send, or `null` when the text is not a phone number we can use. */
export function normalizePhone(input: string): string | null {
  let text = input.replace(SEPARATORS, '');
  let international = false;
  if (text.startsWith('+')) {
    international = true;
    text = text.slice(1);
  } else if (text.startsWith('00')) {
    international = true;
    text = text.slice(2);
  }
  if (!/^\d+$/.test(text)) return null;

  if (text.startsWith(KENYA)) {
    // "+254 (0)712…" keeps the trunk 0 after the country code; drop it.
    const subscriber = text.slice(KENYA.length).replace(/^0(?=\d{9}$)/, '');
    return KENYAN_SUBSCRIBER.test(subscriber) ? KENYA + subscriber : null;
  }
  if (international) return INTERNATIONAL.test(text) ? text : null;

  const subscriber = text.replace(/^0(?=\d{9}$)/, '');
  return KENYAN_SUBSCRIBER.test(subscriber) ? KENYA + subscriber : null;
}
