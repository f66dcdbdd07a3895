/**
 * The no-code backend (contract §7, issue 12) as a merchant with only Node meets it: the packed
 * tarball installed with `npm install` in an empty folder, an `almara.config.json`, `npx
 * almara-pay-link serve` with no credentials (the sandbox), and a static site on another origin
 * whose pages are the output of `npx almara-pay-link snippet` pasted in and a thank-you page
 * written from the banner, served under a strict Content-Security-Policy. Paid through in
 * Debian's Chromium to the sandbox's hosted page and back to the thank-you page.
 *
 * Also: the price is the config's whatever the page says; a page of a foreign origin and an
 * unknown item are refused; the snippet's `<style>` reservation holds the form's place at 360
 * and 1280 px (it is `RESERVED_HEIGHT` of src/backend/snippet.ts); what a site whose CSP allows
 * no inline style does with it (the README's advice); and `createBackend` of the installed
 * package answering Fetch `Request`s, as on a serverless host.
 *
 * Run: `npm run -s build && bash scripts/pack.sh && node --import tsx --test test/examples/serve.test.ts`.
 */
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Locator, Page } from 'playwright-core';
import { PAYER } from '../payer.js';
import { fillPayer, freePort, holdBack, launchChromium, recordProblems, stopDemo } from '../e2e/demo-server.js';
import { RESERVED_HEIGHT } from '../../src/backend/snippet.js';
import { TARBALL } from './harness.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const run = promisify(execFile);
const START_TIMEOUT_MS = 30_000;
/** The snippet's reservations, in rem (`RESERVED_HEIGHT`, measured here): a phone's and a wide screen's. */
const RESERVED = {
  fixed: parseFloat(RESERVED_HEIGHT.fixed.narrow),
  open: parseFloat(RESERVED_HEIGHT.open.narrow),
};
const RESERVED_AT = {
  360: RESERVED,
  1280: { fixed: parseFloat(RESERVED_HEIGHT.fixed.wide), open: parseFloat(RESERVED_HEIGHT.open.wide) },
};
/**
 * How much taller than the form its reservation may be, in rem (what follows the form moves up
 * by that much when it appears), at each width it is measured at.
 */
const SLACK_REM = { 360: 3, 1280: 3 };

const NOT_THE_MERCHANTS = new Set([
  'NODE_OPTIONS',
  'NODE_TEST_CONTEXT',
  'ALMARA_BASE_URL',
  'ALMARA_CLIENT_ID',
  'ALMARA_CLIENT_SECRET',
  'ALMARA_SHORT_CODE',
  'REDIS_URL',
  'PORT',
  'HOST',
  'TRUST_PROXY',
]);

/** The merchant's shell: no Almara credentials, no Redis, no port, nothing of the test runner's. */
function merchantEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !NOT_THE_MERCHANTS.has(name)));
}

