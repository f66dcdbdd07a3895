/**
 * `npx almara-pay-link serve` and `npx almara-pay-link snippet` (issue 12, contract §7) as a
 * merchant runs them: the built bin (dist/backend/bin.js, `npm run -s build`) as a child
 * process with a config in a folder of its own. The banner; PORT, HOST and the flags; every
 * refusal one message with no stack trace; one JSON log line per request; SIGTERM and SIGINT
 * with a request under way; two processes on one redis-server; and the snippet.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, createServer, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_HOST, DEFAULT_PORT, SHUTDOWN_GRACE_MS } from '../../src/backend/cli.js';
import { configJsonSchema } from '../../src/backend/config.js';
import { SANDBOX_CREDENTIALS, SANDBOX_SHORT_CODE, startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { startRedisServer, type RedisServer } from './redis-server.js';
import {
  assertBuilt,
  assertNoPayer,
  cleanEnv,
  configFolder,
  exampleConfig,
  FOREIGN,
  freePort,
  json,
  pageBody,
  runCli,
  sha384,
  SHOP,
  startServe,
  waitFor,
  type ErrorBody,
  type Finished,
  type Serving,
} from './backend-support.js';

interface Link {
  id: string;
  url: string;
}

const folder = configFolder(exampleConfig());
const running: Serving[] = [];

/** `serve --config <the example>` (plus `args`), stopped after the file. */
async function serve(args: string[] = [], env = cleanEnv()): Promise<Serving> {
  const serving = await startServe(['--config', folder.path, ...args], env);
  running.push(serving);
  return serving;
}

/** The environment of a process that uses `sandbox` as its Almara account. */
const almaraEnv = (sandbox: RunningSandbox, extra: Record<string, string> = {}) =>
  cleanEnv({
    ALMARA_BASE_URL: sandbox.url,
    ALMARA_CLIENT_ID: SANDBOX_CREDENTIALS.clientId,
    ALMARA_CLIENT_SECRET: SANDBOX_CREDENTIALS.clientSecret,
    ALMARA_SHORT_CODE: SANDBOX_SHORT_CODE,
    ...extra,
  });

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/payment-link`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: SHOP, ...headers },
    body: JSON.stringify(body),
  });

/** A refusal as the merchant reads it: one message, no stack trace, no banner. */
function assertRefused(result: Finished, named: RegExp | string, code?: number): void {
  const where = `\nexit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;
  if (code === undefined) assert.ok(result.code !== 0 && result.code !== null, `a non-zero exit${where}`);
  else assert.equal(result.code, code, where);
  if (typeof named === 'string') assert.ok(result.stderr.includes(named), `stderr names ${named}${where}`);
  else assert.match(result.stderr, named, where);
  assert.doesNotMatch(result.stderr, /^\s+at /m, `no stack trace${where}`);
  assert.doesNotMatch(result.stdout, /listening on/, `no banner${where}`);
}

before(() => {
  assertBuilt('dist/backend/bin.js');
});
after(async () => {
  await Promise.all(running.splice(0).map((serving) => serving.stop('SIGKILL')));
  folder.remove();
});

