/**
 * The hosted payment page's few lines, per language: the payer lands there from a form
 * in their language, and must not be switched to English halfway through paying. The
 * developers' index page stays in English.
 */
import type { Language } from '../messages/index.js';
import type { PaymentLinkStatus } from '../server/almara/constants.js';

export interface PageStrings {
  banner: string;
  /** The window title's suffix. */
  sandbox: string;
  pay: (amount: string) => string;
  shortCode: string;
  amountOfChoice: string;
  payer: string;
  email: string;
  phone: string;
  reference: string;
  status: string;
  statuses: Record<PaymentLinkStatus, string>;
  paidAlready: string;
  /** A failed link's page: the sandbox's only cause of failure is the payer declining. */
  failedAlready: string;
  expiredAlready: string;
  /** A link after "Pay later", still pending: it turns paid by itself in `delay`. */
  payingLater: (delay: string) => string;
  returnToMerchant: string;
  amountIn: (currency: string) => string;
  /** The three outcomes the payer can choose, one submit button each. */
  payNow: string;
  payLater: string;
  decline: string;
  /** What each button does; `delay` is how long "Pay later" takes to turn paid. */
  outcomes: (delay: string) => string;
  realFlow: string;
  /** A duration, for `payingLater` and `outcomes`. */
  seconds: (count: number) => string;
  notFoundTitle: string;
  notFound: string;
  notFoundNote: string;
}

export const pageStrings: Record<Language, PageStrings> = {
  en: {
    banner: 'Almara Pay sandbox: no real money moves here.',
    sandbox: 'Almara Pay sandbox',
    pay: (amount) => `Pay ${amount}`,
    shortCode: 'Short code',
    amountOfChoice: 'Amount of your choice',
    payer: 'Payer',
    email: 'Email',
    phone: 'Phone',
    reference: 'Reference',
    status: 'Status',
    statuses: { pending: 'pending', paid: 'paid', failed: 'failed', expired: 'expired' },
    paidAlready: 'This link has been paid.',
    failedAlready: 'This payment failed: the payer declined the M-Pesa prompt.',
    expiredAlready: 'This link has expired and can no longer be paid.',
    payingLater: (delay) => `The payment is on its way: this link turns paid by itself in ${delay}.`,
    returnToMerchant: 'Return to the merchant',
    amountIn: (currency) => `Amount (${currency})`,
    payNow: 'Pay',
    payLater: 'Pay later',
    decline: 'Decline',
    outcomes: (delay) =>
      `Pay completes the payment now. Pay later sends you back to the merchant with the payment still pending; it completes by itself ${delay} later. Decline ends it as failed, as when the payer declines the M-Pesa prompt.`,
    realFlow:
      'In the real flow the payer approves an M-Pesa or Airtel Money prompt on their phone here. These buttons stand in for it and send the payer back to the merchant.',
    seconds: (count) =>
      `${new Intl.NumberFormat('en-KE', { maximumFractionDigits: 1 }).format(count)} ${count === 1 ? 'second' : 'seconds'}`,
    notFoundTitle: 'Link not found',
    notFound: 'Payment link not found',
    notFoundNote: 'The sandbox keeps links in memory: they are gone after a restart.',
  },
  sw: {
    banner: 'Almara Pay ya majaribio: hakuna pesa halisi inayohamishwa hapa.',
    sandbox: 'Almara Pay ya majaribio',
    pay: (amount) => `Lipa ${amount}`,
    shortCode: 'Nambari fupi',
    amountOfChoice: 'Kiasi upendacho',
    payer: 'Mlipaji',
    email: 'Barua pepe',
    phone: 'Simu',
    reference: 'Marejeleo',
    status: 'Hali',
    statuses: { pending: 'inasubiri', paid: 'imelipwa', failed: 'imeshindwa', expired: 'imeisha muda' },
    paidAlready: 'Kiungo hiki kimeshalipwa.',
    failedAlready: 'Malipo haya yameshindwa: mlipaji alikataa ombi la M-Pesa.',
    expiredAlready: 'Muda wa kiungo hiki umekwisha na hakiwezi kulipwa tena.',
    payingLater: (delay) => `Malipo yako yanashughulikiwa: kiungo hiki kitalipwa chenyewe baada ya ${delay}.`,
    returnToMerchant: 'Rudi kwa muuzaji',
    amountIn: (currency) => `Kiasi (${currency})`,
    payNow: 'Lipa',
    payLater: 'Lipa baadaye',
    decline: 'Kataa',
    outcomes: (delay) =>
      `Lipa hukamilisha malipo sasa. Lipa baadaye hukurudisha kwa muuzaji malipo yakiwa bado yanasubiri; yanakamilika yenyewe baada ya ${delay}. Kataa huyamaliza kama yameshindwa, kama mlipaji anapokataa ombi la M-Pesa.`,
    realFlow:
      'Katika malipo halisi, mlipaji huidhinisha ombi la M-Pesa au Airtel Money kwenye simu yake hapa. Vitufe hivi vinasimama badala yake na kumrudisha mlipaji kwa muuzaji.',
    seconds: (count) => `sekunde ${new Intl.NumberFormat('sw-KE', { maximumFractionDigits: 1 }).format(count)}`,
    notFoundTitle: 'Kiungo hakikupatikana',
    notFound: 'Kiungo cha malipo hakikupatikana',
    notFoundNote: 'Sandbox huhifadhi viungo kwenye kumbukumbu: hupotea baada ya kuwasha upya.',
  },
};
