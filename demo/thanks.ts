// The thank-you page: Almara sends the payer back here with the link's id in the query
// (assumption A7, `REDIRECT_ID_PARAM`; the statuses are A6). The page never trusts the
// query for what was paid: it asks the shop's backend, which reads the link from Almara.
//
// It speaks the payer's language: the `lang` the shop's backend put on the return address
// (the language of the form they paid with), else their browser's, else English.
import { pickLanguage } from '../src/messages/accept-language.js';
import { formatMoney } from '../src/money.js';
// The assumptions' constants, from the module that imports nothing: no zod on this page.
import { isKnownPaymentLinkStatus, REDIRECT_ID_PARAM, type PaymentLinkStatus } from '../src/server/almara/constants.js';

interface PaymentStatus {
  id: string;
  amount?: number;
  currency?: string;
  description?: string;
  status?: string;
}

interface PageWords {
  locale: string;
  title: string;
  /** The page's fixed lines, by their `data-text` in thanks.html. */
  lines: Record<'tagline' | 'yourPayment' | 'checking' | 'status' | 'paymentLink' | 'back', string>;
  // Typed by the statuses of A6: a status added there is a type error here until it has words.
  statuses: Record<PaymentLinkStatus, { title: string; badge: string }>;
  unknown: string;
  notFound: string;
  noId: string;
  checkLink: string;
  offline: string;
}

const WORDS = {
  en: {
    locale: 'en-KE',
    title: 'Thank you · Duka la Amani',
    lines: {
      tagline: 'Handmade in Mombasa',
      yourPayment: 'Your payment',
      checking: 'Checking your payment…',
      status: 'Status',
      paymentLink: 'Payment link',
      back: 'Back to the shop',
    },
    statuses: {
      paid: { title: 'Thank you! Your payment is complete.', badge: 'Paid' },
      pending: { title: 'Your payment is not confirmed yet.', badge: 'Pending' },
      failed: { title: 'Your payment did not go through.', badge: 'Failed' },
      expired: { title: 'This payment link has expired.', badge: 'Expired' },
    },
    unknown: 'Unknown',
    notFound: 'We could not find this payment',
    noId: 'This page is where the payment page sends you back to after paying.',
    checkLink: 'Check the link, or contact the shop with the time of your payment.',
    offline: 'Could not reach the shop. Check your connection and reload this page.',
  },
  sw: {
    locale: 'sw-KE',
    title: 'Asante · Duka la Amani',
    lines: {
      tagline: 'Imetengenezwa kwa mkono Mombasa',
      yourPayment: 'Malipo yako',
      checking: 'Tunaangalia malipo yako…',
      status: 'Hali',
      paymentLink: 'Kiungo cha malipo',
      back: 'Rudi dukani',
    },
    statuses: {
      paid: { title: 'Asante! Malipo yako yamekamilika.', badge: 'Yamelipwa' },
      pending: { title: 'Malipo yako bado hayajathibitishwa.', badge: 'Yanasubiri' },
      failed: { title: 'Malipo yako hayakufanikiwa.', badge: 'Yameshindikana' },
      expired: { title: 'Kiungo hiki cha malipo kimeisha muda wake.', badge: 'Kimeisha muda' },
    },
    unknown: 'Haijulikani',
    notFound: 'Hatukuweza kupata malipo haya',
    noId: 'Ukurasa wa malipo hukurudisha hapa baada ya kulipa.',
    checkLink: 'Angalia kiungo, au wasiliana na duka ukitaja saa ya malipo yako.',
    offline: 'Hatukuweza kufikia duka. Angalia muunganisho wako kisha upakie ukurasa huu upya.',
  },
} satisfies Record<string, PageWords>;

type Language = keyof typeof WORDS;
const LANGUAGES = Object.keys(WORDS) as Language[];

const query = new URLSearchParams(location.search);
const asked = LANGUAGES.find((language) => language === query.get('lang'));
// navigator.languages is what the browser's Accept-Language is made of, best first.
const language = asked ?? pickLanguage(navigator.languages.join(','), LANGUAGES, 'en');
const words: PageWords = WORDS[language];

const byId = (id: string) => document.getElementById(id)!;

function speak(): void {
  document.documentElement.lang = language;
  document.title = words.title;
  for (const element of document.querySelectorAll<HTMLElement>('[data-text]')) {
    const key = element.dataset['text'] as keyof PageWords['lines'];
    if (key in words.lines) element.textContent = words.lines[key];
  }
}

function showProblem(message: string): void {
  byId('receipt-title').textContent = words.notFound;
  byId('problem').textContent = message;
  byId('problem').hidden = false;
}

async function show(): Promise<void> {
  const id = query.get(REDIRECT_ID_PARAM);
  if (!id) {
    showProblem(words.noId);
    return;
  }
  const response = await fetch(`/api/payment-status?id=${encodeURIComponent(id)}`, {
    headers: { Accept: 'application/json' },
  });
  if (!response.ok) {
    showProblem(words.checkLink);
    return;
  }
  const payment = (await response.json()) as PaymentStatus;
  const known = isKnownPaymentLinkStatus(payment.status) ? words.statuses[payment.status] : undefined;
  byId('receipt-title').textContent = known?.title ?? words.lines.yourPayment;
  byId('amount').textContent =
    payment.amount === undefined ? '' : formatMoney(payment.amount, payment.currency ?? 'KES', words.locale);
  byId('description').textContent = payment.description ?? '';
  const badge = byId('status');
  badge.textContent = known?.badge ?? payment.status ?? words.unknown;
  badge.dataset['status'] = payment.status ?? 'unknown';
  byId('link-id').textContent = payment.id;
  byId('details').hidden = false;
}

speak();
show().catch(() => {
  showProblem(words.offline);
});
