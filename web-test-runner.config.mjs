// Browser tests in the three engines a Kenyan payer's phone or laptop may run: Chromium,
// Firefox and WebKit, all from Debian's packages (no browser download works here).
// BROWSERS=chromium npm run test:browsers runs one of them.
import { spawn } from 'node:child_process';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import * as puppeteer from 'puppeteer-core';

const want = (process.env.BROWSERS ?? 'chromium,firefox,webkit').split(',');
const browsers = [];
if (want.includes('chromium')) {
  const chromium = chromeLauncher({
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
  });
  // sendKeys({ type }) is puppeteer's keyboard.type(), which waits for each key's down and
  // up to come back from Chromium before sending the next: two round trips a character,
  // most of the suite's time on a busy machine. Send the same key events at once instead;
  // one CDP connection keeps them in order.
  const getPage = chromium.getPage.bind(chromium);
  const pipelined = new WeakSet();
  chromium.getPage = (sessionId) => {
    const page = getPage(sessionId);
    const { keyboard } = page;
    if (!pipelined.has(keyboard)) {
      pipelined.add(keyboard);
      keyboard.type = (text) =>
        Promise.all(
          [...text].flatMap((char) =>
            keyboard.charIsKey(char) ? [keyboard.down(char), keyboard.up(char)] : [keyboard.sendCharacter(char)],
          ),
        );
    }
    return page;
  };
  browsers.push(chromium);
}
if (want.includes('firefox')) {
  // Firefox through WebDriver BiDi, driven by puppeteer-core.
  browsers.push(
    chromeLauncher({ puppeteer, launchOptions: { browser: 'firefox', executablePath: '/usr/bin/firefox-esr' } }),
  );
}
if (want.includes('webkit')) {
  // WebKitGTK's MiniBrowser has no headless mode: this runs under xvfb-run.
  const { webdriverLauncher } = await import('@web/test-runner-webdriver');
  const port = 4445;
  const driver = spawn('/usr/bin/WebKitWebDriver', [`--port=${port}`], { stdio: 'ignore' });
  process.on('exit', () => driver.kill());
  await new Promise((resolve) => setTimeout(resolve, 500));
  const webkit = webdriverLauncher({
    hostname: '127.0.0.1',
    port,
    path: '/',
    logLevel: 'error',
    capabilities: {
      browserName: 'MiniBrowser',
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': {
        binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        // As the other two engines do headless: a test opens windows outside a real click.
        args: ['--automation', '--javascript-can-open-windows-automatically=true'],
      },
    },
  });
  // sendKeys({ type }) reaches WebdriverIO's keys(), which presses every key of the string
  // down before it lets any up; WebKitGTK's driver then loses repeated keys ("0712 345 678"
  // arrived as "0712 345678"), the more so on a busy machine. Press and release each key in
  // turn instead, still in one action sequence. Named keys (Enter, Backspace) map to
  // WebDriver's code points as keys() maps them.
  const { Key } = await import('webdriverio');
  webkit.sendKeys = function (sessionId, keys) {
    const actions = keys.flatMap((key) => {
      const value = Key[key] ?? key;
      return [
        { type: 'keyDown', value },
        { type: 'keyUp', value },
      ];
    });
    return this.driverManager.performActions(sessionId, [{ type: 'key', id: 'keyboard', actions }]);
  };
  browsers.push(webkit);
}

/**
 * `executeServerCommand('emulate-forced-colors', { active })`: forced colours (Windows High
 * Contrast), which @web/test-runner-commands' emulateMedia does not offer and puppeteer's
 * emulateMediaFeatures refuses. Chromium has it through the DevTools protocol; the command
 * answers false where the engine has no such emulation (Firefox, WebKitGTK).
 */
const sessions = new WeakMap();
const forcedColors = {
  name: 'emulate-forced-colors',
  async executeCommand({ command, payload, session }) {
    if (command !== 'emulate-forced-colors') return undefined;
    if (session.browser.type !== 'puppeteer' || !session.browser.name?.includes('Chrom')) return false;
    const page = session.browser.getPage(session.id);
    // One DevTools session per page, kept open: the emulation ends with the session.
    if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
    const value = payload?.active ? 'active' : 'none';
    await sessions.get(page).send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value }] });
    return true;
  },
};

export default {
  files: 'test/browser/**/*.test.ts',
  nodeResolve: true,
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json' }), forcedColors],
  browsers,
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  // The whole run's bound, not a test's: three engines one after the other take 4–6 minutes on a
  // busy 2-core machine.
  testsFinishTimeout: 900000,
};
