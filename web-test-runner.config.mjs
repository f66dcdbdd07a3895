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
  browsers.push(
    chromeLauncher({
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
      },
    }),
  );
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
  browsers.push(
    webdriverLauncher({
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
    }),
  );
}

export default {
  files: 'test/browser/**/*.test.ts',
  nodeResolve: true,
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json' })],
  browsers,
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
};
