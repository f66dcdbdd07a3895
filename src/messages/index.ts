/**
 * The languages, each one table (`Strings`) shared by the element and the server module.
 * Adding a language is its file and its line in each map below (the compiler asks for the
 * second); everything else derives from them.
 */
import { en, enElement, enStatus } from './en.js';
import type { ElementStrings, StatusStrings, Strings } from './strings.js';
import { sw, swElement, swStatus } from './sw.js';

export type { ElementStrings, ServerStrings, StatusStrings, Strings } from './strings.js';
export { en, sw };

/** The whole tables, for the server module. */
export const tables = { en, sw } satisfies Record<string, Strings>;

/** A language with a table: `en`, `sw`. */
export type Language = keyof typeof tables;

/** The form's part of each table: all of the tables that the form's CDN file carries. */
export const elementTables: Record<Language, ElementStrings> = { en: enElement, sw: swElement };

/**
 * What `<almara-pay-status>` shows, per language: a part apart from the others, so that the
 * form's CDN file carries none of it (a plain object the bundler drops when unread) and the
 * status element's none of the form's.
 */
export const statusTables: Record<Language, StatusStrings> = { en: enStatus, sw: swStatus };

/**
 * The languages by name, apart from every table: both elements call {@link languageOf}, and
 * neither may bring in the other's strings (nor the server's) to learn which languages exist.
 */
const languages = { en: 1, sw: 1 } satisfies Record<Language, 1>;

/** The UI language for a BCP 47 tag: its primary subtag when there is a table for it (`sw-KE` → `sw`), else English. */
export function languageOf(tag: string | null | undefined): Language {
  const primary = tag?.trim().toLowerCase().split('-')[0] ?? '';
  return Object.hasOwn(languages, primary) ? (primary as Language) : 'en';
}

/** The locale `Intl` formats money in for a UI language. */
export function localeOf(language: Language): string {
  return tables[language].locale;
}
