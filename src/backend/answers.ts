/**
 * The backend's own answers, beside its handlers': JSON, and refusals made as the handlers make
 * theirs (server/http/answer.ts), `{ error: { code, message } }` in the caller's language.
 */
import { tables, type Language, type ServerStrings, type ElementStrings } from '../messages/index.js';
import { errorAnswer, toResponse } from '../server/http/answer.js';
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
  // The handlers' own error body and JSON answer (no-store, nosniff), not a copy of them.
  return toResponse(
    errorAnswer(status, code, tables[language][sentence], undefined, headers),
    new Headers({ 'Content-Language': language }),
  );
}
