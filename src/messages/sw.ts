import { wholeTable, type ElementStrings, type StatusStrings, type Strings } from './strings.js';

/** What the element shows, in Swahili. */
export const swElement: ElementStrings = {
  locale: 'sw-KE',
  firstName: 'Jina la kwanza',
  lastName: 'Jina la mwisho',
  emailAddress: 'Barua pepe',
  phoneNumber: 'Nambari ya simu',
  phoneHint: 'M-Pesa au Airtel Money',
  amount: 'Kiasi',
  description: 'Maelezo',
  pay: (amount) => `Lipa ${amount}`,
  submitting: 'Tunafungua Almara Pay…',
  stillWorking: 'Bado tunaunda kiungo chako…',
  cancel: 'Ghairi',
  payOn: 'Utalipa kwenye Almara Pay: M-Pesa, Airtel Money au kadi.',
  continueToPayment: 'Endelea na malipo',
  required: 'Sehemu hii inahitajika.',
  tooLong: 'Hii ni ndefu mno.',
  emailInvalid: 'Weka barua pepe kama jina@mfano.com.',
  phoneInvalid: 'Weka nambari ya simu kama 0712 345 678.',
  amountInvalid: 'Weka kiasi kama 1500.',
  amountDecimals: 'Tumia nafasi mbili za desimali au chache.',
  amountGrouping: 'Tumia koma kwa maelfu, kama 1,500.',
  amountTooSmall: (min) => `Kiasi kisipungue ${min}.`,
  amountTooLarge: (max) => `Kiasi kisizidi ${max}.`,
  fixErrors: 'Tafadhali sahihisha sehemu zilizowekwa alama.',
  misconfigured: 'Fomu hii ya malipo haijawekwa vizuri.',
  networkError: 'Imeshindwa kuunganisha. Angalia mtandao wako kisha ujaribu tena.',
  timeout: 'Seva imechelewa. Tafadhali jaribu tena.',
  serverError: 'Hitilafu imetokea. Tafadhali jaribu tena.',
};

/** The whole table: the element's part, and what only the server module says. */
export const sw: Strings = wholeTable(swElement, {
  invalidResponse: 'Hitilafu imetokea. Tafadhali jaribu tena.',
  tooManyRequests: 'Majaribio mengi mno. Tafadhali subiri kidogo kisha ujaribu tena.',
  storeUnavailable: 'Malipo hayapatikani kwa sasa. Tafadhali jaribu tena.',
  paymentNotFound: 'Hatukuweza kupata malipo haya.',
  unknownItem: 'Bidhaa hii haiwezi kulipiwa hapa. Tafadhali mjulishe muuzaji.',
  inProgress: 'Kiungo chako cha malipo bado kinaundwa. Tafadhali subiri kidogo kisha ujaribu tena.',
});

/** What `<almara-pay-status>` shows, in Swahili: a part of its own, which the form never imports. */
export const swStatus: StatusStrings = {
  locale: 'sw-KE',
  checking: 'Tunaangalia malipo yako…',
  pendingTitle: 'Tunasubiri malipo yako',
  pendingAction: 'Angalia simu yako uone ombi la M-Pesa, kisha uweke PIN yako. Ukurasa huu utajisasisha wenyewe.',
  paidTitle: 'Malipo yamepokelewa',
  paidOn: (date) => `Yalilipwa tarehe ${date}`,
  failedTitle: 'Malipo hayakukamilika',
  failedText: 'Malipo yalikataliwa au hayakufanikiwa. Hujakatwa pesa yoyote.',
  tryAgain: 'Jaribu tena',
  expiredTitle: 'Kiungo hiki cha malipo kimeisha muda wake',
  expiredText: 'Hakuna kilicholipwa kupitia kiungo hiki. Anza malipo mapya kwenye ukurasa wa muuzaji.',
  notFoundTitle: 'Hatukuweza kupata malipo haya',
  notFoundText: 'Angalia kiungo ulichofuata, au wasiliana na muuzaji ukitaja saa uliyolipa.',
  problem: 'Hatukuweza kuangalia malipo yako. Angalia mtandao wako.',
  checkAgain: 'Angalia tena',
  stoppedChecking: 'Bado hayajakamilika. Tumeacha kuangalia kiotomatiki.',
};
