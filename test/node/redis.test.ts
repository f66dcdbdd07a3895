/**
 * almara-pay-link/server/redis against a real redis-server (test/node/redis-server.ts):
 * the stores' contract with several clients at once, then handler processes that share
 * only Redis, in front of one sandbox, as instances behind a load balancer would; and
 * Redis taken away and brought back.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { en } from '../../src/messages/index.js';
import { SANDBOX_SHORT_CODE, startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { createPaymentLinkHandler, toNodeHandler } from '../../src/server/index.js';
import { redisIdempotencyStore, redisRateLimitStore } from '../../src/server/redis/index.js';
import { startRedisServer, type RedisServer } from './redis-server.js';
import { elementBody, listen, readJson, sandboxClient, THANKS, type ErrorJson } from './support.js';

type Link = { url: string; id: string };
type Client = ReturnType<typeof createClient>;

const HOUR_MS = 60 * 60 * 1000;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const freshPrefix = () => `test:${randomUUID()}:`;

let redis: RedisServer;
const clients: Client[] = [];

/** A client of the test's Redis, as each process would have its own. */
async function connect(): Promise<Client> {
  // Failed reconnects while a test has Redis down are 'error' events; unheard, they would end the test.
  const client = createClient({ url: redis.url }).on('error', () => {});
  await client.connect();
  clients.push(client);
  return client;
}

before(async () => {
  redis = await startRedisServer();
});

after(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await redis.stop();
});