/** One command in the merchant's folder; its stdout, or a failure with everything it printed. */
async function sh(dir: string, command: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(command, args, { cwd: dir, env: merchantEnv(), maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${dir}:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

interface File {
  body: string;
  /** The page's own policy, in place of the site's. */
  csp?: string;
}

/** A static site on 127.0.0.1:`port`: `files` by path, each HTML page under `csp`. */
async function serveSite(port: number, files: Map<string, File>, csp: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://site').pathname;
    const file = files.get(path === '/' ? '/index.html' : path);
    if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const html = path.endsWith('.html') || path === '/';
    response.writeHead(200, {
      'Content-Type': html ? 'text/html; charset=utf-8' : path.endsWith('.svg') ? 'image/svg+xml' : 'text/css',
      'Cache-Control': 'no-store',
      ...(html ? { 'Content-Security-Policy': file.csp ?? csp } : {}),
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return server;
}

/** A page of the site, as a merchant writes one around what they paste. */
const sitePage = (title: string, content: string, head = '') => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} · Duka la Amani</title>
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="/site.css" />${head}
  </head>
  <body>
    <main>
      <h1>${title}</h1>
${content}
      <p id="after">Handmade in Mombasa, shipped in three days.</p>
    </main>
  </body>
</html>
`;

/** The site's own look: a column, as most pages have; nothing of the form's (its default look). */
const SITE_CSS = `body { margin: 0; font-family: system-ui, sans-serif; line-height: 1.5; }
main { max-width: 48rem; margin: 0 auto; padding: 1rem; }
`;

const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="8" fill="#9c3d14"/></svg>';

/** `<style>…</style>` of a snippet: the reservation. */
const STYLE = /<style>(.*?)<\/style>\n/;

const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The request a form sends for the payer of the tests, as a script would send it. */
const body = (accountReference: string, amount: number) =>
  JSON.stringify({
    firstName: PAYER.firstName,
    lastName: PAYER.lastName,
    emailAddress: PAYER.emailAddress,
    phoneNumber: '254712345678',
    description: 'whatever the page says',
    isAmountSpecified: true,
    amount,
    currency: 'KES',
    accountReference,
  });

describe(
  'npx almara-pay-link serve: a static site on another origin pays through the sandbox',
  { timeout: 600_000 },
  () => {
    let dir = '';
    let backend = '';
    let site = '';
    let foreign = '';
    let banner = '';
    let serve: ChildProcess | undefined;
    let output = '';
    let browser: Browser | undefined;
    const servers: Server[] = [];
    /** The snippets, as `npx almara-pay-link snippet` printed them. */
    const snippets = { fixed: '', open: '', openSw: '' };
    /** The thank-you page's script, as the banner tells it. */
    let statusScript = { path: '', integrity: '' };
    let strictCsp = '';
    /** `'sha256-…'` of the fixed item's `<style>` text, for a policy that allows it. */
    let reservationHash = '';

    before(async () => {
      assert.ok(existsSync(TARBALL), `no ${TARBALL}: run npm run -s build && bash scripts/pack.sh`);
      dir = mkdtempSync(join(tmpdir(), 'almara-merchant-'));
      const [backendPort, sitePort, foreignPort] = [await freePort(), await freePort(), await freePort()];
      backend = `http://127.0.0.1:${backendPort}`;
      site = `http://127.0.0.1:${sitePort}`;
      foreign = `http://127.0.0.1:${foreignPort}`;

      // What the README's five minutes say: an npm project, the package, the config.
      await sh(dir, 'npm', ['init', '-y']);
      await sh(dir, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', TARBALL]);
      writeFileSync(
        join(dir, 'almara.config.json'),
        JSON.stringify(
          {
            $schema: './node_modules/almara-pay-link/dist/almara.config.schema.json',
            allowedOrigins: [site],
            redirectionSite: `${site}/thanks.html`,
            items: {
              'kikoi-wrap': { description: 'Kikoi beach wrap', price: 1500 },
              'tree-fund': { description: 'Plant a tree in Kakamega', min: 50, max: 100000 },
            },
          },
          null,
          2,
        ),
      );

      serve = spawn('npx', ['almara-pay-link', 'serve', '--port', String(backendPort)], {
        cwd: dir,
        env: merchantEnv(),
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      serve.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      serve.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const started = performance.now();
      while (!/\/healthz\n/.test(output)) {
        if (serve.exitCode !== null) assert.fail(`npx almara-pay-link serve exited with ${serve.exitCode}:\n${output}`);
        if (performance.now() - started > START_TIMEOUT_MS)
          assert.fail(`no banner within ${START_TIMEOUT_MS} ms:\n${output}`);
        await new Promise((done) => setTimeout(done, 100));
      }
      banner = output;

      const status = /GET +\S+?(\/almara-pay-status\.js\?v=\S+)\n\s+integrity="([^"]+)"/.exec(banner);
      assert.ok(status, `the banner names almara-pay-status.js and its integrity:\n${banner}`);
      statusScript = { path: status[1]!, integrity: status[2]! };

      snippets.fixed = await sh(dir, 'npx', ['almara-pay-link', 'snippet', 'kikoi-wrap', '--backend', backend]);
      snippets.open = await sh(dir, 'npx', ['almara-pay-link', 'snippet', 'tree-fund', '--backend', backend]);
      snippets.openSw = await sh(dir, 'npx', [
        'almara-pay-link',
        'snippet',
        'tree-fund',
        '--backend',
        backend,
        '--lang',
        'sw',
      ]);

      strictCsp = `default-src 'self'; script-src 'self' ${backend}; connect-src ${backend}; style-src 'self'`;
      const csp = `${strictCsp} 'unsafe-inline'`;
      const inset = (html: string) => html.replace(/^/gm, '      ');
      const reservation = STYLE.exec(snippets.fixed)![1]!;
      reservationHash = `'sha256-${createHash('sha256').update(reservation).digest('base64')}'`;
      const files = new Map<string, File>([
        ['/site.css', { body: SITE_CSS }],
        ['/favicon.svg', { body: FAVICON }],
        ['/index.html', { body: sitePage('Kikoi beach wrap', inset(snippets.fixed)) }],
        ['/trees.html', { body: sitePage('Plant a tree', inset(snippets.open)) }],
        ['/miti.html', { body: sitePage('Panda mti', inset(snippets.openSw)) }],
        [
          '/renamed.html',
          { body: sitePage('An old page', inset(snippets.fixed.replace('"kikoi-wrap"', '"kikoi-wrap-2025"'))) },
        ],
        [
          '/thanks.html',
          {
            body: sitePage(
              'Thank you',
              `      <almara-pay-status endpoint="${backend}/api/payment-status"></almara-pay-status>`,
              `\n    <script src="${backend}${statusScript.path}" integrity="${statusScript.integrity}" crossorigin="anonymous" defer></script>`,
            ),
            // The status element adopts its stylesheet: it needs no style exception.
            csp: strictCsp,
          },
        ],
        // The snippet as printed, under a policy with no 'unsafe-inline' for styles.
        ['/strict-inline.html', { body: sitePage('Kikoi beach wrap', inset(snippets.fixed)), csp: strictCsp }],
        // What the README says for such a site: the rule in the site's stylesheet, the <style> line left out…
        ['/shop.css', { body: `${reservation}\n` }],
        [
          '/strict.html',
          {
            body: sitePage(
              'Kikoi beach wrap',
              inset(snippets.fixed.replace(STYLE, '')),
              '\n    <link rel="stylesheet" href="/shop.css" />',
            ),
            csp: strictCsp,
          },
        ],
        // … or its hash allowed.
        [
          '/strict-hash.html',
          {
            body: sitePage('Kikoi beach wrap', inset(snippets.fixed)),
            csp: `${strictCsp} ${reservationHash}`,
          },
        ],
      ]);
      servers.push(await serveSite(sitePort, files, csp));
      // Another site, which the config does not list: the same page.
      servers.push(
        await serveSite(
          foreignPort,
          new Map([...files].filter(([path]) => ['/index.html', '/site.css', '/favicon.svg'].includes(path))),
          csp,
        ),
      );
      browser = await launchChromium();
    });

    after(async () => {
      await browser?.close();
      if (serve) await stopDemo(serve);
      await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** A page of the site (or `origin`) in a new browser context, in the payer's `locale`. */
    async function open(
      path: string,
      { width = 1280, origin = site, locale = 'en-KE' } = {},
    ): Promise<{ page: Page; problems: string[] }> {
      assert.ok(browser, 'the browser starts in before()');
      const page = await browser.newPage({ viewport: { width, height: 900 }, locale });
      page.setDefaultTimeout(20_000);
      const problems = await recordProblems(page);
      const response = await page.goto(origin + path);
      assert.equal(response?.status(), 200, `${origin}${path}`);
      return { page, problems };
    }

    /** The form's Pay button pressed; the answer of the backend to its POST. */
    async function press(page: Page, form: Locator, name: RegExp) {
      const answered = page.waitForResponse(
        (response) => response.request().method() === 'POST' && response.url() === `${backend}/api/payment-link`,
      );
      await form.getByRole('button', { name }).click();
      return answered;
    }

    /** What the backend says of a link, asked as the thank-you page asks. */
    async function statusOf(id: string): Promise<Record<string, unknown>> {
      const response = await fetch(`${backend}/api/payment-status?id=${id}`, {
        headers: { Origin: site },
        signal: AbortSignal.timeout(10_000),
      });
      assert.equal(response.status, 200);
      return (await response.json()) as Record<string, unknown>;
    }

    /** The backend's log lines so far, parsed. */
    const logLines = () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);

    it('starts on the sandbox with no credentials, and its banner says so and what to pin the scripts with', async () => {
      const lines = banner.split('\n');
      assert.match(
        lines[0]!,
        new RegExp(
          `^almara-pay-link \\d+\\.\\d+\\.\\d+ on http://localhost:\\d+ \\(listening on 0\\.0\\.0\\.0:\\d+\\)$`,
        ),
      );
      assert.equal(lines.filter((line) => /mode: sandbox at .*\/sandbox\/, no real payments/.test(line)).length, 1);
      for (const route of [
        'POST .*/api/payment-link',
        'GET .*/api/payment-status',
        'GET .*/api/items',
        'GET .*/healthz',
      ])
        assert.match(banner, new RegExp(route));
      // Each integrity is the digest of the file as served.
      for (const name of ['almara-pay-link.js', 'almara-pay-status.js']) {
        const [, path, integrity] = new RegExp(
          `GET +\\S+?(/${name.replace('.', '\\.')}\\?v=\\S+)\\n\\s+integrity="([^"]+)"`,
        ).exec(banner)!;
        const response = await fetch(backend + path!, { signal: AbortSignal.timeout(10_000) });
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('access-control-allow-origin'), '*');
        assert.match(response.headers.get('content-type') ?? '', /^text\/javascript/);
        assert.match(response.headers.get('cache-control') ?? '', /immutable/);
        const digest = createHash('sha384')
          .update(Buffer.from(await response.arrayBuffer()))
          .digest('base64');
        assert.equal(integrity, `sha384-${digest}`, name);
      }
      const health = await fetch(`${backend}/healthz`, { signal: AbortSignal.timeout(10_000) });
      assert.deepEqual([health.status, await health.json()], [200, { ok: true }]);
    });

    it('snippet prints the reservation, the pinned script and the element for each kind of item', () => {
      assert.match(
        snippets.fixed,
        new RegExp(
          `<style>almara-pay-link:not\\(:defined\\)\\{display:block;min-height:${RESERVED.fixed}rem\\}` +
            `@media\\(min-width:40rem\\)\\{almara-pay-link:not\\(:defined\\)\\{min-height:${RESERVED_AT[1280].fixed}rem\\}\\}</style>`,
        ),
      );
      assert.match(snippets.open, new RegExp(`min-height:${RESERVED.open}rem`));
      const script = new RegExp(
        `<script src="${backend}/almara-pay-link\\.js\\?v=[\\w-]+" integrity="sha384-[\\w+/=]+" crossorigin="anonymous" defer></script>`,
      );
      for (const text of [snippets.fixed, snippets.open, snippets.openSw]) assert.match(text, script);
      assert.match(snippets.fixed, new RegExp(`endpoint="${backend}/api/payment-link"`));
      assert.match(snippets.fixed, /account-reference="kikoi-wrap"[\s\S]*amount="1500"/);
      assert.match(snippets.open, /account-reference="tree-fund"[\s\S]*min-amount="50"\s+max-amount="100000"/);
      assert.doesNotMatch(snippets.open, /lang=/);
      assert.match(snippets.openSw, /lang="sw"/);
    });

    it('the pasted snippet renders the form (the script pinned with SRI, no CSP error): KES 1,500, no amount asked', async () => {
      const { page, problems } = await open('/index.html');
      await page.waitForFunction(() => customElements.get('almara-pay-link') !== undefined);
      const form = page.locator('almara-pay-link');
      await form.getByRole('button', { name: /^Pay KES\s1,500$/ }).waitFor();
      assert.equal(await form.getByLabel('Amount').count(), 0, 'a fixed price asks no amount');
      for (const label of ['First name', 'Last name', 'Email', 'Phone number']) await form.getByLabel(label).waitFor();
      // The one script is the backend's, pinned: had its digest not matched, the tag would be undefined.
      const scripts = await page.$$eval('script', (nodes) =>
        nodes.map((node) => [node.src, node.integrity, node.crossOrigin, node.defer]),
      );
      assert.equal(scripts.length, 1);
      assert.match(String(scripts[0]![0]), new RegExp(`^${backend}/almara-pay-link\\.js\\?v=`));
      assert.match(String(scripts[0]![1]), /^sha384-/);
      assert.deepEqual(scripts[0]!.slice(2), ['anonymous', true]);
      assert.deepEqual(problems, [], 'no CSP violation, script error or console error');
      await page.close();
    });

    it('a payer pays KES 1,500 on the sandbox’s hosted page and lands on the thank-you page: “Payment received”', async () => {
      const { page, problems } = await open('/index.html');
      const form = page.locator('almara-pay-link');
      await fillPayer(form);
      const answer = await press(page, form, /^Pay KES\s1,500$/);
      assert.equal(answer.status(), 200);

      // The sandbox's hosted page, on the backend's own origin.
      await page.waitForURL((url) => url.href.startsWith(`${backend}/sandbox/pay/pl_`));
      assert.equal(squash(await page.locator('h1').textContent()), 'KES 1,500');
      await page.getByRole('button', { name: 'Pay', exact: true }).click();

      // Back on the site's thank-you page, which asks the backend.
      await page.waitForURL(new RegExp(`^${site}/thanks\\.html\\?paymentLinkId=pl_\\w+$`));
      const id = new URL(page.url()).searchParams.get('paymentLinkId')!;
      const receipt = page.locator('almara-pay-status');
      await page.locator('almara-pay-status[status="paid"]').waitFor();
      assert.equal(squash(await receipt.locator('[part=title]').textContent()), 'Payment received');
      assert.equal(squash(await receipt.locator('[part=summary] .amount').textContent()), 'KES 1,500');
      assert.match(squash(await receipt.locator('[part=summary]').textContent()), /Kikoi beach wrap/);
      assert.deepEqual(problems, [], 'no CSP violation, script error or console error on any of the three pages');

      // One log line per request, with the item and the link, and never the payer.
      const line = logLines().find((entry) => entry['method'] === 'POST' && entry['link'] === id);
      assert.ok(line, `a log line for the POST that made ${id}:\n${output}`);
      assert.deepEqual(Object.keys(line).sort(), ['item', 'link', 'method', 'ms', 'path', 'status', 'time']);
      assert.deepEqual([line['path'], line['status'], line['item']], ['/api/payment-link', 200, 'kikoi-wrap']);
      assert.ok(logLines().some((entry) => entry['path'] === '/api/payment-status' && entry['link'] === id));
      for (const detail of [PAYER.firstName, PAYER.lastName, PAYER.emailAddress, '712345678'])
        assert.ok(!output.includes(detail), `the backend printed "${detail}"`);
      await page.close();
    });

    it('a tampered amount="1" on the page still makes a KES 1,500 link: the price is the config’s', async () => {
      const { page } = await open('/index.html');
      const form = page.locator('almara-pay-link');
      await form.getByRole('button', { name: /^Pay KES\s1,500$/ }).waitFor();
      await page.evaluate(() => document.querySelector('almara-pay-link')!.setAttribute('amount', '1'));
      await fillPayer(form);
      const answer = await press(page, form, /^Pay KES\s1$/);
      assert.equal(answer.status(), 200);
      await page.waitForURL((url) => url.href.startsWith(`${backend}/sandbox/pay/pl_`));
      const id = new URL(page.url()).pathname.split('/').at(-1)!;
      assert.equal(squash(await page.locator('h1').textContent()), 'KES 1,500');
      assert.equal(squash(await page.locator('.description').textContent()), 'Kikoi beach wrap');
      const told = await statusOf(id);
      assert.deepEqual([told['amount'], told['currency'], told['status']], [1500, 'KES', 'pending']);
      await page.close();
    });

    it('the open item, pasted with --lang sw: in Swahili, its bounds the config’s, KES 250 paid', async () => {
      const { page, problems } = await open('/miti.html', { width: 360, locale: 'sw-KE' });
      const form = page.locator('almara-pay-link');
      await form.getByLabel('Jina la kwanza').fill(PAYER.firstName);
      await form.getByLabel('Jina la mwisho').fill(PAYER.lastName);
      await form.getByLabel('Barua pepe').fill(PAYER.emailAddress);
      await form.getByLabel('Nambari ya simu').fill(PAYER.phoneNumber);
      await form.getByLabel('Kiasi').fill('20');
      await form.getByRole('button', { name: /^Lipa\b/ }).click();
      await form.getByText('Kiasi kisipungue KES 50.').waitFor();

      // Below the bounds with the page's bounds tampered: the backend refuses, in Swahili, by the field.
      await page.evaluate(() => document.querySelector('almara-pay-link')!.setAttribute('min-amount', '1'));
      await form.getByLabel('Kiasi').fill('20');
      const refused = await press(page, form, /^Lipa KES\s20$/);
      assert.equal(refused.status(), 400);
      assert.deepEqual(JSON.parse((await refused.text()).replace(/\u00a0/g, ' ')), {
        error: {
          code: 'validation_failed',
          message: 'Tafadhali sahihisha sehemu zilizowekwa alama.',
          fields: { amount: 'Kiasi kisipungue KES 50.' },
        },
      });
      await form.getByText('Kiasi kisipungue KES 50.').waitFor();

      await form.getByLabel('Kiasi').fill('250');
      const answer = await press(page, form, /^Lipa KES\s250$/);
      assert.equal(answer.status(), 200);
      await page.waitForURL((url) => url.href.startsWith(`${backend}/sandbox/pay/pl_`));
      assert.equal(squash(await page.locator('h1').textContent()), 'KES 250');
      assert.equal(squash(await page.locator('.description').textContent()), 'Plant a tree in Kakamega');
      await page.getByRole('button', { name: 'Lipa', exact: true }).click();
      await page.waitForURL(new RegExp(`^${site}/thanks\\.html\\?paymentLinkId=pl_\\w+$`));
      await page.locator('almara-pay-status[status="paid"]').waitFor();
      assert.equal(squash(await page.locator('almara-pay-status [part=summary] .amount').textContent()), 'KES 250');
      // The refused POST is the only complaint: Chromium logs a 400 as a console error.
      assert.deepEqual(
        problems.filter((problem) => !/status of 400/.test(problem)),
        [],
        'no CSP violation or script error',
      );
      await page.close();
    });

    it('a page of a site the config does not list is refused: 403 JSON, the form says so, no link made', async () => {
      const before = logLines().length;
      const { page } = await open('/index.html', { origin: foreign });
      const form = page.locator('almara-pay-link');
      await fillPayer(form);
      await form.getByRole('button', { name: /^Pay KES\s1,500$/ }).click();
      // The preflight is refused, so the browser gets no answer it may read: the form says it could not connect.
      await form.locator('[part~="form-error"]').filter({ hasText: /\S/ }).waitFor();
      assert.equal(new URL(page.url()).origin, foreign, 'the payer stays on the page');
      const refused = logLines()
        .slice(before)
        .filter((line) => line['path'] === '/api/payment-link');
      assert.ok(
        refused.length > 0 && refused.every((line) => line['status'] === 403 && !line['link']),
        JSON.stringify(refused),
      );
      await page.close();

      // A script that sends the Origin header itself learns as little.
      const response = await fetch(`${backend}/api/payment-link`, {
        method: 'POST',
        headers: { Origin: foreign, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: body('kikoi-wrap', 1500),
        signal: AbortSignal.timeout(10_000),
      });
      assert.equal(response.status, 403);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'origin_not_allowed');
      assert.equal(response.headers.get('access-control-allow-origin'), null);
    });

    it('an account-reference the config does not have: JSON 400 unknown_item, and the form shows its message', async () => {
      const { page, problems } = await open('/renamed.html');
      const form = page.locator('almara-pay-link');
      await fillPayer(form);
      const answer = await press(page, form, /^Pay KES\s1,500$/);
      assert.equal(answer.status(), 400);
      assert.match(answer.headers()['content-type'] ?? '', /^application\/json/);
      const message = 'This item cannot be paid for here. Please tell the seller.';
      assert.deepEqual(await answer.json(), { error: { code: 'unknown_item', message } });
      assert.equal(squash(await form.locator('[part~="form-error"]').textContent()), message);
      assert.deepEqual(
        problems.filter((problem) => !/status of 400/.test(problem)),
        [],
      );
      await page.close();
    });

    describe('the snippet’s reservation holds the form’s place (default look, no layout shift)', () => {
      const measured: string[] = [];
      after(() => {
        console.log(`form heights (px; reserved ${JSON.stringify(RESERVED_HEIGHT)}):\n  ${measured.join('\n  ')}`);
      });

      for (const [kind, path] of [
        ['fixed', '/index.html'],
        ['open', '/trees.html'],
        ['open', '/miti.html'],
      ] as const) {
        for (const width of [360, 1280] as const) {
          it(`${kind} (${path}) at ${width} px`, async () => {
            assert.ok(browser);
            const page = await browser.newPage({ viewport: { width, height: 900 } });
            page.setDefaultTimeout(20_000);
            const problems = await recordProblems(page);
            // The script held back, as a slow network does, until the page is laid out without it.
            const release = await holdBack(page, `${backend}/almara-pay-link.js*`);
            await page.goto(site + path, { waitUntil: 'commit' });
            // Parsed, the site's stylesheet applied (it has no margin on body) and its fonts in.
            await page.waitForFunction(
              () =>
                document.readyState !== 'loading' &&
                document.querySelector('#after') &&
                getComputedStyle(document.body).marginTop === '0px',
            );
            await page.evaluate(() => document.fonts.ready);
            const box = () =>
              page.evaluate(() => ({
                form: document.querySelector('almara-pay-link')!.getBoundingClientRect().height,
                after: document.querySelector('#after')!.getBoundingClientRect().top,
                rem: parseFloat(getComputedStyle(document.documentElement).fontSize),
                defined: customElements.get('almara-pay-link') !== undefined,
              }));
            const reserved = await box();
            assert.equal(reserved.defined, false);
            assert.equal(
              reserved.form,
              RESERVED_AT[width][kind] * reserved.rem,
              'the reservation applies before the script runs',
            );

            release();
            await page
              .locator('almara-pay-link')
              .getByRole('button', { name: /^(Pay|Lipa)\b/ })
              .waitFor();
            await page.evaluate(() => document.fonts.ready);
            const rendered = await box();
            measured.push(
              `${kind} ${path} ${width}px: form ${rendered.form.toFixed(1)} (${(rendered.form / rendered.rem).toFixed(2)}rem), reserved ${reserved.form}`,
            );
            assert.ok(
              rendered.form <= reserved.form,
              `the form (${rendered.form}px) outgrows its reservation (${reserved.form}px): the text under it is pushed down`,
            );
            assert.ok(
              reserved.form - rendered.form <= SLACK_REM[width] * rendered.rem,
              `the reservation (${reserved.form}px) is more than ${SLACK_REM[width]}rem taller than the form (${rendered.form}px)`,
            );
            const moved = rendered.after - reserved.after;
            assert.ok(
              Math.abs(moved - (rendered.form - reserved.form)) < 1,
              `the text under the form moved by ${moved}px, not by the form's change of height`,
            );
            assert.deepEqual(problems, []);
            await page.close();
          });
        }
      }
    });

    describe('a site whose CSP allows no inline style (style-src without unsafe-inline)', () => {
      /** The reservation's height before the script runs, and the form once it has. */
      async function reservedThenRendered(path: string): Promise<{ reserved: number; problems: string[] }> {
        assert.ok(browser);
        const page = await browser.newPage({ viewport: { width: 360, height: 900 } });
        page.setDefaultTimeout(20_000);
        const problems = await recordProblems(page);
        const release = await holdBack(page, `${backend}/almara-pay-link.js*`);
        await page.goto(site + path, { waitUntil: 'commit' });
        await page.waitForFunction(
          () =>
            document.readyState !== 'loading' && document.styleSheets.length > 0 && document.querySelector('#after'),
        );
        // The stylesheets have loaded once the page's own has applied.
        await page.waitForFunction(() => getComputedStyle(document.body).margin === '0px');
        const reserved = await page.evaluate(
          () => document.querySelector('almara-pay-link')!.getBoundingClientRect().height,
        );
        release();
        await page
          .locator('almara-pay-link')
          .getByRole('button', { name: /^Pay KES\s1,500$/ })
          .waitFor();
        await page.close();
        return { reserved, problems };
      }

      it('the snippet as printed: its <style> is blocked (a CSP violation), the form works, its place is not kept', async () => {
        const { reserved, problems } = await reservedThenRendered('/strict-inline.html');
        assert.equal(reserved, 0);
        assert.deepEqual(
          problems.filter((problem) => problem.startsWith('CSP violation')),
          [`CSP violation: style-src-elem blocked inline on ${site}/strict-inline.html`],
        );
        // Chromium's console names the hash that would allow it (the README says to look there).
        assert.ok(
          problems.some((problem) => problem.startsWith('console error:') && problem.includes(reservationHash)),
          problems.join('\n'),
        );
      });

      it('the <style> line left out and its rule in the site’s stylesheet: no violation, the place kept', async () => {
        const { reserved, problems } = await reservedThenRendered('/strict.html');
        assert.equal(reserved, RESERVED.fixed * 16, 'the reservation applies');
        assert.deepEqual(problems, []);
      });

      it('or the rule’s sha256 allowed in style-src: no violation, the place kept', async () => {
        const { reserved, problems } = await reservedThenRendered('/strict-hash.html');
        assert.equal(reserved, RESERVED.fixed * 16, 'the reservation applies');
        assert.deepEqual(problems, []);
      });
    });

    it('the serverless module bundles as Wrangler and Netlify bundle it (esbuild), without redis installed', async () => {
      // The optional peer is not installed where REDIS_URL is not used; a bundler must not need it.
      assert.equal(existsSync(join(dir, 'node_modules/redis')), false, 'redis is not in the merchant folder');
      writeFileSync(
        join(dir, 'worker.mjs'),
        `import { createBackend } from 'almara-pay-link/backend';
import config from './almara.config.json' with { type: 'json' };
let backend;
export default { fetch: (request, env) => (backend ??= createBackend(config, env))(request) };
`,
      );
      const esbuild = join(ROOT, 'node_modules/.bin/esbuild');
      await sh(dir, esbuild, [
        'worker.mjs',
        '--bundle',
        '--format=esm',
        '--platform=neutral',
        '--conditions=workerd,worker,browser',
        '--main-fields=module,main',
        '--external:node:*',
        '--outfile=worker.bundle.mjs',
        '--log-level=error',
      ]);
      assert.ok(readFileSync(join(dir, 'worker.bundle.mjs'), 'utf8').includes('almara-pay-status'));
    });

    it('createBackend of the installed package answers Fetch Requests, as on a serverless host', async () => {
      // What a Vercel, Netlify or Workers function does: the config imported, one handler.
      writeFileSync(
        join(dir, 'serverless.mjs'),
        `import { createBackend } from 'almara-pay-link/backend';
import config from './almara.config.json' with { type: 'json' };

const backend = createBackend(config, {}, { log: () => {} });
const [origin] = process.argv.slice(2);
const host = 'https://pay.shop.example';
const created = await backend(
  new Request(host + '/api/payment-link', {
    method: 'POST',
    headers: { Origin: origin, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: ${JSON.stringify(body('kikoi-wrap', 1))},
  }),
  { clientAddress: '203.0.113.7' },
);
const link = await created.json();
const hosted = await backend(new Request(link.url));
const status = await backend(new Request(host + '/api/payment-status?id=' + link.id, { headers: { Origin: origin } }));
const items = await backend(new Request(host + '/api/items/tree-fund'));
console.log(JSON.stringify({
  created: [created.status, created.headers.get('access-control-allow-origin'), link],
  hosted: [hosted.status, /KES\\s1,500/.test(await hosted.text())],
  status: [status.status, await status.json()],
  item: [items.status, await items.json()],
  mode: backend.mode,
}));
await backend.close();
`,
      );
      const printed = await sh(dir, process.execPath, ['serverless.mjs', site]);
      const answer = JSON.parse(printed.trim().split('\n').at(-1)!) as {
        created: [number, string, { url: string; id: string }];
        hosted: [number, boolean];
        status: [number, Record<string, unknown>];
        item: [number, unknown];
        mode: string;
      };
      const [status, allowOrigin, link] = answer.created;
      assert.deepEqual([status, allowOrigin], [200, site]);
      assert.deepEqual(Object.keys(link).sort(), ['id', 'url']);
      assert.match(link.id, /^pl_\w+$/);
      assert.equal(
        link.url,
        `https://pay.shop.example/sandbox/pay/${link.id}`,
        'the sandbox, on the host the request came to',
      );
      assert.deepEqual(answer.hosted, [200, true]);
      assert.equal(answer.status[0], 200);
      assert.deepEqual(
        [answer.status[1]['id'], answer.status[1]['amount'], answer.status[1]['status']],
        [link.id, 1500, 'pending'],
      );
      assert.deepEqual(answer.item, [
        200,
        { description: 'Plant a tree in Kakamega', currency: 'KES', min: 50, max: 100000 },
      ]);
      assert.equal(answer.mode, 'sandbox');
    });
  },
);
