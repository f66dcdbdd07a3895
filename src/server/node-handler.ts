/**
 * A Fetch API handler as a Node `(req, res, next?)` function: for `node:http`, Express,
 * Connect and Vite's dev server. Written against the `req`/`res` objects only (no
 * runtime import of a Node module), so the server entry still loads on edge runtimes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HandlerContext } from './context.js';

/** Any Fetch API handler: the payment-link handler, the sandbox. */
export type FetchHandler = (request: Request, context?: HandlerContext) => Promise<Response> | Response;

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

export interface NodeHandlerOptions {
  /**
   * Take the protocol and host from `X-Forwarded-Proto` / `X-Forwarded-Host`. Only
   * behind a proxy that sets them: otherwise any client could claim any origin.
   */
  trustProxy?: boolean;
}

export function toNodeHandler(handler: FetchHandler, options: NodeHandlerOptions = {}): NodeHandler {
  return (req, res, next) => {
    void serve(handler, options, req, res).catch((error: unknown) => {
      if (next) {
        next(error);
      } else if (res.headersSent) {
        res.destroy();
      } else {
        res.statusCode = 500;
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.end(
          JSON.stringify({ error: { code: 'internal_error', message: 'Something went wrong. Please try again.' } }),
        );
      }
    });
  };
}

async function serve(handler: FetchHandler, options: NodeHandlerOptions, req: IncomingMessage, res: ServerResponse) {
  let request: Request;
  try {
    request = toRequest(req, options);
  } catch {
    // A Host header that makes no URL: nothing a handler could answer.
    res.statusCode = 400;
    res.end();
    return;
  }
  const context: HandlerContext = {};
  if (req.socket.remoteAddress) context.clientAddress = req.socket.remoteAddress;
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
    if (req.readableEnded && parsed !== undefined) {
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
