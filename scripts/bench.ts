/**
 * npm run bench: the figures behind "fast on a cheap phone", printed, not asserted (the
 * machines here are noisy; only the bundle size is deterministic, and a test checks it).
 *
 * 1. The CDN file: raw, gzip -9 and brotli sizes.
 * 2. In Debian's Chromium with the CPU slowed 4× (a low-end Android phone, as Lighthouse
 *    models one): evaluating the script and defining the tag, the first render of one form,
 *    one keystroke (input event → re-render with validation), and a click on "Pay" up to
 *    the moment the request leaves. Medians of several runs.
 * 3. The merchant handler in Node: payment links created per second through node:http and
 *    the real handler, against the sandbox on loopback, with 10 requests in flight.
 *
 * Run `npm run build` first (npm run bench does).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { SANDBOX_CREDENTIALS, SANDBOX_SHORT_CODE, startSandbox } from '../src/sandbox/index.js';
import { AlmaraPayClient, createPaymentLinkHandler, toNodeHandler } from '../src/server/index.js';

const CDN_FILE = 'dist/cdn/almara-pay-link.js';
const CPU_SLOWDOWN = 4;
const RUNS = 7;
const KEYSTROKES = 40;
const HANDLER_REQUESTS = 400;
const HANDLER_CONCURRENCY = 10;

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

async function handlerFigures(): Promise<void> {
  const sandbox = await startSandbox();
  const handler = createPaymentLinkHandler({
    client: new AlmaraPayClient({ baseUrl: sandbox.url, credentials: SANDBOX_CREDENTIALS }),
    shortCode: SANDBOX_SHORT_CODE,
    redirectionSite: 'https://shop.example/thanks',
    allowedOrigins: ['https://shop.example'],
  });
  const server = createServer(toNodeHandler(handler));
  const endpoint = (await listen(server)) + '/api/payment-link';
  const body = (i: number) =>
    JSON.stringify({
      firstName: 'Wanjiku',
      lastName: 'Kamau',
      emailAddress: `w${i}@example.com`,
      phoneNumber: '0712 345 678',
      description: 'Order 1042',
      isAmountSpecified: true,
      amount: 1500,
      currency: 'KES',
    });
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: HANDLER_CONCURRENCY }, async () => {
      while (next < HANDLER_REQUESTS) {
        const i = next++;
        const t = performance.now();
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Origin: 'https://shop.example',
            'Idempotency-Key': `bench-${i}`,
          },
          body: body(i),
        });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`request ${i}: HTTP ${response.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  server.close();
  await sandbox.close();
  console.log(`\nThe handler in Node (node:http → handler → sandbox on loopback), ${HANDLER_CONCURRENCY} in flight`);
  console.log(
    `  ${HANDLER_REQUESTS} payment links in ${seconds.toFixed(2)} s: ${(HANDLER_REQUESTS / seconds).toFixed(0)} per second`,
  );
  console.log(
    `  latency p50 ${ms(latencies[Math.floor(latencies.length * 0.5)]!)}, p95 ${ms(latencies[Math.floor(latencies.length * 0.95)]!)}`,
  );
  console.log(`  token requests at the sandbox: ${sandbox.calls.token}, creates: ${sandbox.calls.create}`);
}

sizes();
await browserFigures();
await handlerFigures();
