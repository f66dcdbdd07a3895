/**
 * npm run bench: the figures behind "fast on a cheap phone", printed, not asserted (the
 * machines here are noisy; only the bundle size is deterministic, and a test checks it).
 *
 * 1. The CDN file: raw, gzip -9 and brotli sizes.
 * 2. In Debian's Chromium with the CPU slowed 4× (a low-end Android phone, as Lighthouse
 *    models one): evaluating the script and defining the tag, the first render of one form,
 *    one keystroke (input event → re-render with validation), and a click on "Pay" up to
 *    the moment the request leaves. Medians of several runs.
 * 3. The merchant handler in Node against a bare proxy (scripts/bench-server.ts): each in
 *    a process of its own in front of one sandbox process, interleaved rounds, the same
 *    number in flight; creates per second, p50 and p99, medians and spreads over the rounds,
 *    and the ratios (targets: throughput ≥ 0.95 of the proxy's, p99 ≤ 1.1 of it). The same
 *    handler on the Redis store (a redis-server started on a free loopback port) against
 *    its memory store.
 * 4. 500 creates at once on a cold token: how many token requests reach the sandbox (1).
 *
 * Run `npm run build` first (npm run bench does).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { SANDBOX_CREDENTIALS, SANDBOX_SHORT_CODE, startSandbox } from '../src/sandbox/index.js';
import { AlmaraPayClient, createPaymentLinkHandler, toNodeHandler } from '../src/server/index.js';
import { startRedisServer, type RedisServer } from '../test/node/redis-server.js';

const CDN_FILE = 'dist/cdn/almara-pay-link.js';
const CPU_SLOWDOWN = 4;
const RUNS = 7;
const KEYSTROKES = 40;
const SERVER_REQUESTS = 800;
const SERVER_WARM_UP = 200;
const SERVER_ROUNDS = 15;
const SERVER_IN_FLIGHT = 10;
const COLD_CREATES = 500;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function sizes(): void {
  const code = readFileSync(CDN_FILE);
  const kb = (n: number) => `${(n / 1024).toFixed(2)} KB (${n} bytes)`;
  console.log('CDN file', CDN_FILE);
  console.log(`  raw     ${kb(code.length)}`);
  console.log(`  gzip -9 ${kb(gzipSync(code, { level: 9 }).length)}`);
  console.log(`  brotli  ${kb(brotliCompressSync(code).length)}`);
}

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head>
<body><main id="slot"></main><script src="/bench.js"></script></body></html>`;

// Runs in the page: measures with performance.now(), answers the POST itself (no network).
const BENCH_JS = `
window.bench = async function () {
  const t0 = performance.now();
  const script = document.createElement('script');
  script.src = '/cdn.js';
  const loaded = new Promise((resolve) => script.addEventListener('load', resolve));
  document.head.append(script);
  await loaded;
  await customElements.whenDefined('almara-pay-link');
  const defined = performance.now() - t0;

  const el = document.createElement('almara-pay-link');
  el.setAttribute('endpoint', '/api/payment-link');
  el.setAttribute('amount', '1500');
  el.setAttribute('description', 'Order 1042');
  const t1 = performance.now();
  document.getElementById('slot').append(el);
  await el.updateComplete;
  el.getBoundingClientRect();
  const firstRender = performance.now() - t1;

  const field = (name) => el.shadowRoot.querySelector('input[name=' + name + ']');
  const type = async (name, value) => {
    const input = field(name);
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await el.updateComplete;
  };
  const keys = [];
  const email = 'wanjiku.kamau@example.com';
  for (let i = 1; i <= ${KEYSTROKES}; i++) {
    const t = performance.now();
    await type('emailAddress', email.slice(0, 1 + (i % email.length)));
    keys.push(performance.now() - t);
  }
  await type('firstName', 'Wanjiku');
  await type('lastName', 'Kamau');
  await type('emailAddress', email);
  await type('phoneNumber', '0712 345 678');

  let sent = 0;
  const t2 = performance.now();
  window.fetch = async () => {
    sent = performance.now() - t2;
    return new Response(JSON.stringify({ url: 'https://pay.example/l/1', id: '1' }), { status: 200 });
  };
  el.addEventListener('almara-pay-link-success', (event) => event.preventDefault());
  const done = new Promise((resolve) => el.addEventListener('almara-pay-link-success', resolve));
  el.shadowRoot.querySelector('button').click();
  await done;
  keys.sort((a, b) => a - b);
  return { defined, firstRender, keystroke: keys[Math.floor(keys.length / 2)], keystrokeWorst: keys[keys.length - 1], submitToRequest: sent };
};
`;

async function browserFigures(): Promise<void> {
  const cdn = readFileSync(CDN_FILE);
  const server = createServer((req, res) => {
    const [type, body] =
      req.url === '/cdn.js'
        ? ['text/javascript', cdn]
        : req.url === '/bench.js'
          ? ['text/javascript', BENCH_JS]
          : ['text/html', PAGE];
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body);
  });
  const origin = await listen(server);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  type Figures = Record<'defined' | 'firstRender' | 'keystroke' | 'keystrokeWorst' | 'submitToRequest', number>;
  const runs: Figures[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.newPage();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
      await page.goto(origin + '/');
      runs.push(await page.evaluate(() => (window as unknown as { bench: () => Promise<Figures> }).bench()));
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const of = (key: keyof Figures) => ms(median(runs.map((figures) => figures[key])));
  console.log(`\nIn Chromium, CPU slowed ${CPU_SLOWDOWN}×, median of ${RUNS} fresh pages`);
  console.log(`  script evaluated and tag defined    ${of('defined')}`);
  console.log(`  first render of one form            ${of('firstRender')}`);
  console.log(
    `  one keystroke, validated, rendered  ${of('keystroke')} (worst of ${KEYSTROKES}: ${of('keystrokeWorst')})`,
  );
  console.log(`  click on Pay to request sent        ${of('submitToRequest')}`);
}

// ---------------------------------------------------------------------------------------
// The server side: each server in a process of its own, the load from this one.

/** A server of scripts/bench-server.ts, running. */
interface Child {
  url: string;
  /** The CPU time the process has used so far, in µs. */
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

async function startChild(args: string[], env: Record<string, string> = {}): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench-server.ts', ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  // Each line the child prints answers the oldest question.
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.(line));
  const next = () =>
    new Promise<string>((resolve, reject) => {
      waiting.push(resolve);
      child.once('exit', (code) => {
        reject(new Error(`bench-server ${args.join(' ')} exited (${code})`));
      });
    });
  const { port } = JSON.parse(await next()) as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    cpu: async () => {
      const answer = next();
      child.stdin.write('cpu\n');
      return (JSON.parse(await answer) as { cpu: number }).cpu;
    },
    stop: async () => {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A create as the element sends it: its own key and payer each time, the phone already normalised. */
let created = 0;
function createBody(): { key: string; body: string } {
  const i = created++;
  return {
    key: `bench-${process.pid}-${i}`,
    body: JSON.stringify({
      firstName: 'Wanjiku',
      lastName: 'Kamau',
      emailAddress: `w${i}@example.com`,
      phoneNumber: '254712345678',
      description: 'Order 1042',
      isAmountSpecified: true,
      amount: 1500,
      currency: 'KES',
    }),
  };
}

function post(agent: Agent, url: string): Promise<number> {
  const { key, body } = createBody();
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${url}/api/payment-link`,
      {
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          Origin: 'https://shop.example',
          'Idempotency-Key': key,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          resolve(response.statusCode ?? 0);
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

interface Round {
  perSecond: number;
  p50: number;
  p99: number;
}

/** `requests` creates, `inFlight` at a time; every one must be a 200. */
async function round(url: string, agent: Agent, requests: number, inFlight: number): Promise<Round> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < requests) {
        next++;
        const t = performance.now();
        const status = await post(agent, url);
        if (status !== 200) throw new Error(`${url}: HTTP ${status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))]!;
  return { perSecond: requests / seconds, p50: at(0.5), p99: at(0.99) };
}

