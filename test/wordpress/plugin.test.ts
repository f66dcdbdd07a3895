/**
 * The WordPress plugin (integrations/wordpress/almara-pay-link, issue 13) on a real WordPress:
 * Debian's 6.1 with Twenty Twenty-Three, served by scripts/test-wordpress.sh (which installs
 * WordPress over HTTP and passes its URL and administrator in WP_URL, WP_ADMIN_USER,
 * WP_ADMIN_PASSWORD; the zip in WP_PLUGIN_ZIP). Everything else is done here as people do it:
 * the administrator creates an editor and an author, uploads the zip through "Upload plugin",
 * activates it, makes the thank-you page and configures the plugin through its settings page
 * (the "Fetch integrity" button) against `almara-pay-link serve` on the sandbox; the author
 * publishes posts with the shortcode and the block (REST API, the author's cookie and nonce);
 * a payer pays in Debian's Chromium; the administrator deletes the plugin last.
 *
 * Run: bash scripts/test-wordpress.sh (not on its own: it needs the WordPress that script starts).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { fillPayer, freePort, holdBack, launchChromium, recordProblems, stopDemo } from '../e2e/demo-server.js';

const WP = process.env['WP_URL'] ?? '';
const ADMIN = { user: process.env['WP_ADMIN_USER'] ?? 'admin', password: process.env['WP_ADMIN_PASSWORD'] ?? '' };
const ZIP = process.env['WP_PLUGIN_ZIP'] ?? '';
const DEBUG_LOG = process.env['WP_DEBUG_LOG'] ?? '';
/** A folder for screenshots of the pages people see (the settings page, a post with a form), when set. */
const SCREENSHOTS = process.env['WP_SCREENSHOTS'] ?? '';
const PASSWORD = `Kikoi-${createHash('sha256').update(String(Date.now())).digest('hex').slice(0, 16)}`;
const EVIL = 'https://evil.example';
/**
 * How much taller than the form its reservation may be, in em of the form's font (what
 * follows the form moves up by that much when it appears), by viewport width.
 */
const SLACK_EM = { 360: 3, 1280: 3 } as const;

const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** A logged-in user: a browser context with their cookies, and their REST nonce. */
interface Session {
  context: BrowserContext;
  page: Page;
  nonce: string;
  rest: (method: string, route: string, data?: unknown) => Promise<{ status: number; body: RestBody }>;
}

/** What the REST API answers, as far as the tests read it. */
interface RestBody {
  id: number;
  link: string;
  content: { raw: string };
  rendered: string;
}

/** The editor's globals, as far as the tests use them. */
interface EditorWindow {
  wp?: {
    blocks: { getBlockType: (name: string) => unknown; createBlock: (name: string, attributes: object) => unknown };
    data: { dispatch: (store: string) => { insertBlocks: (block: unknown) => void } };
  };
}

