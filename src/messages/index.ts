/**
 * The languages, each one table (`Strings`) shared by the element and the server module.
 * Adding a language is its file and its line below; everything else derives from `tables`.
 */
import { en } from './en.js';
import type { Strings } from './strings.js';
import { sw } from './sw.js';

export type { Strings } from './strings.js';
export { en, sw };

export const tables = { en, sw } satisfies Record<string, Strings>;

/** A language with a table: `en`, `sw`. */
export type Language = keyof typeof tables;

/** The UI language for a BCP 47 tag: its primary subtag when there is a table for it (`sw-KE` → `sw`), else English. */
export function languageOf(tag: string | null | undefined): Language {
  const primary = tag?.trim().toLowerCase().split('-')[0] ?? '';
  return Object.hasOwn(tables, primary) ? (primary as Language) : 'en';
}

/** The locale `Intl` formats money in for a UI language. */
export function localeOf(language: Language): string {
  return tables[language].locale;
}