/** "median (min–max)" of one figure over the rounds. */
function spread(values: number[], digits: number): string {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(digits);
  return `${f(median(sorted))} (${f(sorted[0]!)}–${f(sorted[sorted.length - 1]!)})`;
}

/** The per-round ratios of `a` to `b` (same round, neighbouring in time): their median and spread. */
function ratios(a: Round[], b: Round[], figure: keyof Round): string {
  return spread(
    a.map((r, i) => r[figure] / b[i]![figure]),
    3,
  );
}

/**
 * The handler, with its memory store and with Redis, against a bare proxy in front of the
 * same sandbox process: interleaved rounds (the order turns each round, so that neither
 * always runs on a warmer or quieter machine), the same number in flight.
 */
async function serverFigures(): Promise<void> {
  const sandbox = await startChild(['sandbox']);
  const env = { SANDBOX_URL: sandbox.url };
  let redis: RedisServer | undefined;
  try {
    redis = await startRedisServer();
  } catch (error) {
    console.log(
      `\n(no redis-server: ${(error as Error).message.split('\n')[0]}; scripts/install-redis.sh installs it)`,
    );
  }
  const targets: { name: string; child: Child; agent: Agent; rounds: Round[]; cpu: number }[] = [];
  const add = async (name: string, args: string[], extra: Record<string, string> = {}) => {
    const child = await startChild(args, { ...env, ...extra });
    const agent = new Agent({ keepAlive: true, maxSockets: SERVER_IN_FLIGHT });
    targets.push({ name, child, agent, rounds: [], cpu: 0 });
  };
  let sandboxCpu = 0;
  try {
    await add('bare proxy', ['proxy']);
    await add('handler, memory store', ['handler', 'memory']);
    if (redis) await add('handler, Redis store', ['handler', 'redis'], { REDIS_URL: redis.url });
    for (const target of targets) await round(target.child.url, target.agent, SERVER_WARM_UP, SERVER_IN_FLIGHT);
    // Counted from here: start-up and warm-up are not what a create costs.
    for (const target of targets) target.cpu = -(await target.child.cpu());
    sandboxCpu = -(await sandbox.cpu());
    for (let r = 0; r < SERVER_ROUNDS; r++) {
      const order = targets.map((_, i) => targets[(i + r) % targets.length]!);
      for (const target of order) {
        target.rounds.push(await round(target.child.url, target.agent, SERVER_REQUESTS, SERVER_IN_FLIGHT));
      }
    }
    for (const target of targets) target.cpu += await target.child.cpu();
    sandboxCpu += await sandbox.cpu();
  } finally {
    for (const target of targets) {
      target.agent.destroy();
      await target.child.stop();
    }
    await sandbox.stop();
    await redis?.stop();
  }

  console.log(
    `\nThe handler in Node, each server its own process, one sandbox process behind them;` +
      `\n${SERVER_ROUNDS} interleaved rounds of ${SERVER_REQUESTS} creates, ${SERVER_IN_FLIGHT} in flight: median (min–max) of the rounds`,
  );
  const columns = ['creates/s', 'p50 ms', 'p99 ms'].map((title) => title.padEnd(20)).join(' ');
  console.log(`  ${'server'.padEnd(22)} ${columns} CPU per create`);
  const creates = SERVER_ROUNDS * SERVER_REQUESTS;
  for (const { name, rounds, cpu } of targets) {
    const of = (figure: keyof Round, digits: number) =>
      spread(
        rounds.map((r) => r[figure]),
        digits,
      ).padEnd(20);
    const perCreate = `${(cpu / creates).toFixed(0)} µs`;
    console.log(`  ${name.padEnd(22)} ${of('perSecond', 0)} ${of('p50', 1)} ${of('p99', 1)} ${perCreate}`);
  }
  console.log(`  (the sandbox's process: ${(sandboxCpu / (creates * targets.length)).toFixed(0)} µs per create)`);
  const [bare, memory, withRedis] = targets.map((target) => target.rounds);
  const ratioOfMedians = (a: Round[], b: Round[], figure: keyof Round) =>
    (median(a.map((r) => r[figure])) / median(b.map((r) => r[figure]))).toFixed(3);
  console.log(
    `  handler / proxy: throughput ${ratioOfMedians(memory!, bare!, 'perSecond')} (target ≥ 0.95),` +
      ` p99 ${ratioOfMedians(memory!, bare!, 'p99')} (target ≤ 1.1)`,
  );
  console.log(`    per round: throughput ${ratios(memory!, bare!, 'perSecond')}, p99 ${ratios(memory!, bare!, 'p99')}`);
  if (withRedis) {
    console.log(
      `  Redis store / memory store: throughput ${ratioOfMedians(withRedis, memory!, 'perSecond')},` +
        ` p50 ${ratioOfMedians(withRedis, memory!, 'p50')}, p99 ${ratioOfMedians(withRedis, memory!, 'p99')}`,
    );
    console.log(
      `    per round: throughput ${ratios(withRedis, memory!, 'perSecond')}, p99 ${ratios(withRedis, memory!, 'p99')}`,
    );
  }
}

