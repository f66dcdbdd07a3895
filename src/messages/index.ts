import { en } from './en.js';
import { sw } from './sw.js';
import type { Language, Strings } from './strings.js';

export type { Language, Strings } from './strings.js';
export { en, sw };

export const tables: Record<Language, Strings> = { en, sw };

/** The UI language for a BCP 47 tag: Swahili for `sw` and `sw-*`, English otherwise. */
export function languageOf(tag: string | null | undefined): Language {
  return tag?.trim().toLowerCase().split('-')[0] === 'sw' ? 'sw' : 'en';
}

/** The locale `Intl` formats money in for a UI language: Kenyan conventions. */
export function localeOf(language: Language): string {
  return language === 'sw' ? 'sw-KE' : 'en-KE';
}