describe('redisIdempotencyStore: the store contract on a real Redis', () => {
  it('claim is atomic: 100 claims of one key at once from 5 clients, exactly one wins, the others see its claim', async () => {
    const prefix = freshPrefix();
    const stores = await Promise.all(range(5).map(async () => redisIdempotencyStore(await connect(), { prefix })));
    const results = await Promise.all(range(100).map((i) => stores[i % 5]!.claim('key', 'fp', 60_000)));
    assert.equal(results.filter((result) => result === undefined).length, 1);
    for (const result of results) if (result) assert.deepEqual(result, { fingerprint: 'fp' });
  });

  it('every key has a TTL: a claim its claim TTL, a link the TTL, an error answer its hold', async () => {
    const prefix = freshPrefix();
    const raw = await connect();
    const store = redisIdempotencyStore(raw, { prefix });
    const link = { url: 'https://pay.example/l/1', id: 'l1' };
    await store.claim('claimed', 'fp', 120_000);
    await store.claim('linked', 'fp', 120_000);
    await store.complete('linked', { fingerprint: 'fp', link }, 24 * HOUR_MS);
    await store.claim('held', 'fp', 120_000);
    await store.complete('held', { fingerprint: 'fp', failure: { status: 504, code: 'c', message: 'm' } }, 60_000);

    const ttl = async (key: string) => raw.pTTL(prefix + key);
    assert.ok(within(await ttl('claimed'), 119_000, 120_000));
    assert.ok(within(await ttl('linked'), 24 * HOUR_MS - 1000, 24 * HOUR_MS));
    assert.ok(within(await ttl('held'), 59_000, 60_000));
    const keys = await raw.keys(`${prefix}*`);
    assert.equal(keys.length, 3);
    for (const key of keys) assert.ok((await raw.pTTL(key)) > 0, `${key} expires`);
  });

  it('complete and release cannot clobber another process’s claim after one’s own expired', async () => {
    const prefix = freshPrefix();
    const raw = await connect();
    const a = redisIdempotencyStore(await connect(), { prefix });
    const b = redisIdempotencyStore(await connect(), { prefix });
    const look = redisIdempotencyStore(await connect(), { prefix });
    const linkA = { url: 'https://pay.example/l/a', id: 'a' };
    const linkB = { url: 'https://pay.example/l/b', id: 'b' };

    for (const key of ['completed', 'released']) {
      assert.equal(await a.claim(key, 'fp', 60_000), undefined);
      // A stalls past its claim TTL: Redis forgets the claim, and B claims the key.
      await raw.del(prefix + key);
      assert.equal(await b.claim(key, 'fp', 60_000), undefined);
    }
    await a.complete('completed', { fingerprint: 'fp', link: linkA }, HOUR_MS);
    await a.release('released');
    assert.deepEqual(await look.claim('completed', 'fp', 60_000), { fingerprint: 'fp' }, 'still B’s claim');
    assert.deepEqual(await look.claim('released', 'fp', 60_000), { fingerprint: 'fp' }, 'still B’s claim');

    await b.complete('completed', { fingerprint: 'fp', link: linkB }, HOUR_MS);
    assert.deepEqual(await look.claim('completed', 'fp', 60_000), { fingerprint: 'fp', link: linkB });
    await b.release('released');
    assert.equal(await look.claim('released', 'fp', 60_000), undefined, 'B’s own release frees the key');
  });

  it('a completed key replays its link or error answer, a released one is free; no link or other data is written over', async () => {
    const prefix = freshPrefix();
    const a = redisIdempotencyStore(await connect(), { prefix });
    const b = redisIdempotencyStore(await connect(), { prefix });
    const link = { url: 'https://pay.example/l/1', id: 'l1' };
    const failure = { status: 504, code: 'upstream_timeout', message: 'late' };

    await a.claim('link', 'fp', 60_000);
    await a.complete('link', { fingerprint: 'fp', link }, HOUR_MS);
    assert.deepEqual(await b.claim('link', 'other', 60_000), { fingerprint: 'fp', link }, 'other data sees the first');

    await a.claim('failure', 'fp', 60_000);
    await a.complete('failure', { fingerprint: 'fp', failure }, 60_000);
    assert.deepEqual(await b.claim('failure', 'fp', 60_000), { fingerprint: 'fp', failure });

    await a.claim('free', 'fp', 60_000);
    await a.release('free');
    assert.equal(await b.claim('free', 'fp', 60_000), undefined);

    // Nothing replaces a link, and nothing replaces what was kept for other data.
    for (const store of [a, b]) {
      await store.complete('link', { fingerprint: 'fp', link: { url: 'https://pay.example/l/2', id: 'l2' } }, HOUR_MS);
    }
    assert.deepEqual(await b.claim('link', 'fp', 60_000), { fingerprint: 'fp', link });
    await b.complete('failure', { fingerprint: 'other', link }, HOUR_MS);
    assert.deepEqual(await b.claim('failure', 'fp', 60_000), { fingerprint: 'fp', failure });
  });

  it('what Almara answers late replaces the held error answer: a link (from anyone), a refusal or “nothing made” (from its creation only)', async () => {
    const prefix = freshPrefix();
    const raw = await connect();
    const a = redisIdempotencyStore(await connect(), { prefix });
    const b = redisIdempotencyStore(await connect(), { prefix });
    const link = { url: 'https://pay.example/l/1', id: 'l1' };
    const held = { fingerprint: 'fp', failure: { status: 504, code: 'upstream_timeout', message: 'late' } };
    const refusal = { fingerprint: 'fp', failure: { status: 502, code: 'upstream_error', message: 'no' } };
    const hold = async (key: string) => {
      assert.equal(await a.claim(key, 'fp', 60_000), undefined);
      await a.complete(key, held, 60_000);
    };

    await hold('link');
    await a.complete('link', { fingerprint: 'fp', link }, HOUR_MS);
    assert.deepEqual(await b.claim('link', 'fp', 60_000), { fingerprint: 'fp', link });
    assert.ok((await raw.pTTL(`${prefix}link`)) > HOUR_MS - 1000, 'for the TTL of a link');

    await hold('refusal');
    await b.complete('refusal', refusal, HOUR_MS);
    assert.deepEqual(await b.claim('refusal', 'fp', 60_000), held, 'not another process’s to replace');
    await a.complete('refusal', refusal, HOUR_MS);
    assert.deepEqual(await b.claim('refusal', 'fp', 60_000), refusal);

    await hold('nothing');
    await b.release('nothing');
    assert.deepEqual(await b.claim('nothing', 'fp', 60_000), held, 'not another process’s to free');
    await a.release('nothing');
    assert.equal(await b.claim('nothing', 'fp', 60_000), undefined, 'freed: a retry may try again');

    // Past the hold another process may hold the key: a late link no longer writes over it.
    await hold('past');
    await raw.del(`${prefix}past`);
    assert.equal(await b.claim('past', 'fp', 60_000), undefined);
    await a.complete('past', { fingerprint: 'fp', link }, HOUR_MS);
    assert.deepEqual(await a.claim('past', 'fp', 60_000), { fingerprint: 'fp' }, 'still B’s claim');
  });

  it('the prefix is honoured: every key under it (default almara-pay-link:idempotency:), two prefixes two stores', async () => {
    const raw = await connect();
    const one = redisIdempotencyStore(raw, { prefix: 'shop-one:' });
    const two = redisIdempotencyStore(raw, { prefix: 'shop-two:' });
    const plain = redisIdempotencyStore(raw);
    const key = randomUUID();
    assert.equal(await one.claim(key, 'fp', 60_000), undefined);
    assert.equal(await two.claim(key, 'fp', 60_000), undefined, 'another prefix, another key');
    assert.equal(await plain.claim(key, 'fp', 60_000), undefined);
    assert.deepEqual((await raw.keys(`*${key}`)).sort(), [
      `almara-pay-link:idempotency:${key}`,
      `shop-one:${key}`,
      `shop-two:${key}`,
    ]);
  });

  it('a value under the key that is no record of this store is an error (a 503), never an answer', async () => {
    const prefix = freshPrefix();
    const raw = await connect();
    await raw.set(`${prefix}key`, 'not json', { expiration: { type: 'PX', value: 60_000 } });
    await assert.rejects(redisIdempotencyStore(raw, { prefix }).claim('key', 'fp', 60_000), /no idempotency record/);
  });
});