/** One token request however many creates arrive at once before there is a token (contract §4). */
async function coldTokenFigures(): Promise<void> {
  const sandbox = await startSandbox();
  const handler = createPaymentLinkHandler({
    client: new AlmaraPayClient({ baseUrl: sandbox.url, credentials: SANDBOX_CREDENTIALS }),
    shortCode: SANDBOX_SHORT_CODE,
    redirectionSite: 'https://shop.example/thanks',
    allowedOrigins: ['https://shop.example'],
  });
  const server = createServer(toNodeHandler(handler));
  const url = await listen(server);
  const agent = new Agent({ keepAlive: true, maxSockets: COLD_CREATES });
  try {
    const statuses = await Promise.all(Array.from({ length: COLD_CREATES }, () => post(agent, url)));
    const ok = statuses.filter((status) => status === 200).length;
    console.log(`\n${COLD_CREATES} creates at once on a cold token (one handler process, the sandbox)`);
    console.log(
      `  token requests at the sandbox: ${sandbox.calls.token}; creates: ${sandbox.calls.create}; 200s: ${ok}`,
    );
  } finally {
    agent.destroy();
    server.close();
    server.closeAllConnections();
    await sandbox.close();
  }
}

sizes();
await browserFigures();
await serverFigures();
await coldTokenFigures();