describe('serve: the banner', () => {
  it('names the version and address, says sandbox mode in one line, lists each route and both scripts’ integrity', async () => {
    const serving = await serve();
    const base = serving.url;
    const lines = serving.banner.split('\n');
    assert.equal(lines[0], `almara-pay-link 0.1.0 on ${base} (listening on 127.0.0.1:${serving.port})`);
    const sandboxLines = lines.filter((line) => /sandbox/i.test(line));
    assert.equal(sandboxLines.length, 1, serving.banner);
    assert.match(sandboxLines[0]!, new RegExp(`mode: sandbox at ${base}/sandbox/, no real payments`));
    assert.ok(lines.includes(`  pages: ${SHOP}`), serving.banner);
    for (const route of [
      `POST ${base}/api/payment-link`,
      `GET  ${base}/api/payment-status?id=`,
      `GET  ${base}/api/items`,
      `GET  ${base}/api/items/{item}`,
      `GET  ${base}/healthz`,
    ])
      assert.ok(
        lines.some((line) => line.trim().startsWith(route)),
        `${route}\n${serving.banner}`,
      );

    // Each script: its versioned URL, then its integrity: the sha384 of what that URL serves.
    for (const name of ['almara-pay-link.js', 'almara-pay-status.js']) {
      const at = lines.findIndex((line) => line.includes(`${base}/${name}?v=`));
      assert.ok(at > 0, `${name} in the banner`);
      const url = /GET {2}(\S+)/.exec(lines[at]!)![1]!;
      const integrity = /^ {7}integrity="(sha384-[A-Za-z0-9+/=]+)"$/.exec(lines[at + 1]!)?.[1];
      assert.ok(integrity, lines[at + 1]);
      const response = await fetch(url);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('Cache-Control'), 'public, max-age=31536000, immutable');
      assert.equal(sha384(new Uint8Array(await response.arrayBuffer())), integrity);
      assert.equal(sha384(readFileSync(new URL(`../../dist/cdn/${name}`, import.meta.url))), integrity);
    }
    // Every GET it lists answers.
    assert.equal((await fetch(`${base}/api/items`)).status, 200);
    assert.equal((await fetch(`${base}/api/items/kikoi-wrap`)).status, 200);
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    assert.equal((await fetch(`${base}/sandbox/`)).status, 200);
  });

  it('with an empty allowedOrigins: says that only its own origin’s pages may use it', async () => {
    const own = configFolder(exampleConfig({ allowedOrigins: [] }));
    try {
      const serving = await startServe(['--config', own.path]);
      running.push(serving);
      assert.ok(
        serving.banner.split('\n').includes(`  pages: only those of ${serving.url} itself (allowedOrigins is empty)`),
        serving.banner,
      );
    } finally {
      own.remove();
    }
  });

  it('with the four ALMARA_* variables: Almara mode, no word of the sandbox', async () => {
    const sandbox = await startSandbox();
    try {
      const serving = await serve([], almaraEnv(sandbox));
      assert.doesNotMatch(serving.banner, /sandbox/i);
      assert.match(serving.banner, /^ {2}mode: Almara \(ALMARA_BASE_URL\)$/m);
      assert.equal((await fetch(`${serving.url}/sandbox/`)).status, 404);
    } finally {
      await sandbox.close();
    }
  });
});