describe('redisRateLimitStore: the windows on a real Redis', () => {
  it('counts atomically across clients: 100 hits at once from 4 clients count 1 to 100, each once', async () => {
    const prefix = freshPrefix();
    const stores = await Promise.all(range(4).map(async () => redisRateLimitStore(await connect(), { prefix })));
    const hits = await Promise.all(range(100).map((i) => stores[i % 4]!.hit('client', 60_000)));
    assert.deepEqual(
      hits.map((hit) => hit.count).sort((x, y) => x - y),
      range(100).map((i) => i + 1),
    );
    for (const hit of hits) assert.ok(within(hit.resetInMs, 59_000, 60_000));
  });

  it('a window is a key with its TTL, under the prefix; when it ends the count starts again', async () => {
    const raw = await connect();
    const client = randomUUID();
    const store = redisRateLimitStore(raw);
    assert.equal((await store.hit(client, 300)).count, 1);
    assert.equal((await store.hit(client, 300)).count, 2);
    assert.ok(within(await raw.pTTL(`almara-pay-link:rate-limit:${client}`), 1, 300));
    await sleep(350);
    assert.equal(await raw.exists(`almara-pay-link:rate-limit:${client}`), 0, 'the window expired by itself');
    assert.deepEqual((await store.hit(client, 300)).count, 1);
  });
});

/** One handler process (test/node/redis-handler-process.ts) on a loopback port. */
interface HandlerProcess {
  url: string;
  /** What its onError received, a line each. */
  stderr: string[];
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Ends its stdin and waits for it to exit by itself: its exit code. */
  stop(): Promise<number | null>;
}

const PROCESS_SCRIPT = fileURLToPath(new URL('./redis-handler-process.ts', import.meta.url));

