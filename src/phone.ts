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
/**
 * A country code and a number, as digits: at most 15 (E.164), at least 10, and 11 for the
 * codes 1 and 7, whose numbers all have 10 digits after the code. That floor also tells a
 * number this function already returned for "+44 …" apart from a Kenyan number mistyped
 * without its 0 (which starts with 7 or 1 and is shorter).
 */
const INTERNATIONAL = /^(?![17])[1-9]\d{9,14}$|^[17]\d{10,14}$/;
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
  if (KENYAN_SUBSCRIBER.test(subscriber)) return KENYA + subscriber;
  // Digits that already carry a country code: what this returned for a "+" number, which
  // the server checks again. It must come back unchanged.
  return INTERNATIONAL.test(text) ? text : null;
}
