/**
 * A Fetch API handler as a Node `(req, res, next?)` function: for `node:http`, Express,
 * Connect and Vite's dev server. Written against the `req`/`res` objects only (no
 * runtime import of a Node module), so the server entry still loads on edge runtimes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pickLanguage } from '../../messages/accept-language.js';
import { tables } from '../../messages/index.js';
import type { ErrorBody } from './answer.js';
import type { HandlerContext } from './options.js';
import { LANGUAGES } from './request-language.js';

/** Any Fetch API handler: the payment-link handler, the sandbox. */
export type FetchHandler = (request: Request, context?: HandlerContext) => Promise<Response> | Response;

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

export interface NodeHandlerOptions {
  /**
   * Behind a proxy that terminates TLS: take the protocol and host from
   * `X-Forwarded-Proto` / `X-Forwarded-Host`, and the client's address (for `rateLimit`)
   * from the first address of `X-Forwarded-For`, not from the socket (the proxy). Only
   * behind a proxy that sets them: otherwise any client could claim any origin or address.
   */
  trustProxy?: boolean;
}

type Sentence = 'serverError' | 'misconfigured';

/**
 * An error in the contract's shape (§3), for the answers toNodeHandler gives itself. It
 * wraps any Fetch handler and cannot know its configured language, so only the request's
 * `Accept-Language` chooses, English else. The payment-link handler never throws (it
 * answers its own 500), so the payer meets these only for a Host header that makes no URL.
 */
function writeError(req: IncomingMessage, res: ServerResponse, status: number, code: string, sentence: Sentence): void {
  const language = pickLanguage(req.headers['accept-language'], LANGUAGES, 'en');
  const body: ErrorBody = { error: { code, message: tables[language][sentence] } };
  res.statusCode = status;
  res.setHeader('Content-Language', language);
  res.setHeader('Vary', 'Accept-Language');
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(JSON.stringify(body));
}

export function toNodeHandler(handler: FetchHandler, options: NodeHandlerOptions = {}): NodeHandler {
  return (req, res, next) => {
    void serve(handler, options, req, res).catch((error: unknown) => {
      if (next) {
        next(error);
      } else if (res.headersSent) {
        res.destroy();
      } else {
        writeError(req, res, 500, 'internal_error', 'serverError');
      }
    });
  };
}

async function serve(handler: FetchHandler, options: NodeHandlerOptions, req: IncomingMessage, res: ServerResponse) {
  let request: Request;
  try {
    request = toRequest(req, options);
  } catch (error) {
    if (error instanceof BodyAlreadyReadError) {
      // The merchant's wiring, not the payer's doing: said at once, not after a wait for an `end` that came and went.
      console.error(`[almara-pay-link] ${error.message}`);
      writeError(req, res, 500, 'body_already_read', 'misconfigured');
      return;
    }
    // A Host header that makes no URL: no handler could answer it.
    writeError(req, res, 400, 'invalid_host', 'misconfigured');
    return;
  }
  const context: HandlerContext = {};
  // Behind a proxy every request comes from the proxy's socket: one rate-limit budget for all payers.
  const clientAddress =
    (options.trustProxy && first(req.headers['x-forwarded-for'])) || req.socket.remoteAddress || undefined;
  if (clientAddress) context.clientAddress = clientAddress;
  try {
    await writeResponse(await handler(request, context), req, res);
  } finally {
    // A body the handler never read (a 403, a 413 on its declared length) is discarded, so
    // that the connection can carry the client's next request.
    if (request.body && !request.bodyUsed && !request.body.locked) await request.body.cancel().catch(() => undefined);
  }
}

const first = (value: string | string[] | undefined): string | undefined =>
  (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim() || undefined;

function toRequest(req: IncomingMessage, options: NodeHandlerOptions): Request {
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const protocol = (options.trustProxy && first(req.headers['x-forwarded-proto'])) || (encrypted ? 'https' : 'http');
  const host = (options.trustProxy && first(req.headers['x-forwarded-host'])) || req.headers.host || 'localhost';
  // Express and Connect strip a mount path from `url` and keep the whole one in `originalUrl`.
  const path = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  // Joined as text: `new URL('//other.example/x', base)` would change the host.
  const url = new URL(`${protocol}://${host}${path.startsWith('/') ? path : '/'}`);

  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    // HTTP/2 pseudo-headers (`:path`) are not headers a Request can carry.
    if (!name.startsWith(':')) headers.append(name, req.rawHeaders[i + 1]!);
  }
  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (method !== 'GET' && method !== 'HEAD') {
    const parsed = (req as { body?: unknown }).body;
    if (req.readableEnded && parsed === undefined) throw new BodyAlreadyReadError();
    if (req.readableEnded) {
      // A body parser (express.json()) ran first and read the stream: use what it kept.
      headers.delete('Content-Length');
      init.body =
        typeof parsed === 'string'
          ? parsed
          : parsed instanceof Uint8Array
            ? new Uint8Array(parsed) // a copy on a plain ArrayBuffer, as BodyInit wants
            : JSON.stringify(parsed);
    } else {
      init.body = streamOf(req);
      init.duplex = 'half';
    }
  }
  return new Request(url, init);
}

/** A stream another reader already drained, with no parsed body left on `req.body`. */
class BodyAlreadyReadError extends Error {
  constructor() {
    super(
      'toNodeHandler: the request body was already read (by a body parser of the framework) and req.body is not set, ' +
        'so the handler cannot see it. Give it the parsed body, e.g. in Fastify: ' +
        'toNodeHandler(handler)(Object.assign(request.raw, { body: request.body }), reply.raw)',
    );
  }
}

/**
 * The request body as a web stream, paced by its reader. Cancelling it (a body over the
 * limit) stops reading without destroying the socket, so the 413 still reaches the client;
 * Node discards the rest of the body.
 */
function streamOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  const ignore = () => {};
  let onData = ignore as (chunk: Uint8Array) => void;
  let onEnd = ignore;
  let onError = ignore as (error: Error) => void;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      onData = (chunk) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      };
      onEnd = () => {
        controller.close();
      };
      onError = (error) => {
        controller.error(error);
      };
      req.on('data', onData);
      req.once('end', onEnd);
      req.once('error', onError);
    },
    pull() {
      req.resume();
    },
    cancel() {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      // A client that goes away now must not become an unhandled 'error' event.
      req.on('error', ignore);
      req.resume();
    },
  });
}

async function writeResponse(response: Response, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('Set-Cookie', cookies);
  if (!response.body || req.method === 'HEAD') {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (res.destroyed) {
      await reader.cancel();
      return;
    }
    if (!res.write(value)) {
      await new Promise((resolve) => {
        res.once('drain', resolve);
        res.once('close', resolve);
      });
    }
  }
  res.end();
}
