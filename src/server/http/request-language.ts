/**
 * The language a request is answered in: the best of ours its `Accept-Language` asks for
 * (the element sends its own), else the handler's configured one. Exported for a
 * merchant's `prepare`, so that its own refusals can speak the payer's language too.
 */
import { pickLanguage } from '../../messages/accept-language.js';
import { tables, type Language } from '../../messages/index.js';

/** Every language the server module has a table for. */
export const LANGUAGES = Object.keys(tables) as Language[];

/** `en` or `sw` for `request`; `fallback` (default `en`) when its header names neither. */
export function requestLanguage(request: Pick<Request, 'headers'>, fallback: Language = 'en'): Language {
  return pickLanguage(request.headers.get('Accept-Language'), LANGUAGES, fallback);
}
