/**
 * The backend's own answers, beside its handlers': JSON, and refusals shaped as every refusal of
 * the package is, `{ error: { code, message } }` in the caller's language (contract §3).
 */
import { tables, type Language, type ServerStrings, type ElementStrings } from '../messages/index.js';
import { requestLanguage } from '../server/http/request-language.js';

/** A JSON answer. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

/** Which sentence a refusal says: one of the tables' plain strings. */
export type SentenceKey = {
  [K in keyof (ElementStrings & ServerStrings)]: (ElementStrings & ServerStrings)[K] extends string ? K : never;
}[keyof (ElementStrings & ServerStrings)];

/** A refusal in the request's language (`Accept-Language`, else `fallback`). */
export function problem(
  request: Request,
  fallback: Language | undefined,
  status: number,
  code: string,
  sentence: SentenceKey,
  headers: Record<string, string> = {},
): Response {
  const language = requestLanguage(request, fallback);
  return json(
    status,
    { error: { code, message: tables[language][sentence] } },
    { 'Content-Language': language, 'Cache-Control': 'no-store', ...headers },
  );
}
