/**
 * toNodeHandler: a Fetch API handler behind node:http, and behind Express/Connect-style
 * middleware stacks (mount paths, body parsers that ran first, `next`).
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import { describe, it, mock } from 'node:test';
import { toNodeHandler, type FetchHandler, type NodeHandler } from '../../src/server/index.js';
import { connect } from 'node:net';
import { listen, type ErrorJson } from './support.js';

/** One request written by hand (what fetch would refuse to send), and the whole answer. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(answer);
    }, 3000);
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('end', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.on('error', reject);
  });
}

/** Answers with what it saw of the request. */
const echo: FetchHandler = async (request, context) =>
  Response.json({
    url: request.url,
    method: request.method,
    body: request.method === 'GET' ? null : await request.text(),
    contentType: request.headers.get('Content-Type'),
    clientAddress: context?.clientAddress ?? null,
  });

async function serve(node: NodeHandler, before?: (req: IncomingMessage) => Promise<void> | void) {
  return listen(
    createServer((req, res) => {
      void Promise.resolve(before?.(req)).then(() => node(req, res));
    }),
  );
}

describe('toNodeHandler', () => {
  it('passes method, URL, headers, body and the peer address', async () => {
    const server = await serve(toNodeHandler(echo));
    try {
      const response = await fetch(`${server.url}/api/payment-link?x=1`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"a":1}',
      });
      assert.deepEqual(await response.json(), {
        url: `${server.url}/api/payment-link?x=1`,
        method: 'POST',
        body: '{"a":1}',
        contentType: 'application/json',
        clientAddress: '127.0.0.1',
      });
    } finally {
      await server.close();
    }
  });

  it('sees the whole path when mounted under a prefix (Express and Connect keep it in originalUrl)', async () => {
    const server = await serve(toNodeHandler(echo), (req) => {
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = req.url;
      req.url = req.url!.replace(/^\/api/, '') || '/';
    });
    try {
      const response = await fetch(`${server.url}/api/payment-link`);
      assert.equal(((await response.json()) as { url: string }).url, `${server.url}/api/payment-link`);
    } finally {
      await server.close();
    }
  });

  it('takes the body an earlier body parser read (express.json())', async () => {
    const server = await serve(toNodeHandler(echo), async (req) => {
      let text = '';
      for await (const chunk of req) text += String(chunk);
      (req as IncomingMessage & { body?: unknown }).body = JSON.parse(text);
    });
    try {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{ "firstName": "Wanjiku" }',
      });
      assert.equal(((await response.json()) as { body: string }).body, '{"firstName":"Wanjiku"}');
    } finally {
      await server.close();
    }
  });

  it('answers at once, with a clear error, when a parser read the body and kept it nowhere (Fastify’s raw route)', async () => {
    const error = mock.method(console, 'error', () => undefined);
    const server = await serve(toNodeHandler(echo), async (req) => {
      for await (const _ of req); // read, as Fastify's JSON parser does, into its own request object
    });
    try {
      const started = performance.now();
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{ "firstName": "Wanjiku" }',
        signal: AbortSignal.timeout(5000),
      });
      assert.ok(performance.now() - started < 1000, 'no wait for an end that came and went');
      assert.equal(response.status, 500);
      assert.equal(((await response.json()) as ErrorJson).error.code, 'body_already_read');
      assert.equal(error.mock.callCount(), 1);
      assert.match(
        String(error.mock.calls[0]!.arguments[0]),
        /body was already read.*Object\.assign\(request\.raw, \{ body: request\.body \}\)/,
      );
      assert.ok(!String(error.mock.calls[0]!.arguments[0]).includes('Wanjiku'), 'never the payer’s details');
    } finally {
      error.mock.restore();
      await server.close();
    }
  });

  it('takes a parsed body handed over on req.body after the fact (the Fastify recipe)', async () => {
    const server = await serve(toNodeHandler(echo), async (req) => {
      let text = '';
      for await (const chunk of req) text += String(chunk);
      Object.assign(req, { body: JSON.parse(text) as unknown });
    });
    try {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{ "phoneNumber": "0712345678" }',
      });
      assert.equal(((await response.json()) as { body: string }).body, '{"phoneNumber":"0712345678"}');
    } finally {
      await server.close();
    }
  });

  it('uses X-Forwarded-Proto/Host only with trustProxy', async () => {
    const headers = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'shop.example' };
    const plain = await serve(toNodeHandler(echo));
    const proxied = await serve(toNodeHandler(echo, { trustProxy: true }));
    try {
      const direct = (await (await fetch(`${plain.url}/x`, { headers })).json()) as { url: string };
      assert.equal(direct.url, `${plain.url}/x`);
      const behind = (await (await fetch(`${proxied.url}/x`, { headers })).json()) as { url: string };
      assert.equal(behind.url, 'https://shop.example/x');
    } finally {
      await plain.close();
      await proxied.close();
    }
  });

  it('with trustProxy, the client address is X-Forwarded-For’s first address; without it, the socket’s', async () => {
    const headers = { 'X-Forwarded-For': ' 203.0.113.7 , 10.0.0.2' };
    const plain = await serve(toNodeHandler(echo));
    const proxied = await serve(toNodeHandler(echo, { trustProxy: true }));
    const address = async (url: string, init?: RequestInit) =>
      ((await (await fetch(url, init)).json()) as { clientAddress: string }).clientAddress;
    try {
      assert.equal(await address(plain.url, { headers }), '127.0.0.1');
      assert.equal(await address(proxied.url, { headers }), '203.0.113.7');
      assert.equal(await address(proxied.url), '127.0.0.1', 'no header: the socket’s after all');
    } finally {
      await plain.close();
      await proxied.close();
    }
  });

  it('a Host header that makes no URL: 400 in the contract’s error shape', async () => {
    const server = await serve(toNodeHandler(echo));
    try {
      const { port } = new URL(server.url);
      const response = await rawRequest(Number(port), 'GET /x HTTP/1.1\r\nHost: bad host\r\nConnection: close\r\n\r\n');
      assert.match(response, /^HTTP\/1\.1 400 /);
      assert.match(response, /content-type: application\/json/i);
      assert.match(response, /cache-control: no-store/i);
      const body = JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)) as ErrorJson;
      assert.equal(body.error.code, 'invalid_host');
      assert.equal(typeof body.error.message, 'string');
    } finally {
      await server.close();
    }
  });

  it('a path starting with // cannot change the host', async () => {
    const server = await serve(toNodeHandler(echo));
    try {
      const { port } = new URL(server.url);
      const response = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(`GET //evil.example/x HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
        });
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      assert.match(response, new RegExp(`"url":"http://127\\.0\\.0\\.1:${port}//evil\\.example/x"`));
    } finally {
      await server.close();
    }
  });

  it('keeps every Set-Cookie header', async () => {
    const server = await serve(
      toNodeHandler(() => {
        const headers = new Headers();
        headers.append('Set-Cookie', 'a=1; HttpOnly');
        headers.append('Set-Cookie', 'b=2; HttpOnly');
        return new Response('ok', { headers });
      }),
    );
    try {
      const response = await fetch(server.url);
      assert.deepEqual(response.headers.getSetCookie(), ['a=1; HttpOnly', 'b=2; HttpOnly']);
    } finally {
      await server.close();
    }
  });

  it('a handler that throws: next(error) when there is a next, else a JSON 500', async () => {
    const failing = toNodeHandler(() => {
      throw new Error('boom at /srv/app.js:12');
    });
    let passed: unknown;
    const withNext = await listen(
      createServer((req, res) =>
        failing(req, res, (error) => {
          passed = error;
          res.statusCode = 599;
          res.end();
        }),
      ),
    );
    const alone = await listen(createServer((req, res) => failing(req, res)));
    try {
      assert.equal((await fetch(withNext.url)).status, 599);
      assert.match(String(passed), /boom/);
      const response = await fetch(alone.url);
      assert.equal(response.status, 500);
      assert.equal(response.headers.get('Cache-Control'), 'no-store');
      const text = await response.text();
      assert.deepEqual(JSON.parse(text), {
        error: { code: 'internal_error', message: 'Something went wrong. Please try again.' },
      });
      assert.doesNotMatch(text, /boom|app\.js/);
    } finally {
      await withNext.close();
      await alone.close();
    }
  });
});

describe('toNodeHandler: connections', () => {
  it('after answering without reading a body, the same connection serves the next request', async () => {
    const refuse = toNodeHandler(() => Response.json({ error: { code: 'origin_not_allowed' } }, { status: 403 }));
    const server = await listen(createServer((req, res) => refuse(req, res)));
    try {
      const { port } = new URL(server.url);
      const body = 'x'.repeat(64 * 1024);
      const request = `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
      const answers = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(request);
          socket.write(request.replace('POST', 'PUT'));
        });
        let text = '';
        const timer = setTimeout(() => {
          socket.destroy();
          resolve(text);
        }, 3000);
        socket.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if ((text.match(/HTTP\/1\.1 403/g) ?? []).length === 2) {
            clearTimeout(timer);
            socket.destroy();
            resolve(text);
          }
        });
        socket.on('error', reject);
      });
      assert.equal((answers.match(/HTTP\/1\.1 403/g) ?? []).length, 2, 'two answers on one connection');
    } finally {
      await server.close();
    }
  });
});
