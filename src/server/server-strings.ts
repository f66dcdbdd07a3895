/**
 * Sentences only the server says, in the element's two languages. They live here rather
 * than in the element's string table so that the browser does not download them.
 */
import type { Language } from '../messages/index.js';

export interface ServerStrings {
  /** A 429: the payer (or a script) tried too often. */
  tooManyRequests: string;
}

export const serverStrings: Record<Language, ServerStrings> = {
  en: { tooManyRequests: 'Too many attempts. Please wait a moment and try again.' },
  sw: { tooManyRequests: 'Majaribio mengi mno. Tafadhali subiri kidogo kisha ujaribu tena.' },
};
