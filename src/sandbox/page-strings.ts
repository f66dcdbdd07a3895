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
  returnToMerchant: string;
  amountIn: (currency: string) => string;
  simulate: string;
  realFlow: string;
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
    statuses: { pending: 'pending', paid: 'paid' },
    paidAlready: 'This link has been paid.',
    returnToMerchant: 'Return to the merchant',
    amountIn: (currency) => `Amount (${currency})`,
    simulate: 'Simulate payment',
    realFlow:
      'In the real flow the payer approves an M-Pesa or Airtel Money prompt on their phone here. This button stands in for it and sends the payer back to the merchant.',
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
    statuses: { pending: 'inasubiri', paid: 'imelipwa' },
    paidAlready: 'Kiungo hiki kimeshalipwa.',
    returnToMerchant: 'Rudi kwa muuzaji',
    amountIn: (currency) => `Kiasi (${currency})`,
    simulate: 'Iga malipo',
    realFlow:
      'Katika malipo halisi, mlipaji huidhinisha ombi la M-Pesa au Airtel Money kwenye simu yake hapa. Kitufe hiki kinasimama badala yake na kumrudisha mlipaji kwa muuzaji.',
    notFoundTitle: 'Kiungo hakikupatikana',
    notFound: 'Kiungo cha malipo hakikupatikana',
    notFoundNote: 'Sandbox huhifadhi viungo kwenye kumbukumbu: hupotea baada ya kuwasha upya.',
  },
};
