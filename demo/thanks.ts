// The thank-you page: Almara sends the payer back here with the link's id in the query
// (assumption A7). What became of the payment is <almara-pay-status>'s to say: it reads the
// id, asks the shop's backend (/api/payment-status, which reads the link from Almara: the
// query is never trusted for what was paid), asks again while the payment is pending, and
// words every state in the page's language. This script only speaks the shop's own words
// around it, and picks the language: the `lang` the shop's backend put on the return address
// (the language of the form they paid with), else the browser's, else English. It sets
// <html lang>, which the element follows.
//
// No zod on this page: the element and these few words are all it loads.
import { pickLanguage } from '../src/messages/accept-language.js';

/** The page's fixed lines, by their `data-text` in thanks.html. */
type Line = 'tagline' | 'yourPayment' | 'back';

interface PageWords {
  title: string;
  lines: Record<Line, string>;
}

const WORDS = {
  en: {
    title: 'Your payment · Duka la Amani',
    lines: {
      tagline: 'Handmade in Mombasa',
      yourPayment: 'Your payment',
      back: 'Back to the shop',
    },
  },
  sw: {
    title: 'Malipo yako · Duka la Amani',
    lines: {
      tagline: 'Imetengenezwa kwa mkono Mombasa',
      yourPayment: 'Malipo yako',
      back: 'Rudi dukani',
    },
  },
} satisfies Record<string, PageWords>;

type Language = keyof typeof WORDS;
const LANGUAGES = Object.keys(WORDS) as Language[];

const asked = LANGUAGES.find((language) => language === new URLSearchParams(location.search).get('lang'));
// navigator.languages is what the browser's Accept-Language is made of, best first.
const language = asked ?? pickLanguage(navigator.languages.join(','), LANGUAGES, 'en');
const words: PageWords = WORDS[language];

// Before the first paint, and before the element exists: it speaks this language from its first words on.
document.documentElement.lang = language;
document.title = words.title;
for (const element of document.querySelectorAll<HTMLElement>('[data-text]')) {
  const key = element.dataset['text'] as Line;
  if (key in words.lines) element.textContent = words.lines[key];
}

// Then the element, which follows <html lang>. Imported afterwards: thanks.html holds the first
// paint for this script (`blocking="render"`), so that the payer never sees the page's words in
// another language first, nor them changing; it does not hold it for the element, whose place is
// kept meanwhile (demo/styles.css).
void import('../src/status/define.js');