describe('the WordPress plugin on Debian’s WordPress 6.1', { timeout: 900_000 }, () => {
  let browser: Browser;
  let admin: Session;
  let author: Session;
  let editor: Session;
  let backend = '';
  let serve: ChildProcess | undefined;
  let serveOutput = '';
  let configDir = '';
  let thanks = { id: 0, link: '' };
  /** What the backend's banner says to pin each script with. */
  const banner = { link: '', status: '' };
  /** The author's posts, by name: their public URL. */
  const posts: Record<string, string> = {};
  let shortcodeId = 0;

  async function login(user: string, password: string): Promise<Session> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    // wp-login.php focuses (and selects) the user field 200 ms after load: typed after that.
    for (let attempt = 1; ; attempt++) {
      await page.goto(`${WP}/wp-login.php`, { waitUntil: 'load' });
      await page.waitForTimeout(300);
      await page.fill('#user_login', user);
      await page.fill('#user_pass', password);
      await page.click('#wp-submit');
      try {
        await page.waitForURL(/\/wp-admin\//, { timeout: 15_000 });
        break;
      } catch (error) {
        const said = squash(
          await page
            .locator('#login_error')
            .textContent({ timeout: 1000 })
            .catch(() => ''),
        );
        if (attempt === 2) throw new Error(`${user} could not log in: ${said || page.url()}`, { cause: error });
      }
    }
    const answer = await context.request.get(`${WP}/wp-admin/admin-ajax.php?action=rest-nonce`);
    assert.equal(answer.status(), 200);
    const nonce = (await answer.text()).trim();
    assert.match(nonce, /^[0-9a-f]{10}$/);
    const rest: Session['rest'] = async (method, route, data) => {
      const [path, query] = route.split('?');
      const response = await context.request.fetch(
        `${WP}/?rest_route=${encodeURIComponent(path!)}${query ? `&${query}` : ''}`,
        {
          method,
          headers: { 'X-WP-Nonce': nonce, 'Content-Type': 'application/json' },
          ...(data === undefined ? {} : { data: JSON.stringify(data) }),
        },
      );
      const text = await response.text();
      let body = text as unknown as RestBody;
      try {
        body = JSON.parse(text) as RestBody;
      } catch {
        // Not JSON: kept as text for the message.
      }
      return { status: response.status(), body };
    };
    return { context, page, nonce, rest };
  }

  /** A post published by `who`; its public URL. */
  async function publish(
    who: Session,
    title: string,
    content: string,
    type = 'posts',
  ): Promise<{ id: number; link: string }> {
    const { status, body } = await who.rest('POST', `/wp/v2/${type}`, { title, content, status: 'publish' });
    assert.equal(status, 201, JSON.stringify(body));
    return { id: body.id, link: body.link };
  }

  /** A page as a visitor's browser gets it (no cookie). */
  async function visitorHtml(url: string): Promise<string> {
    const response = await fetch(url, { signal: AbortSignal.timeout(20_000) });
    assert.equal(response.status, 200, url);
    return response.text();
  }

  before(async () => {
    assert.ok(
      WP && ADMIN.password && ZIP,
      'run through scripts/test-wordpress.sh (WP_URL, WP_ADMIN_PASSWORD, WP_PLUGIN_ZIP)',
    );
    browser = await launchChromium();
    admin = await login(ADMIN.user, ADMIN.password);

    // The administrator adds an editor and an author.
    for (const [username, role] of [
      ['esther', 'editor'],
      ['amani', 'author'],
    ] as const) {
      const { status, body } = await admin.rest('POST', '/wp/v2/users', {
        username,
        email: `${username}@duka.example`,
        password: PASSWORD,
        roles: [role],
      });
      assert.equal(status, 201, JSON.stringify(body));
    }

    // The zip as an administrator installs it: Plugins › Add New › Upload Plugin, then Activate.
    const page = admin.page;
    await page.goto(`${WP}/wp-admin/plugin-install.php?tab=upload`);
    await page.setInputFiles('#pluginzip', ZIP);
    await Promise.all([page.waitForURL(/update\.php\?action=upload-plugin/), page.click('#install-plugin-submit')]);
    assert.match(squash(await page.locator('.wrap').textContent()), /Plugin installed successfully/);
    await Promise.all([page.waitForURL(/plugins\.php/), page.getByRole('link', { name: 'Activate Plugin' }).click()]);
    assert.match(squash(await page.locator('#message, .notice').first().textContent()), /Plugin activated/);

    // The thank-you page, then the backend that sends payers back to it.
    thanks = await publish(
      admin,
      'Thank you',
      '<!-- wp:shortcode -->\n[almara_pay_status]\n<!-- /wp:shortcode -->',
      'pages',
    );
    const port = await freePort();
    backend = `http://127.0.0.1:${port}`;
    configDir = mkdtempSync(join(tmpdir(), 'almara-wp-backend-'));
    writeFileSync(
      join(configDir, 'almara.config.json'),
      JSON.stringify({
        allowedOrigins: [new URL(WP).origin],
        redirectionSite: thanks.link,
        items: {
          'kikoi-wrap': { description: 'Kikoi beach wrap', price: 1500 },
          'tree-fund': { description: 'Plant a tree in Kakamega', min: 50, max: 100000 },
        },
      }),
    );
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(ALMARA_|REDIS_URL$|NODE_TEST|NODE_OPTIONS$|PORT$)/.test(name)),
    );
    serve = spawn(
      process.execPath,
      [join(process.cwd(), 'dist/backend/bin.js'), 'serve', '--config', 'almara.config.json', '--port', String(port)],
      { cwd: configDir, env: { ...env, HOST: '127.0.0.1' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    serve.stdout?.on('data', (chunk: Buffer) => (serveOutput += chunk.toString()));
    serve.stderr?.on('data', (chunk: Buffer) => (serveOutput += chunk.toString()));
    const deadline = Date.now() + 30_000;
    while (!/\/healthz\n/.test(serveOutput)) {
      assert.equal(serve.exitCode, null, `serve exited:\n${serveOutput}`);
      assert.ok(Date.now() < deadline, `no banner:\n${serveOutput}`);
      await new Promise((done) => setTimeout(done, 100));
    }
    banner.link = /almara-pay-link\.js\?v=\S+\n\s+integrity="([^"]+)"/.exec(serveOutput)?.[1] ?? '';
    banner.status = /almara-pay-status\.js\?v=\S+\n\s+integrity="([^"]+)"/.exec(serveOutput)?.[1] ?? '';
    assert.ok(banner.link && banner.status, serveOutput);

    // The administrator configures the plugin: Settings › Almara Pay.
    await page.goto(`${WP}/wp-admin/options-general.php?page=almara-pay-link`);
    await page.fill('#almara_pay_link_backend_url', backend);
    await page.selectOption('#almara_pay_link_thanks_page', String(thanks.id));
    await Promise.all([page.waitForURL(/settings-updated=true/), page.click('#submit')]);
    assert.match(squash(await page.locator('.notice, .updated').first().textContent()), /Settings saved/);
    await Promise.all([
      page.waitForURL(/almara_pay_link_fetched=/),
      page.getByRole('button', { name: 'Fetch integrity' }).click(),
    ]);
    assert.match(squash(await page.locator('.notice').first().textContent()), /Integrity fetched/);

    author = await login('amani', PASSWORD);
    editor = await login('esther', PASSWORD);

    // The author's posts, as any author writes them (raw HTML included, which kses strips).
    const shortcode = await publish(
      author,
      'Kikoi beach wrap',
      [
        '<!-- wp:paragraph --><p>Handmade in Mombasa.</p><!-- /wp:paragraph -->',
        `<!-- wp:shortcode -->\n[almara_pay_link item="kikoi-wrap" endpoint="${EVIL}/api/payment-link" amount="1"]\n<!-- /wp:shortcode -->`,
        `<!-- wp:html -->\n<almara-pay-link endpoint="${EVIL}/steal" amount="1"></almara-pay-link>\n<script src="${EVIL}/x.js"></script>\n<!-- /wp:html -->`,
        '<!-- wp:paragraph --><p id="after">Shipped in three days.</p><!-- /wp:paragraph -->',
      ].join('\n'),
    );
    posts['shortcode'] = shortcode.link;
    shortcodeId = shortcode.id;
    posts['block'] = (
      await publish(
        author,
        'Plant a tree',
        `<!-- wp:almara-pay-link/payment-form {"item":"tree-fund","presets":"500 1000 999999","endpoint":"${EVIL}/api"} /-->\n<!-- wp:paragraph --><p id="after">Thank you for the trees.</p><!-- /wp:paragraph -->`,
      )
    ).link;
    posts['two'] = (
      await publish(
        author,
        'Two forms',
        '<!-- wp:shortcode -->\n[almara_pay_link item="kikoi-wrap" lang="sw"]\n<!-- /wp:shortcode -->\n<!-- wp:almara-pay-link/payment-form {"item":"tree-fund"} /-->\n<!-- wp:shortcode -->\n[almara_pay_link item="kikoi-wrap"]\n<!-- /wp:shortcode -->',
      )
    ).link;
    posts['open'] = (
      await publish(
        author,
        'Panda mti',
        '<!-- wp:almara-pay-link/payment-form {"item":"tree-fund","lang":"sw"} /-->\n<!-- wp:paragraph --><p id="after">Asante.</p><!-- /wp:paragraph -->',
      )
    ).link;
    posts['unknown'] = (
      await publish(
        author,
        'An old item',
        '<!-- wp:shortcode -->\n[almara_pay_link item="kikoi-wrap-2019"]\n<!-- /wp:shortcode -->',
      )
    ).link;
  });

  after(async () => {
    await browser?.close();
    if (serve) await stopDemo(serve);
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  it('the settings page is the administrator’s: the script URLs prefilled from the backend, their integrity fetched', async () => {
    const page = admin.page;
    await page.goto(`${WP}/wp-admin/options-general.php?page=almara-pay-link`);
    assert.match(
      await page.inputValue('#almara_pay_link_script_url'),
      new RegExp(`^${backend}/almara-pay-link\\.js\\?v=[\\w-]+$`),
    );
    assert.match(
      await page.inputValue('#almara_pay_link_status_script_url'),
      new RegExp(`^${backend}/almara-pay-status\\.js\\?v=[\\w-]+$`),
    );
    assert.equal(
      await page.inputValue('#almara_pay_link_script_integrity'),
      banner.link,
      'the digest the banner prints',
    );
    assert.equal(await page.inputValue('#almara_pay_link_status_script_integrity'), banner.status);
    for (const who of [editor, author]) {
      const response = await who.page.goto(`${WP}/wp-admin/options-general.php?page=almara-pay-link`);
      assert.equal(response?.status(), 403);
      const saved = await who.context.request.post(`${WP}/wp-admin/admin-post.php`, {
        form: { action: 'almara_pay_link_fetch_integrity', _wpnonce: 'x' },
      });
      assert.equal(saved.status(), 403, 'no fetch for non-administrators');
      const options = await who.context.request.post(`${WP}/wp-admin/options.php`, {
        form: { option_page: 'almara_pay_link', action: 'update', 'almara_pay_link_settings[backend_url]': EVIL },
      });
      assert.notEqual(options.status(), 200);
    }
    assert.equal(await page.inputValue('#almara_pay_link_backend_url'), backend, 'unchanged');
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'settings.png'), fullPage: true });
  });

  it('an author’s shortcode post: one script tag with SRI, crossorigin and defer; the administrator’s endpoint; kses strips the raw tag', async () => {
    const html = await visitorHtml(posts['shortcode']!);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag).filter((tag) => tag.includes('almara'));
    assert.equal(scripts.length, 1, scripts.join('\n'));
    const tag = scripts[0]!;
    assert.match(tag, new RegExp(`src=['"]${backend}/almara-pay-link\\.js\\?v=[\\w-]+['"]`));
    assert.ok(tag.includes(`integrity="${banner.link}"`), tag);
    assert.match(tag, /crossorigin="anonymous"/);
    assert.match(tag, /\bdefer\b/);
    const elements = [...html.matchAll(/<almara-pay-link\b[^>]*>/g)].map(([element]) => element);
    assert.deepEqual(elements, [
      `<almara-pay-link class="almara-pay-link is-fixed" endpoint="${backend}/api/payment-link" account-reference="kikoi-wrap" description="Kikoi beach wrap" currency="KES" amount="1500" redirection-site="${thanks.link.replace(/&/g, '&#038;')}" lang="en">`,
    ]);
    assert.ok(!html.includes('evil.example'), 'no trace of the author’s endpoint or script');
    // The reservation: the plugin's stylesheet, in the head.
    const head = html.slice(0, html.indexOf('</head>'));
    assert.match(
      head,
      /<link rel='stylesheet' id='almara-pay-link-reservation-css' href='[^']+\/wp-content\/plugins\/almara-pay-link\/assets\/almara-pay-link\.css\?ver=[\d.]+'/,
    );
    console.log(
      `wordpress: the form part of the author's published post: ${html.slice(html.indexOf('<almara-pay-link'), html.indexOf('</almara-pay-link>') + 18)}`,
    );
    console.log(`wordpress: and its one script tag: ${tag}`);

    // What WordPress stored for the author: the raw tag and script are gone.
    const { body } = await author.rest('GET', `/wp/v2/posts/${shortcodeId}?context=edit`);
    const raw = body.content.raw;
    assert.ok(!raw.includes('<almara-pay-link'), raw);
    assert.ok(!raw.includes('<script'), raw);
    assert.ok(raw.includes('[almara_pay_link item="kikoi-wrap"'), 'the shortcode is kept as written');
  });

  it('an author’s block post renders the open item within its bounds; the block’s own “endpoint” is ignored', async () => {
    const html = await visitorHtml(posts['block']!);
    const elements = [...html.matchAll(/<almara-pay-link\b[^>]*>/g)].map(([element]) => element);
    assert.equal(elements.length, 1);
    assert.match(elements[0]!, new RegExp(`endpoint="${backend}/api/payment-link"`));
    assert.match(
      elements[0]!,
      /account-reference="tree-fund" description="Plant a tree in Kakamega" currency="KES" min-amount="50" max-amount="100000" amount-presets="500 1000"/,
    );
    assert.ok(!/\samount="/.test(elements[0]!), 'no fixed amount');
    assert.ok(
      !html.includes('evil.example'),
      html.slice(Math.max(0, html.indexOf('evil.example') - 300), html.indexOf('evil.example') + 100),
    );
    assert.equal([...html.matchAll(/<script\b[^>]*almara-pay-link\.js/g)].length, 1);
  });

  it('two forms and three on a page: the script is loaded once', async () => {
    const html = await visitorHtml(posts['two']!);
    assert.equal([...html.matchAll(/<almara-pay-link\b/g)].length, 3);
    assert.equal([...html.matchAll(/<script\b[^>]*almara-pay-link\.js/g)].length, 1);
    assert.equal([...html.matchAll(/id='almara-pay-link-reservation-css'/g)].length, 1);
    assert.match(html, /account-reference="kikoi-wrap"[^>]*lang="sw"/);
    // And a page with no form has none of the plugin's files.
    const plain = await visitorHtml(`${WP}/?p=1`);
    assert.ok(!plain.includes('almara'), 'Hello world has no script or stylesheet of the plugin');
  });

  it('an unknown item: a notice for those who can edit posts, nothing for visitors', async () => {
    const html = await visitorHtml(posts['unknown']!);
    assert.ok(!html.includes('almara-pay-link-notice') && !html.includes('<almara-pay-link'));
    assert.ok(!html.includes('almara-pay-link.js'), 'no script for no form');
    const page = await author.context.newPage();
    await page.goto(posts['unknown']!);
    assert.match(
      squash(await page.locator('.almara-pay-link-notice').textContent()),
      /The backend has no item “kikoi-wrap-2019”/,
    );
    await page.close();
  });

  it('the block editor loads the block’s script and previews the item rendered by the server', async () => {
    const page = await author.context.newPage();
    const problems = await recordProblems(page);
    await page.goto(`${WP}/wp-admin/post-new.php`);
    await page.waitForFunction(
      () => (window as unknown as EditorWindow).wp?.blocks.getBlockType('almara-pay-link/payment-form') !== undefined,
      null,
      { timeout: 60_000 },
    );
    // The author inserts the block and names the item: the sidebar has its fields, the canvas the server's preview.
    await page.evaluate(() => {
      const wp = (window as unknown as EditorWindow).wp!;
      wp.data
        .dispatch('core/block-editor')
        .insertBlocks(wp.blocks.createBlock('almara-pay-link/payment-form', { item: 'kikoi-wrap' }));
    });
    const canvas = page.frameLocator('iframe[name="editor-canvas"]').locator('.almara-pay-link-preview');
    const inline = page.locator('.almara-pay-link-preview');
    // 6.1's post editor puts the canvas in an iframe for some themes and not for others: either.
    const deadline = Date.now() + 30_000;
    while ((await inline.count()) + (await canvas.count()) === 0) {
      assert.ok(Date.now() < deadline, 'no preview of the block in the editor');
      await page.waitForTimeout(200);
    }
    const shown = (await inline.count()) > 0 ? inline : canvas;
    assert.match(squash(await shown.first().textContent()), /Kikoi beach wrap · KES 1,500/);
    for (const label of ['Item', 'Language', 'Preset amounts'])
      await page.locator('.interface-complementary-area').getByLabel(label).waitFor();
    assert.equal(await page.locator('.interface-complementary-area').getByLabel('Item').inputValue(), 'kikoi-wrap');

    const preview = await author.rest(
      'GET',
      '/wp/v2/block-renderer/almara-pay-link/payment-form?context=edit&attributes[item]=kikoi-wrap',
    );
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.match(preview.body.rendered, /Kikoi beach wrap<\/strong> · KES 1,500/);
    assert.deepEqual(
      problems.filter((problem) => problem.includes('almara')),
      [],
    );
    const front = await visitorHtml(posts['block']!);
    assert.ok(!front.includes('block-editor.js'), 'the editor script is for the editor only');
    await page.close();
  });

  it('a fixed-price item shows its price and asks no amount; a payer pays through the sandbox and the thank-you page says “Payment received”', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-KE' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const problems = await recordProblems(page);
    await page.goto(posts['shortcode']!);
    const form = page.locator('almara-pay-link');
    await form.getByRole('button', { name: /^Pay KES\s1,500$/ }).waitFor();
    assert.equal(await form.getByLabel('Amount').count(), 0, 'a fixed price asks no amount');
    assert.match(squash(await form.locator('[part=summary]').textContent()), /Kikoi beach wrap/);
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'post.png'), fullPage: true });
    await fillPayer(form);
    const answered = page.waitForResponse(
      (response) => response.url() === `${backend}/api/payment-link` && response.request().method() === 'POST',
    );
    await form.getByRole('button', { name: /^Pay KES\s1,500$/ }).click();
    assert.equal((await answered).status(), 200);
    await page.waitForURL((url) => url.href.startsWith(`${backend}/sandbox/pay/pl_`));
    assert.equal(squash(await page.locator('h1').textContent()), 'KES 1,500');
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(thanks.link) && url.searchParams.has('paymentLinkId'));
    const receipt = page.locator('almara-pay-status');
    await page.locator('almara-pay-status[status="paid"]').waitFor();
    assert.equal(squash(await receipt.locator('[part=title]').textContent()), 'Payment received');
    assert.equal(squash(await receipt.locator('[part=summary] .amount').textContent()), 'KES 1,500');
    const statusScripts = await page.$$eval('script[src*="almara"]', (nodes) =>
      nodes.map((node) => [
        (node as HTMLScriptElement).src.replace(/\?.*/, ''),
        (node as HTMLScriptElement).integrity,
        (node as HTMLScriptElement).crossOrigin,
        (node as HTMLScriptElement).defer,
      ]),
    );
    assert.deepEqual(statusScripts, [[`${backend}/almara-pay-status.js`, banner.status, 'anonymous', true]]);
    assert.deepEqual(problems, [], 'no CSP violation, script error or console error');
    await context.close();
  });

  it('an open item asks for an amount within its bounds, with the presets', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-KE' });
    page.setDefaultTimeout(30_000);
    const problems = await recordProblems(page);
    await page.goto(posts['block']!);
    const form = page.locator('almara-pay-link');
    const amount = form.getByLabel('Amount');
    await amount.waitFor();
    for (const preset of ['KES 500', 'KES 1,000']) await form.getByRole('button', { name: preset }).waitFor();
    assert.match(
      squash(await form.textContent()) +
        squash(await page.evaluate(() => document.querySelector('almara-pay-link')!.shadowRoot!.textContent)),
      /KES 50\s?–\s?(KES )?100,000/,
    );
    await fillPayer(form);
    await amount.fill('20');
    await form.getByRole('button', { name: /^Pay\b/ }).click();
    assert.equal(await amount.getAttribute('aria-invalid'), 'true', 'below the least amount');
    await amount.fill('750');
    const answered = page.waitForResponse(
      (response) => response.url() === `${backend}/api/payment-link` && response.request().method() === 'POST',
    );
    await form.getByRole('button', { name: /^Pay KES\s750$/ }).click();
    assert.equal((await answered).status(), 200);
    await page.waitForURL((url) => url.href.startsWith(`${backend}/sandbox/pay/pl_`));
    assert.equal(squash(await page.locator('h1').textContent()), 'KES 750');
    assert.deepEqual(problems, []);
    await page.close();
  });

  describe('the reservation (the plugin’s stylesheet) keeps the form’s place in Twenty Twenty-Three', () => {
    const measured: string[] = [];
    after(() => {
      for (const line of measured) console.log(`wordpress: ${line}`);
    });
    const kinds = {
      shortcode: 'fixed price',
      open: 'open amount, in Swahili',
      block: 'open amount with presets',
    } as const;
    for (const kind of Object.keys(kinds) as (keyof typeof kinds)[]) {
      for (const width of [360, 1280] as const) {
        it(`${kinds[kind]} at ${width} px`, async () => {
          const page = await browser.newPage({ viewport: { width, height: 900 } });
          page.setDefaultTimeout(30_000);
          const release = await holdBack(page, `${backend}/almara-pay-link.js*`);
          // Deferred, the held script holds DOMContentLoaded back too: the page is read as it is parsed.
          await page.goto(posts[kind]!, { waitUntil: 'commit' });
          await page.waitForFunction(
            () =>
              document.querySelector('#after') &&
              [...document.styleSheets].some((sheet) => sheet.href?.includes('almara-pay-link.css')),
          );
          await page.evaluate(() => document.fonts.ready);
          const box = () =>
            page.evaluate(() => ({
              form: document.querySelector('almara-pay-link')!.getBoundingClientRect().height,
              after: document.querySelector('#after')!.getBoundingClientRect().top,
              rem: parseFloat(getComputedStyle(document.documentElement).fontSize),
              em: parseFloat(getComputedStyle(document.querySelector('almara-pay-link')!).fontSize),
              defined: customElements.get('almara-pay-link') !== undefined,
            }));
          const reserved = await box();
          assert.equal(reserved.defined, false);
          release();
          await page
            .locator('almara-pay-link')
            .getByRole('button', { name: /^(Pay|Lipa)\b/ })
            .waitFor();
          await page.evaluate(() => document.fonts.ready);
          const rendered = await box();
          measured.push(
            `${kind} ${width}px: form ${rendered.form.toFixed(1)}px (${(rendered.form / rendered.em).toFixed(2)}em of ${rendered.em}px), reserved ${reserved.form}px`,
          );
          assert.ok(reserved.form > 0, 'the stylesheet applies before the script runs');
          assert.ok(
            rendered.form <= reserved.form,
            `the form (${rendered.form}px) outgrows its reservation (${reserved.form}px)`,
          );
          assert.ok(
            reserved.form - rendered.form <= SLACK_EM[width] * rendered.em,
            `the reservation (${reserved.form}px) is far taller than the form (${rendered.form}px)`,
          );
          await page.close();
        });
      }
    }
  });

  it('in a classic theme (Twenty Twenty-One) too: the stylesheet in the head, the one script in the footer, the form in place', async () => {
    const page = admin.page;
    await page.goto(`${WP}/wp-admin/themes.php`);
    const activate = await page
      .locator('a[href*="action=activate"][href*="stylesheet=twentytwentyone"]')
      .first()
      .getAttribute('href');
    assert.ok(activate, 'Twenty Twenty-One is installed (wordpress-theme-twentytwentyone)');
    await page.goto(new URL(activate.replace(/&amp;/g, '&'), `${WP}/wp-admin/`).href);
    try {
      const html = await visitorHtml(posts['two']!);
      assert.match(html, /themes\/twentytwentyone\//);
      const head = html.slice(0, html.indexOf('</head>'));
      assert.match(head, /id='almara-pay-link-reservation-css'/);
      assert.equal([...html.matchAll(/<script\b[^>]*almara-pay-link\.js/g)].length, 1);
      assert.ok(!head.includes('almara-pay-link.js'), 'the script is printed with the footer’s');
      assert.equal([...html.matchAll(/<almara-pay-link\b/g)].length, 3);

      for (const kind of ['shortcode', 'open', 'block'] as const) {
        const visitor = await browser.newPage({ viewport: { width: 360, height: 900 } });
        visitor.setDefaultTimeout(30_000);
        const problems = await recordProblems(visitor);
        const release = await holdBack(visitor, `${backend}/almara-pay-link.js*`);
        await visitor.goto(posts[kind]!, { waitUntil: 'commit' });
        await visitor.waitForFunction(() =>
          [...document.styleSheets].some((sheet) => sheet.href?.includes('almara-pay-link.css')),
        );
        await visitor.waitForFunction(() => document.querySelector('#after'));
        await visitor.evaluate(() => document.fonts.ready);
        const height = () =>
          visitor.evaluate(() => document.querySelector('almara-pay-link')!.getBoundingClientRect().height);
        const em = await visitor.evaluate(() =>
          parseFloat(getComputedStyle(document.querySelector('almara-pay-link')!).fontSize),
        );
        const reserved = await height();
        release();
        await visitor
          .locator('almara-pay-link')
          .getByRole('button', { name: /^(Pay|Lipa)\b/ })
          .waitFor();
        await visitor.evaluate(() => document.fonts.ready);
        const rendered = await height();
        console.log(
          `wordpress: twentytwentyone ${kind} 360px: form ${rendered.toFixed(1)}px (${(rendered / em).toFixed(2)}em of ${em}px), reserved ${reserved}px`,
        );
        assert.ok(
          reserved > 0 && rendered <= reserved,
          `${kind}: the form (${rendered}px) outgrows its reservation (${reserved}px)`,
        );
        assert.ok(
          reserved - rendered <= SLACK_EM[360] * em,
          `${kind}: the reservation (${reserved}px) is far taller than the form (${rendered}px)`,
        );
        assert.deepEqual(problems, []);
        await visitor.close();
      }
    } finally {
      await page.goto(`${WP}/wp-admin/themes.php`);
      const back = await page
        .locator('a[href*="action=activate"][href*="stylesheet=twentytwentythree"]')
        .first()
        .getAttribute('href');
      if (back) await page.goto(new URL(back.replace(/&amp;/g, '&'), `${WP}/wp-admin/`).href);
    }
  });

  it('an unreachable backend: those who can edit posts see why, visitors see no form and no script', async () => {
    const page = admin.page;
    const configure = async (url: string) => {
      await page.goto(`${WP}/wp-admin/options-general.php?page=almara-pay-link`);
      await page.fill('#almara_pay_link_backend_url', url);
      await Promise.all([page.waitForURL(/settings-updated=true/), page.click('#submit')]);
    };
    const down = `http://127.0.0.1:${await freePort()}`;
    await configure(down);
    assert.equal(
      await page.inputValue('#almara_pay_link_script_url'),
      `${down}/almara-pay-link.js`,
      'the new backend’s script, prefilled',
    );
    assert.equal(
      await page.inputValue('#almara_pay_link_script_integrity'),
      '',
      'the old digest is dropped with the old script',
    );
    const html = await visitorHtml(posts['shortcode']!);
    assert.ok(
      !html.includes('<almara-pay-link') &&
        !html.includes('almara-pay-link-notice') &&
        !html.includes('almara-pay-link.js'),
    );
    const seen = await author.context.newPage();
    await seen.goto(posts['shortcode']!);
    assert.match(
      squash(await seen.locator('.almara-pay-link-notice').textContent()),
      /The backend cannot be reached at http:\/\/127\.0\.0\.1:\d+\/api\/items\/kikoi-wrap/,
    );
    await seen.close();

    await configure(backend);
    await Promise.all([
      page.waitForURL(/almara_pay_link_fetched=ok/),
      page.getByRole('button', { name: 'Fetch integrity' }).click(),
    ]);
    assert.equal(await page.inputValue('#almara_pay_link_script_integrity'), banner.link);
    assert.match(await visitorHtml(posts['shortcode']!), /<almara-pay-link\b/);
  });

  it('PHP logged no notice, warning or error of the plugin', () => {
    const log = DEBUG_LOG ? readFileSync(DEBUG_LOG, 'utf8') : '';
    assert.deepEqual(
      log.split('\n').filter((line) => line.includes('almara-pay-link')),
      [],
    );
  });

  it('deleting the plugin (Plugins › Deactivate, Delete) runs uninstall.php: its options and transients are gone', async () => {
    const page = admin.page;
    const options = async () => {
      await page.goto(`${WP}/wp-admin/options.php`);
      return (await page.locator('form table').textContent()) ?? '';
    };
    const before = await options();
    assert.ok(before.includes('almara_pay_link_settings'));
    assert.ok(before.includes('_transient_almara_pay_link_item_'), 'the catalogue is cached');
    await page.goto(`${WP}/wp-admin/plugins.php`);
    const row = page.locator('tr[data-slug="almara-pay-link"]');
    await Promise.all([page.waitForURL(/deactivate=true/), row.getByRole('link', { name: /Deactivate/ }).click()]);
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('link', { name: /Delete/ }).click();
    await page.getByText(/Almara Pay Link was successfully deleted/).waitFor({ timeout: 60_000 });
    const left = await options();
    assert.ok(!left.includes('almara_pay_link'), 'no option nor transient of the plugin is left');
  });
});
