/**
 * What the handler answers, as data: a status, a JSON body and extra headers. Kept as
 * data until the last moment so that one answer can be given to every request waiting
 * on the same idempotency key (a Response body can be read only once).
 */
import type { RequestField } from '../../schema.js';

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** The error body of contract §3. */
export interface ErrorBody {
  error: { code: string; message: string; fields?: Partial<Record<RequestField, string>> };
}

/** An answer whose body is known to be the contract's error body. */
export interface ErrorAnswer extends Answer {
  body: ErrorBody;
}

export function errorAnswer(
  status: number,
  code: string,
  message: string,
  fields?: Partial<Record<RequestField, string>>,
  headers?: Record<string, string>,
): ErrorAnswer {
  const body: ErrorBody = { error: fields ? { code, message, fields } : { code, message } };
  return headers ? { status, body, headers } : { status, body };
}

/** The JSON response, never cached by a browser or proxy, never sniffed as anything else. */
export function toResponse(answer: Answer, extraHeaders: Headers): Response {
  const headers = new Headers(extraHeaders);
  for (const [name, value] of Object.entries(answer.headers ?? {})) headers.set(name, value);
  headers.set('Content-Type', 'application/json; charset=utf-8');
  headers.set('Cache-Control', 'no-store');
  headers.set('X-Content-Type-Options', 'nosniff');
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers });
}