describe('serve: port and host', () => {
  it('defaults: port 8787, host 0.0.0.0 (as PaaS hosts and containers expect), shown as localhost', async () => {
    assert.equal(DEFAULT_PORT, 8787);
    assert.equal(DEFAULT_HOST, '0.0.0.0');
    // The default host, on a port of the test's (8787 may be in use on this machine).
    const serving = await startServe(['--config', folder.path, '--port', '0'], cleanEnv({ HOST: '0.0.0.0' }));
    running.push(serving);
    assert.match(
      serving.banner,
      new RegExp(`on http://localhost:${serving.port} \\(listening on 0\\.0\\.0\\.0:${serving.port}\\)`),
    );
    assert.equal((await fetch(`http://127.0.0.1:${serving.port}/healthz`)).status, 200);
  });

  it('no --port, no PORT: 8787, when it is free here', async (t) => {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(DEFAULT_PORT, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (!free) {
      t.skip('port 8787 is in use on this machine');
      return;
    }
    const serving = await startServe(['--config', folder.path, '--host', '127.0.0.1'], cleanEnv(), { exact: true });
    running.push(serving);
    assert.equal(serving.port, 8787);
    await serving.stop();
  });

  it('PORT and HOST from the environment', async () => {
    const port = await freePort();
    const serving = await startServe(['--config', folder.path], cleanEnv({ PORT: String(port), HOST: '127.0.0.1' }));
    running.push(serving);
    assert.equal(serving.port, port);
    assert.match(serving.banner, new RegExp(`listening on 127\\.0\\.0\\.1:${port}\\)`));
    assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
  });

  it('--port wins over PORT, --host over HOST', async () => {
    const [flag, env] = [await freePort(), await freePort()];
    const serving = await startServe(
      ['--config', folder.path, '--port', String(flag), '--host', '127.0.0.1'],
      cleanEnv({ PORT: String(env), HOST: '192.0.2.1' }),
    );
    running.push(serving);
    assert.equal(serving.port, flag);
    assert.match(serving.banner, new RegExp(`listening on 127\\.0\\.0\\.1:${flag}\\)`));
  });

  it('a port that is no port: named, exit 2', async () => {
    for (const port of ['abc', '65536', '-1', '80.5']) {
      assertRefused(
        await runCli(['serve', '--config', folder.path, `--port=${port}`]),
        `port: expected a number from 0 to 65535, not "${port}"`,
        2,
      );
      assertRefused(
        await runCli(['serve', '--config', folder.path], cleanEnv({ PORT: port })),
        `port: expected a number from 0 to 65535, not "${port}"`,
        2,
      );
    }
  });

  it('a port that is taken: a clear message, non-zero', async () => {
    const taken = await new Promise<Server>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => resolve(server));
    });
    try {
      const port = (taken.address() as { port: number }).port;
      const result = await runCli(['serve', '--config', folder.path, '--port', String(port), '--host', '127.0.0.1']);
      assertRefused(
        result,
        `port ${port} is taken on 127.0.0.1: stop what uses it, or choose another with --port or PORT`,
      );
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});

describe('serve: refusals, one message each, no stack trace', () => {
  const invalid: [string, unknown, string][] = [
    [
      'a price as text',
      exampleConfig({ items: { 'kikoi-wrap': { description: 'K', price: '1500' } } }),
      'items.kikoi-wrap.price: expected a number',
    ],
    ['an unknown key', exampleConfig({ allowedOrigin: [SHOP] }), 'allowedOrigin: unknown key'],
    [
      'an origin with a trailing slash',
      exampleConfig({ allowedOrigins: ['https://shop.example/'] }),
      'allowedOrigins.0: expected an origin',
    ],
    [
      'min above max',
      exampleConfig({ items: { t: { description: 'T', min: 9, max: 1 } } }),
      'items.t.min: expected "min" to be at most "max"',
    ],
    [
      'price and min both',
      exampleConfig({ items: { t: { description: 'T', price: 1, min: 1, max: 2 } } }),
      'items.t.price: expected either',
    ],
    [
      'a price of 3 decimals',
      exampleConfig({ items: { t: { description: 'T', price: 1.005 } } }),
      'items.t.price: expected at most two decimals',
    ],
    [
      'a bad currency',
      exampleConfig({ items: { t: { description: 'T', price: 1, currency: 'Ksh' } } }),
      'items.t.currency: expected a currency code',
    ],
    [
      'a bad item key',
      exampleConfig({ items: { 'a b': { description: 'T', price: 1 } } }),
      'items.a b: expected an item key',
    ],
    [
      'a redirectionSite of ftp',
      exampleConfig({ redirectionSite: 'ftp://shop.example/' }),
      'redirectionSite: expected an http(s) URL',
    ],
    ['null', null, '(the file): expected an object'],
    ['an array', [], '(the file): expected an object'],
    ['no items', exampleConfig({ items: undefined }), 'items: missing'],
  ];
  for (const [name, config, named] of invalid) {
    it(`an invalid config (${name}): non-zero, stderr names the key`, async () => {
      const bad = configFolder(config);
      try {
        const result = await runCli(['serve', '--config', bad.path, '--port', '0']);
        assertRefused(result, named);
        assert.ok(result.stderr.includes(`${bad.path} is not a valid config:`), result.stderr);
      } finally {
        bad.remove();
      }
    });
  }

  it('every mistake of the file at once', async () => {
    const bad = configFolder({ allowedOrigins: 'x', items: { k: { description: 'K', price: 'x' } }, colour: 1 });
    try {
      const result = await runCli(['serve', '--config', bad.path]);
      assertRefused(result, /redirectionSite: missing/);
      for (const named of [
        'allowedOrigins: expected an array',
        'items.k.price: expected a number',
        'colour: unknown key',
      ])
        assert.ok(result.stderr.includes(named), `${named}\n${result.stderr}`);
    } finally {
      bad.remove();
    }
  });

  it('a file that is not JSON, a file that is not there, the default file in the working folder', async () => {
    const broken = configFolder('{ "allowedOrigins": [ ');
    try {
      assertRefused(await runCli(['serve', '--config', broken.path]), `${broken.path}: not valid JSON`);
      assertRefused(
        await runCli(['serve', '--config', `${broken.dir}/nope.json`]),
        'nope.json: cannot read the config file (give its path with --config)',
      );
      // No --config: almara.config.json of the working folder, which is this broken one.
      assertRefused(await runCli(['serve'], cleanEnv(), broken.dir), `${broken.path}: not valid JSON`);
    } finally {
      broken.remove();
    }
  });

  it('a partial set of ALMARA_* variables names the missing ones', async () => {
    const result = await runCli(
      ['serve', '--config', folder.path],
      cleanEnv({ ALMARA_BASE_URL: 'https://api.almara.example', ALMARA_CLIENT_SECRET: 's' }),
    );
    assertRefused(result, /^almara-pay-link: ALMARA_CLIENT_ID, ALMARA_SHORT_CODE: missing\./);
  });

  it('a bad ALMARA_BASE_URL, a bad REDIS_URL: named', async () => {
    const env = {
      ALMARA_BASE_URL: 'api.almara.example',
      ALMARA_CLIENT_ID: 'i',
      ALMARA_CLIENT_SECRET: 's',
      ALMARA_SHORT_CODE: '1',
    };
    assertRefused(
      await runCli(['serve', '--config', folder.path], cleanEnv(env)),
      'ALMARA_BASE_URL: expected an http(s) URL',
    );
    assertRefused(
      await runCli(['serve', '--config', folder.path], cleanEnv({ REDIS_URL: 'localhost:6379' })),
      'REDIS_URL: expected a redis:// or rediss:// URL',
    );
  });

  it('an unknown command or flag: the usage, exit 2', async () => {
    assertRefused(await runCli(['serv']), /unknown command "serv"[\s\S]*Usage:/, 2);
    assertRefused(await runCli(['serve', '--config', folder.path, '--prot', '1']), /--prot[\s\S]*Usage:/, 2);
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(
      help.stdout,
      /almara-pay-link serve \[--config almara\.config\.json\] \[--port 8787\] \[--host 0\.0\.0\.0\]/,
    );
  });
});

describe('serve: requests', () => {
  it('one JSON log line per request on stdout; the payer is in no line of stdout or stderr', async () => {
    const serving = await serve();
    const base = serving.url;
    const made = await post(base, pageBody({ amount: 1 }));
    assert.equal(made.status, 200);
    const link = await json<Link>(made);
    // The tampered amount changed nothing: the thank-you page reads the config's price.
    const status = await json<Record<string, unknown>>(await fetch(`${base}/api/payment-status?id=${link.id}`));
    assert.deepEqual(status, {
      id: link.id,
      status: 'pending',
      amount: 1500,
      currency: 'KES',
      description: 'Kikoi beach wrap',
    });
    assert.equal((await post(base, pageBody({ accountReference: 'nope' }))).status, 400);
    assert.equal((await post(base, pageBody(), { Origin: FOREIGN })).status, 403);
    assert.equal((await post(base, pageBody({ accountReference: 'tree-fund', amount: 5 }))).status, 400);
    assert.equal((await fetch(`${base}/api/items`)).status, 200);
    assert.equal((await fetch(`${base}/almara-pay-link.js`)).status, 200);
    assert.equal((await fetch(`${base}/nope`)).status, 404);
    const unknown = await fetch(`${base}/nope`);
    assert.equal((await json<ErrorBody>(unknown)).error.code, 'not_found');

    await waitFor('the log lines', () => serving.logLines().length >= 9, 5000);
    const lines = serving.logLines();
    assert.equal(lines.length, 9, lines.join('\n'));
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      parsed.map((line) => `${String(line['method'])} ${String(line['path'])} ${String(line['status'])}`),
      [
        'POST /api/payment-link 200',
        'GET /api/payment-status 200',
        'POST /api/payment-link 400',
        'POST /api/payment-link 403',
        'POST /api/payment-link 400',
        'GET /api/items 200',
        'GET /almara-pay-link.js 200',
        'GET /nope 404',
        'GET /nope 404',
      ],
    );
    assert.equal(parsed[0]!['item'], 'kikoi-wrap');
    assert.equal(parsed[0]!['link'], link.id);
    assert.equal(parsed[1]!['link'], link.id);
    for (const line of parsed) assert.equal(typeof line['ms'], 'number');
    assertNoPayer(serving.stdout(), 'stdout');
    assertNoPayer(serving.stderr(), 'stderr');
  });
});

