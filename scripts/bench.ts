/**
 * npm run bench: the figures behind "fast on a cheap phone", printed, not asserted (the
 * machines here are noisy; only the bundle size is deterministic, and a test checks it).
 *
 * 1. The CDN file: raw, gzip -9 and brotli sizes, and the same by source module (src/ and each
 *    dependency), read from a build's sourcemap (scripts/bench-build.ts).
 * 2. In Debian's Chromium with the CPU slowed 4× (a low-end Android phone, as Lighthouse
 *    models one), side by side with a bare Lit element with the same four inputs
 *    (scripts/bench-bare-element.ts), both built now by vite.config.ts's library build:
 *    evaluating the script and defining the tag, the first render of one form, one keystroke
 *    (input event → re-render with validation), and a click on "Pay" up to the moment the
 *    request leaves. 30 interleaved runs per arm, a fresh page each: medians, spreads, ratios
 *    (target for the first render: ≤ 1.5×).
 * 2b. CLS of each demo page under `npm start` (scripts/measure-layout.ts).
 * 3. The merchant handler in Node against a bare proxy (scripts/bench-server.ts): each in
 *    a process of its own in front of one sandbox process, interleaved rounds, the same
 *    number in flight; creates per second, p50 and p99, medians and spreads over the rounds,
 *    and the ratios (targets: throughput ≥ 0.95 of the proxy's, p99 ≤ 1.1 of it). The same
 *    handler on the Redis store (a redis-server started on a free loopback port) against
 *    its memory store.
 * 4. 500 creates at once on a cold token: how many token requests reach the sandbox (1).
 *
 * Run `npm run build` first (npm run bench does). `BENCH_ONLY=browser` (or any of sizes, browser,
 * layout, server, cold, comma-separated) runs only those sections.
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
import { CHROMIUM_ARGS, CHROMIUM_PATH, freePort, startDemo, stopDemo } from '../test/e2e/demo-server.js';
import { startRedisServer, type RedisServer } from '../test/node/redis-server.js';
import { buildBare, buildCdn, cdnBytesBySource } from './bench-build.js';
import { DEMO_PAGES, VIEWPORTS, measureLayout } from './measure-layout.js';

const CDN_FILE = 'dist/cdn/almara-pay-link.js';
const CPU_SLOWDOWN = 4;
const BROWSER_RUNS = 30;
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

/**
 * Runs in the page, the same for both arms: measures with performance.now(), answers the POST
 * itself (no network). The arm's script is fetched first, untimed, then run inline, so that
 * "evaluated" is the script's compile and run and the tag's definition, not the loopback.
 */
const BENCH_JS = `
window.bench = async function (src, tag) {
  const code = await (await fetch(src)).text();
  const script = document.createElement('script');
  script.textContent = code;
  const t0 = performance.now();
  document.head.append(script);
  await customElements.whenDefined(tag);
  const defined = performance.now() - t0;

  const el = document.createElement(tag);
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

  let requested;
  const sent = new Promise((resolve) => (requested = resolve));
  window.fetch = async () => {
    requested(performance.now());
    return new Response(JSON.stringify({ url: 'https://pay.example/l/1', id: '1' }), { status: 200 });
  };
  // The element's own success: stay on the page.
  el.addEventListener('almara-pay-link-success', (event) => event.preventDefault());
  const t2 = performance.now();
  el.shadowRoot.querySelector('button').click();
  const submitToRequest = (await sent) - t2;
  await new Promise((resolve) => setTimeout(resolve, 20));
  // The mean, not the median: one keystroke is near performance.now()'s 0.1 ms grain.
  return { defined, firstRender, keystroke: keys.reduce((a, b) => a + b, 0) / keys.length, keystrokeWorst: Math.max(...keys), submitToRequest };
};
`;

type Figures = Record<'defined' | 'firstRender' | 'keystroke' | 'keystrokeWorst' | 'submitToRequest', number>;

/** The value at quantile `q` (0–1) of `values`, nearest rank. */
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
};
/** "median (p25–p75, min–max)" */
const summary = (values: number[], digits = 1) => {
  const f = (n: number) => n.toFixed(digits);
  return `${f(median(values))} (${f(quantile(values, 0.25))}–${f(quantile(values, 0.75))}, ${f(Math.min(...values))}–${f(Math.max(...values))})`;
};