async function startHandlerProcess(sandbox: RunningSandbox, rateLimitMax: number | ''): Promise<HandlerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', PROCESS_SCRIPT], {
    env: { ...process.env, SANDBOX_URL: sandbox.url, REDIS_URL: redis.url, RATE_LIMIT_MAX: String(rateLimitMax) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(...chunk.split('\n').filter(Boolean)));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const line = /^\{"port":\d+\}$/m.exec(out);
      if (line) resolve((JSON.parse(line[0]) as { port: number }).port);
    });
    void exited.then(([code]) => reject(new Error(`handler process exited (${code}):\n${stderr.join('\n')}`)));
  });
  const url = `http://127.0.0.1:${port}/api/payment-link`;
  return {
    url,
    stderr,
    post: (body, headers = {}) =>
      fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    stop: async () => {
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const [code] = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

describe('handler processes sharing one Redis, in front of one sandbox', () => {
  let sandbox: RunningSandbox;
  /** Two instances with both Redis stores and `rateLimit: { max: 4 }`, keyed by X-Rate-Client. */
  let instances: [HandlerProcess, HandlerProcess];
  /** A third without a rate limit, so that with Redis down the idempotency claim itself is what fails. */
  let unlimited: HandlerProcess;

  before(async () => {
    sandbox = await startSandbox();
    const started = await Promise.all([
      startHandlerProcess(sandbox, 4),
      startHandlerProcess(sandbox, 4),
      startHandlerProcess(sandbox, ''),
    ]);
    instances = [started[0], started[1]];
    unlimited = started[2];
  });

  after(async () => {
    const codes = await Promise.all([...instances, unlimited].map((instance) => instance.stop()));
    await sandbox.close();
    assert.deepEqual(codes, [0, 0, 0], 'each process exited by itself once its stdin ended');
  });

  it('200 concurrent same-key requests split across two processes: one create at the sandbox, one id in every answer', async () => {
    const creates = sandbox.calls.create;
    const key = randomUUID();
    const responses = await Promise.all(
      range(200).map((i) => instances[i % 2]!.post(elementBody(), { 'Idempotency-Key': key })),
    );
    assert.deepEqual(
      responses.map((response) => response.status),
      range(200).map(() => 200),
    );
    const ids = new Set((await Promise.all(responses.map((response) => readJson<Link>(response)))).map((l) => l.id));
    assert.equal(ids.size, 1, 'one link for all');
    assert.equal(sandbox.calls.create - creates, 1, 'one upstream create');
  });

  it('the same key with other data, at either process: 422 idempotency_key_reused, nothing created', async () => {
    const key = randomUUID();
    assert.equal((await instances[0].post(elementBody(), { 'Idempotency-Key': key })).status, 200);
    const creates = sandbox.calls.create;
    for (const instance of [...instances, unlimited]) {
      const response = await instance.post(elementBody({ amount: 2000 }), { 'Idempotency-Key': key });
      assert.equal(response.status, 422);
      assert.equal((await readJson<ErrorJson>(response)).error.code, 'idempotency_key_reused');
    }
    assert.equal(sandbox.calls.create, creates);
  });

  it('the rate limit is one budget across both processes: of 20 requests at once, 4 pass, 16 get 429', async () => {
    const client = randomUUID();
    const responses = await Promise.all(
      range(20).map((i) => instances[i % 2]!.post(elementBody(), { 'X-Rate-Client': client })),
    );
    const limited = responses.filter((response) => response.status === 429);
    assert.equal(responses.filter((response) => response.status === 200).length, 4);
    assert.equal(limited.length, 16);
    for (const response of limited) {
      assert.ok(within(Number(response.headers.get('Retry-After')), 1, 60));
      assert.deepEqual(await readJson<ErrorJson>(response), {
        error: { code: 'rate_limited', message: en.tooManyRequests },
      });
    }
    await Promise.all(responses.filter((response) => response.status !== 429).map((response) => response.text()));
  });

  it('Redis killed: 503 store_unavailable from every process, nothing created; back on its port, creations work again', async () => {
    await redis.kill();
    const creates = sandbox.calls.create;
    const keys = [randomUUID(), randomUUID(), randomUUID()];
    const everyone = [...instances, unlimited];
    try {
      for (const [i, instance] of everyone.entries()) {
        for (const attempt of range(3)) {
          // The element's first try and its two retries, with the same key.
          const response = await instance.post(elementBody(), { 'Idempotency-Key': keys[i]! });
          assert.equal(response.status, 503, `process ${i}, attempt ${attempt}`);
          assert.deepEqual(await readJson<ErrorJson>(response), {
            error: { code: 'store_unavailable', message: en.storeUnavailable },
          });
        }
      }
      assert.equal(sandbox.calls.create, creates, 'no link without the store');
      // Its stderr may come a moment after its answer.
      await until(() => everyone.every((instance) => instance.stderr.length >= 3), 'each process told its logs');
      for (const instance of everyone) for (const line of instance.stderr) assert.match(line, /redis|socket/i);
    } finally {
      await redis.restart();
    }
    // node-redis reconnects by itself, with a backoff of up to about 2 s; the payer's next try gets through.
    const links = await Promise.all(
      everyone.map(async (instance, i) => {
        const deadline = Date.now() + 20_000;
        for (;;) {
          const response = await instance.post(elementBody(), { 'Idempotency-Key': keys[i]! });
          if (response.status === 200) return readJson<Link>(response);
          assert.equal(response.status, 503);
          await response.text();
          assert.ok(Date.now() < deadline, 'reconnected within 20 s');
          await sleep(100);
        }
      }),
    );
    assert.equal(sandbox.calls.create - creates, 3, 'one link per key');
    const replay = await instances[1].post(elementBody(), { 'Idempotency-Key': keys[0]! });
    assert.equal(replay.headers.get('Idempotent-Replayed'), 'true');
    assert.equal((await readJson<Link>(replay)).id, links[0]!.id);
  });
});

describe('Redis lost between the claim and the completion (in this process)', () => {
  it('the payer still gets the link Almara made (a 503 would send them to make a second), and the logs hear of it', async () => {
    const sandbox = await startSandbox();
    const errors: unknown[] = [];
    const handler = createPaymentLinkHandler({
      client: sandboxClient(sandbox),
      shortCode: SANDBOX_SHORT_CODE,
      redirectionSite: THANKS,
      store: redisIdempotencyStore(await connect()),
      // Runs under the claimed key, just before the upstream create.
      prepare: async () => {
        await redis.kill();
      },
      onError: (error) => errors.push(error),
    });
    const server = await listen(createServer(toNodeHandler(handler)));
    try {
      const response = await fetch(`${server.url}/pay`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify(elementBody()),
      });
      assert.equal(response.status, 200);
      assert.match((await readJson<Link>(response)).url, /^http/);
      assert.equal(sandbox.calls.create, 1);
      assert.equal(errors.length, 1, 'the failed completion was reported');
    } finally {
      await server.close();
      await sandbox.close();
      await redis.restart();
    }
  });
});

/** Resolves once `done()` holds, looking every 20 ms; fails naming `what` after 5 s. */
async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!done()) {
    assert.ok(Date.now() < deadline, `still waiting: ${what}`);
    await sleep(20);
  }
}

function within(value: number, low: number, high: number): boolean {
  return value >= low && value <= high;
}