/** A request written by hand: headers and the start of the body now, the rest when told. */
function slowRequest(port: number, body: string) {
  const socket = connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
  const closed = new Promise<string>((resolve, reject) => {
    socket.once('close', () => resolve(answer));
    socket.once('error', reject);
  });
  const half = Math.floor(body.length / 2);
  socket.write(
    `POST /api/payment-link HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${SHOP}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`,
  );
  return {
    finish: () => socket.write(body.slice(half)),
    /** The whole answer, once the server has closed the connection. */
    answer: closed,
  };
}

/** A request on a connection of its own: refused once the server has stopped listening. */
function freshGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}/healthz`, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('error', reject);
    request.end();
  });
}

describe('serve: graceful shutdown', () => {
  let sandbox: RunningSandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => {
    await sandbox.close();
  });

  it(
    'SIGTERM while a create is under way (Almara slow): it completes with 200, new connections are refused, exit 0 soon after',
    { timeout: 30_000 },
    async () => {
      const serving = await serve([], almaraEnv(sandbox));
      // A first link, so that the token is in hand and only the create is slow.
      assert.equal((await post(serving.url, pageBody())).status, 200);
      const creates = sandbox.calls.create;
      sandbox.faults.latency = 1500;
      try {
        const slow = post(serving.url, pageBody());
        await waitFor('the create to reach Almara', () => sandbox.calls.create === creates + 1, 5000);
        const signalled = Date.now();
        serving.child.kill('SIGTERM');
        await waitFor(
          'the SIGTERM notice',
          () => serving.stderr().includes('SIGTERM: finishing the requests under way'),
          5000,
        );
        await assert.rejects(freshGet(serving.url), /ECONNREFUSED/);
        const response = await slow;
        assert.equal(response.status, 200);
        const link = await json<Link>(response);
        assert.equal(sandbox.getLink(link.id)?.amount, 1500);
        const exit = await Promise.race([
          serving.exited,
          new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 5000)),
        ]);
        assert.notEqual(exit, 'late', 'exits within 5 s of the answer');
        assert.equal((exit as Finished).code, 0, (exit as Finished).stderr);
        assert.ok(Date.now() - signalled < SHUTDOWN_GRACE_MS, 'within the grace period');
        // The request under way was logged before the exit.
        assert.ok(
          serving.logLines().some((line) => line.includes(link.id)),
          serving.stdout(),
        );
      } finally {
        sandbox.faults.reset();
      }
    },
  );

  it(
    'SIGINT while a payer’s body is still arriving: the request completes with 200, then exit 0',
    { timeout: 30_000 },
    async () => {
      const serving = await serve();
      const request = slowRequest(serving.port, JSON.stringify(pageBody()));
      // A later request answered: the first one's headers, written before it, have been read.
      assert.equal((await fetch(`${serving.url}/healthz`)).status, 200);
      serving.child.kill('SIGINT');
      await waitFor(
        'the SIGINT notice',
        () => serving.stderr().includes('SIGINT: finishing the requests under way'),
        5000,
      );
      request.finish();
      const answer = await request.answer;
      assert.match(answer, /^HTTP\/1\.1 200 OK\r\n/);
      assert.match(answer, /"id":"pl_/);
      const exit = await Promise.race([
        serving.exited,
        new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 5000)),
      ]);
      assert.notEqual(exit, 'late', 'exits within 5 s of the answer');
      assert.equal((exit as Finished).code, 0);
    },
  );

  it('SIGTERM with nothing under way (a keep-alive connection idle): exit 0 at once', { timeout: 30_000 }, async () => {
    const serving = await serve();
    assert.equal((await fetch(`${serving.url}/healthz`)).status, 200);
    const started = Date.now();
    const exit = await serving.stop('SIGTERM');
    assert.equal(exit.code, 0, exit.stderr);
    assert.ok(Date.now() - started < 3000, `exited in ${Date.now() - started} ms`);
  });
});

describe('two serve processes on one redis-server', () => {
  let redis: RedisServer;
  let sandbox: RunningSandbox;
  before(async () => {
    redis = await startRedisServer();
    sandbox = await startSandbox();
  });
  after(async () => {
    await sandbox.close();
    await redis.stop();
  });

  it('the same Idempotency-Key sent to both: one link, the same id from both', { timeout: 60_000 }, async () => {
    // One Almara (the sandbox, outside both) for both: each process's embedded sandbox is its own.
    const env = almaraEnv(sandbox, { REDIS_URL: redis.url });
    const [a, b] = await Promise.all([serve([], env), serve([], env)]);
    assert.notEqual(a.port, b.port);
    for (const serving of [a, b]) {
      assert.match(serving.banner, /store: Redis \(REDIS_URL\), shared by every instance/);
      await waitFor('Redis to connect', async () => (await fetch(`${serving.url}/healthz`)).status === 200);
    }
    const creates = sandbox.calls.create;

    // One after the other: the second process answers with the first one's link.
    const key = crypto.randomUUID();
    const first = await post(a.url, pageBody(), { 'Idempotency-Key': key });
    const second = await post(b.url, pageBody(), { 'Idempotency-Key': key });
    assert.deepEqual([first.status, second.status], [200, 200]);
    assert.deepEqual(await json<Link>(second), await json<Link>(first));
    assert.equal(sandbox.calls.create, creates + 1);

    // At the same time, with Almara slow: still one link; a 503 in progress is retried, as the element does.
    sandbox.faults.latency = 300;
    try {
      const together = crypto.randomUUID();
      const send = async (url: string): Promise<Link> => {
        for (let attempt = 0; attempt < 10; attempt++) {
          const response = await post(url, pageBody(), { 'Idempotency-Key': together });
          if (response.status === 200) return json<Link>(response);
          assert.equal(response.status, 503);
          assert.equal((await json<ErrorBody>(response)).error.code, 'idempotency_in_progress');
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        assert.fail('no link after 10 tries');
      };
      const [one, two] = await Promise.all([send(a.url), send(b.url)]);
      assert.equal(one.id, two.id);
      assert.equal(sandbox.calls.create, creates + 2);
    } finally {
      sandbox.faults.reset();
    }
  });
});

describe('snippet', () => {
  let serving: Serving;
  before(async () => {
    serving = await serve();
  });

  const snippet = (...args: string[]) => runCli(['snippet', ...args]);

  it('a fixed item: the script tag with the served file’s integrity, crossorigin and defer; the element with endpoint, account-reference and amount', async () => {
    const result = await snippet('kikoi-wrap', '--backend', serving.url);
    assert.equal(result.code, 0, result.stderr);
    const html = result.stdout;
    const script = await fetch(`${serving.url}/almara-pay-link.js`);
    const integrity = sha384(new Uint8Array(await script.arrayBuffer()));
    const tag = /<script src="([^"]+)" integrity="([^"]+)" crossorigin="anonymous" defer><\/script>/.exec(html);
    assert.ok(tag, html);
    assert.equal(tag[2], integrity);
    assert.ok(serving.banner.includes(`integrity="${integrity}"`), 'the banner’s integrity too');
    // Its src is the versioned URL: immutable, and the same file.
    assert.match(tag[1]!, new RegExp(`^${serving.url}/almara-pay-link\\.js\\?v=[A-Za-z0-9_-]{12}$`));
    const versioned = await fetch(tag[1]!);
    assert.equal(versioned.headers.get('Cache-Control'), 'public, max-age=31536000, immutable');
    assert.equal(sha384(new Uint8Array(await versioned.arrayBuffer())), integrity);

    const element = /<almara-pay-link\n([\s\S]*?)\n><\/almara-pay-link>/.exec(html);
    assert.ok(element, html);
    const attributes = Object.fromEntries(
      element[1]!.split('\n').map((line) => /^ {2}([a-z-]+)="([^"]*)"$/.exec(line)!.slice(1, 3) as [string, string]),
    );
    assert.deepEqual(attributes, {
      endpoint: `${serving.url}/api/payment-link`,
      'account-reference': 'kikoi-wrap',
      description: 'Kikoi beach wrap',
      currency: 'KES',
      amount: '1500',
    });
    assert.match(
      html,
      /<style>almara-pay-link:not\(:defined\)\{display:block;min-height:[\d.]+rem\}@media\(min-width:40rem\)\{almara-pay-link:not\(:defined\)\{min-height:[\d.]+rem\}\}<\/style>/,
    );
    assert.doesNotMatch(html, /\blang=/);
  });

  it('an open item: min-amount and max-amount, no amount; --lang sw: lang="sw"', async () => {
    const result = await snippet('tree-fund', '--backend', `${serving.url}/`, '--lang', 'sw');
    assert.equal(result.code, 0, result.stderr);
    const html = result.stdout;
    assert.match(html, /\n {2}min-amount="50"\n {2}max-amount="100000"\n/);
    assert.doesNotMatch(html, /\n {2}amount=/);
    assert.match(html, /\n {2}lang="sw"\n/);
    assert.match(html, new RegExp(`\\n {2}endpoint="${serving.url}/api/payment-link"\\n`));
    assert.match(html, /\n {2}account-reference="tree-fund"\n/);
  });

  it('an unknown item: a clear message naming it, non-zero', async () => {
    const result = await snippet('nope', '--backend', serving.url);
    assertRefused(result, `the backend has no item "nope": see ${serving.url}/api/items`);
    assert.equal(result.stdout, '');
  });

  it('an unreachable backend: a clear message, non-zero', async () => {
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const result = await snippet('kikoi-wrap', '--backend', nowhere);
    assertRefused(
      result,
      `cannot reach the backend at ${nowhere}/api/items/kikoi-wrap: is almara-pay-link serve running there?`,
    );
  });

  it('no item, no --backend, a bad --lang or --backend: the usage or the reason, non-zero', async () => {
    assertRefused(await snippet('kikoi-wrap'), /snippet needs an ITEM and --backend URL/, 2);
    assertRefused(await snippet('--backend', serving.url), /snippet needs an ITEM and --backend URL/, 2);
    assertRefused(
      await snippet('kikoi-wrap', '--backend', serving.url, '--lang', 'fr'),
      '--lang: expected en or sw, not "fr"',
      2,
    );
    assertRefused(await snippet('kikoi-wrap', '--backend', 'ftp://x'), "--backend: expected the backend's http(s) URL");
  });
});

describe('the published JSON Schema', () => {
  it('dist/almara.config.schema.json is configJsonSchema() of the source', () => {
    const published = JSON.parse(
      readFileSync(new URL('../../dist/almara.config.schema.json', import.meta.url), 'utf8'),
    ) as unknown;
    assert.deepEqual(published, configJsonSchema());
  });
});