/** The CDN file's minified bytes by the source module they come from (scripts/bench-build.ts). */
async function sizesBySource(): Promise<void> {
  const parts = await cdnBytesBySource();
  const file = readFileSync(CDN_FILE);
  const fileGzip = gzipSync(file, { level: 9 }).length;
  const fileBrotli = brotliCompressSync(file).length;
  const rows = parts.map(({ module, owner, code }) => ({
    module,
    owner,
    raw: Buffer.byteLength(code),
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code).length,
  }));
  const sum = (list: typeof rows, key: 'raw' | 'gzip' | 'brotli') => list.reduce((n, row) => n + row[key], 0);
  const gzipAlone = sum(rows, 'gzip');
  const brotliAlone = sum(rows, 'brotli');
  // A package's modules are compressed together, as they sit in the file.
  const line = (name: string, list: typeof rows) => {
    const code = list.map((row) => parts.find((part) => part.module === row.module)!.code).join('');
    const [raw, gz, br] = [sum(list, 'raw'), gzipSync(code, { level: 9 }).length, brotliCompressSync(code).length];
    // Scaled from the modules' own figures, so that the shares add up to the file.
    const gzShare = Math.round((sum(list, 'gzip') / gzipAlone) * fileGzip);
    const brShare = Math.round((sum(list, 'brotli') / brotliAlone) * fileBrotli);
    const share = `≈ ${gzShare} gz / ${brShare} br of the file`;
    return `  ${name.padEnd(46)} ${String(raw).padStart(6)} ${String(gz).padStart(6)} ${String(br).padStart(6)}   ${share}`;
  };
  console.log(
    `\nThe CDN file by source module: its minified bytes attributed through the build's sourcemap` +
      `\n(an estimate: gzip -9 and brotli of each module's (each package's) code alone, which add up to more than the` +
      `\nfile's, ${gzipAlone} and ${brotliAlone} B against ${fileGzip} and ${fileBrotli} B; the last column scales them to the file's)`,
  );
  console.log(`  ${'module'.padEnd(46)} ${'raw'.padStart(6)} ${'gzip'.padStart(6)} ${'brotli'.padStart(6)}`);
  for (const row of [...rows].sort((a, b) => b.gzip - a.gzip)) console.log(line(row.module, [row]));
  console.log('  by package:');
  const owners = [...new Set(rows.map((row) => row.owner))];
  const byOwner = owners.map((owner) => ({ owner, list: rows.filter((row) => row.owner === owner) }));
  for (const { owner, list } of byOwner.sort((a, b) => sum(b.list, 'gzip') - sum(a.list, 'gzip'))) {
    const name = owner === 'almara-pay-link' ? 'almara-pay-link (src/)' : owner;
    console.log(line(`${name}, ${list.length} module${list.length === 1 ? '' : 's'}`, list));
  }
}

/**
 * <almara-pay-link> against a bare Lit element with the same four inputs
 * (scripts/bench-bare-element.ts), both built from the sources now by vite.config.ts's library
 * build: one Chromium, interleaved runs (the order turns each run), a fresh page per run.
 */
