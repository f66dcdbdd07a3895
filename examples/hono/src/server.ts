import { readFile } from 'node:fs/promises';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createPaymentLinkHandler } from 'almara-pay-link/server';

// Fail at start, naming what is missing, rather than at the first payment.
function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set the environment variable ${name}`);
  return value;
}

const paymentLink = createPaymentLinkHandler({
  baseUrl: env('ALMARA_BASE_URL'),
  credentials: { clientId: env('ALMARA_CLIENT_ID'), clientSecret: env('ALMARA_CLIENT_SECRET') },
  shortCode: env('ALMARA_SHORT_CODE'),
  redirectionSite: env('REDIRECTION_SITE'),
  // The price comes from the shop's catalogue, never from the browser.
  prepare: (input) => ({ ...input, amount: 1500, isAmountSpecified: true, description: 'Kikoi wrap' }),
});

// The element as one classic script: the CDN file, served from node_modules.
// (On Node the `cdn/almara-pay-link.js` subpath resolves to the module build, so start from package.json.)
const script = await readFile(
  new URL('dist/cdn/almara-pay-link.js', import.meta.resolve('almara-pay-link/package.json')),
);

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Kikoi wrap</title>
    <link rel="icon" href="data:," />
    <script src="/almara-pay-link.js" defer></script>
  </head>
  <body>
    <h1>Kikoi wrap</h1>
    <almara-pay-link endpoint="/api/payment-link" amount="1500" currency="KES" description="Kikoi wrap"></almara-pay-link>
  </body>
</html>
`;

const app = new Hono();
// The handler is a Fetch handler: it takes Hono's Request as it is. OPTIONS: CORS preflights.
app.on(['POST', 'OPTIONS'], '/api/payment-link', (c) => paymentLink(c.req.raw));
app.get('/almara-pay-link.js', (c) => c.body(script, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
app.get('/', (c) => c.html(page));

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? 'localhost';
serve({ fetch: app.fetch, port, hostname }, () => {
  console.log(`Listening on http://${hostname}:${port}`);
});