async function browserFigures(): Promise<void> {
  const [element, bare] = await Promise.all([buildCdn(), buildBare()]);
  const arms = [
    { name: '<almara-pay-link>', tag: 'almara-pay-link', path: '/almara.js', code: element, runs: [] as Figures[] },
    { name: 'bare Lit element', tag: 'bare-pay-link', path: '/bare.js', code: bare, runs: [] as Figures[] },
  ] as const;
  const served = new Map<string, [string, string]>([
    ['/bench.js', ['text/javascript', BENCH_JS]],
    ...arms.map((arm) => [arm.path, ['text/javascript', arm.code]] as [string, [string, string]]),
  ]);
  const server = createServer((req, res) => {
    const [type, body] = served.get(req.url ?? '') ?? ['text/html', PAGE];
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body);
  });
  const origin = await listen(server);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const version = browser.version();
  try {
    // Run -1 warms the browser up (its first page pays for what every later one shares): not counted.
    for (let run = -1; run < BROWSER_RUNS; run++) {
      for (const arm of run % 2 ? [...arms].reverse() : arms) {
        const page = await browser.newPage();
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
        await page.goto(origin + '/');
        const figures = await page.evaluate<Figures>(
          `window.bench(${JSON.stringify(arm.path)}, ${JSON.stringify(arm.tag)})`,
        );
        if (run >= 0) arm.runs.push(figures);
        await page.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }

  const [el, base] = arms;
  const size = (code: string) =>
    `${(gzipSync(code, { level: 9 }).length / 1024).toFixed(1)} KB gzip -9 (${(code.length / 1024).toFixed(1)} KB raw)`;
  console.log(
    `\nSide by side in Chromium ${version} (headless), CPU slowed ${CPU_SLOWDOWN}×, ${BROWSER_RUNS} interleaved runs per arm,` +
      `\na fresh page each, after one uncounted warm-up run each; median (p25–p75, min–max) in ms, and the ratio of` +
      `\nthe medians with the p25–p75 of the ratios of each run's pair. Both built now from the sources by` +
      `\nvite.config.ts's library build: ${el.name} ${size(el.code)}, ${base.name} ${size(base.code)}`,
  );
  if (Buffer.compare(Buffer.from(el.code), readFileSync(CDN_FILE)) !== 0) {
    console.log(`  (the sources have changed since ${CDN_FILE} was built: this is the new build)`);
  }
  const rows: [keyof Figures, string, string][] = [
    ['defined', 'script evaluated and tag defined', ''],
    ['firstRender', 'first render of one form', ' (target ≤ 1.5)'],
    ['keystroke', `one keystroke (mean of ${KEYSTROKES})`, ''],
    ['keystrokeWorst', `worst of the ${KEYSTROKES} keystrokes`, ''],
    ['submitToRequest', 'click on Pay to request sent', ''],
  ];
  console.log(`  ${''.padEnd(34)} ${el.name.padEnd(32)} ${base.name.padEnd(32)} ratio`);
  for (const [key, label, target] of rows) {
    const a = el.runs.map((figures) => figures[key]);
    const b = base.runs.map((figures) => figures[key]);
    const pairs = a.map((value, i) => value / b[i]!);
    const ratio = median(a) / median(b);
    const spread = `${quantile(pairs, 0.25).toFixed(2)}–${quantile(pairs, 0.75).toFixed(2)}`;
    console.log(
      `  ${label.padEnd(34)} ${summary(a).padEnd(32)} ${summary(b).padEnd(32)} ${ratio.toFixed(2)}× (${spread})${target}`,
    );
  }
}

/** CLS of each demo page (scripts/measure-layout.ts, which test/e2e/layout.test.ts asserts). */
async function layoutFigures(): Promise<void> {
  const port = await freePort();
  const demo = await startDemo(port);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const origin = `http://127.0.0.1:${port}`;
  console.log(
    `\nThe demo pages' layout shift (npm start, Chromium, CPU slowed ${CPU_SLOWDOWN}×, Layout Instability API up to` +
      `\nthe forms rendered): CLS, and "late": with the tag's script held back until the page has been painted`,
  );
  const views = Object.entries(VIEWPORTS);
  console.log(
    `  ${'page'.padEnd(14)} ${views.map(([name, v]) => `${name} ${v.width}×${v.height}`.padEnd(30)).join(' ')}`,
  );
  try {
    // Each page once, not counted: Vite compiles a page's modules (and may optimise its
    // dependencies and reload it) on its first visit, which is no payer's first paint.
    for (const demoPage of DEMO_PAGES) {
      await measureLayout(browser, origin, demoPage, {
        viewport: VIEWPORTS.desktop,
        cpuSlowdown: 1,
        settleMs: 0,
      }).catch(() => undefined);
    }
    for (const demoPage of DEMO_PAGES) {
      const cells: string[] = [];
      const shifted: string[] = [];
      for (const [name, viewport] of views) {
        const cell: string[] = [];
        for (const lateScript of demoPage.script ? [false, true] : [false]) {
          const figures = await measureLayout(browser, origin, demoPage, { viewport, lateScript }).catch(
            (error: unknown) => {
              // A page that does not render (a loaded machine) should not cost the server figures.
              shifted.push(`    ${name}${lateScript ? ' late' : ''}: not measured: ${String(error).split('\n')[0]!}`);
              return undefined;
            },
          );
          if (!figures) {
            cell.push(lateScript ? '– late' : '–');
            continue;
          }
          cell.push(`${figures.cls.toFixed(3)}${lateScript ? ' late' : ''}`);
          for (const shift of figures.shifts) {
            shifted.push(
              `    ${name}${lateScript ? ' late' : ''}: ${shift.value.toFixed(4)} ${shift.sources.join('; ')}`,
            );
          }
        }
        cells.push(cell.join(', ').padEnd(30));
      }
      console.log(`  ${demoPage.path.padEnd(14)} ${cells.join(' ')}`);
      for (const line of shifted) console.log(line);
    }
  } finally {
    await browser.close();
    await stopDemo(demo.child);
  }
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

// BENCH_ONLY=browser,sizes (comma-separated section names) runs only those sections: the
// browser side by side alone takes a minute, the whole bench several.
const SECTIONS = {
  sizes: async () => {
    sizes();
    await sizesBySource();
  },
  browser: browserFigures,
  layout: layoutFigures,
  server: serverFigures,
  cold: coldTokenFigures,
};
const only = process.env.BENCH_ONLY?.split(',');
for (const [name, section] of Object.entries(SECTIONS)) if (!only || only.includes(name)) await section();
